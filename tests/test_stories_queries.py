"""Query budgets for the story list, the story page and the home page sections.

Each page is viewed once first: renditions are made on the first view and the
site frame fills its cache; the budget is for every view after that.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from home.models import ContactSettings
from stories.listings import latest_stories, skill_area_labels
from stories.models import StoryIndexPage, SuccessStory
from tests import stories_helpers as h

pytestmark = pytest.mark.django_db

FILTERED = "?bidang=menjahit&kecamatan=pahandut"


def add_stories(index, count, areas, portraits):
    """Many live stories, quickly: no revisions, skill areas written in one statement."""
    through = SuccessStory.skill_areas.through
    links = []
    start = datetime.date(2020, 1, 1)
    for number in range(count):
        page = SuccessStory(
            title=f"Kisah {number}",
            slug=f"kisah-massal-{number}",
            participant_name=f"Peserta {number}",
            pseudonym="Ibu P.",
            hide_identity=number % 10 == 0,
            kecamatan="pahandut" if number % 4 else "sabangau",
            training_year=2024,
            intro="Cerita singkat.",
            date_published=start + datetime.timedelta(days=number),
            portrait=portraits[number % len(portraits)],
            income_before=500_000,
            income_after=1_500_000 + number,
            started_business=number % 2 == 0,
        )
        index.add_child(instance=page)
        links.extend(through(successstory_id=page.pk, skillarea_id=area.pk) for area in areas)
    through.objects.bulk_create(links)


@pytest.fixture
def world(site_tree, monkeypatch):
    # A live site has its contact settings; the frame would otherwise create them (and bump its cache) on first view.
    ContactSettings.objects.create(site=Site.objects.get(is_default_site=True))
    monkeypatch.setattr(StoryIndexPage, "stories_per_page", 50)
    areas = h.make_skill_areas()
    index, en_index = h.make_index(site_tree)
    portraits = [h.image(f"Potret {n}") for n in range(3)]
    return {"areas": areas, "index": index, "en_index": en_index, "portraits": portraits}


def cards(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select(".story-card")


def measure(client, url, budget, assert_max_queries):
    client.get(url)
    with assert_max_queries(budget):
        response = client.get(url)
    return response


@pytest.mark.parametrize("language", ["id", "en"])
def test_filtered_list_with_50_stories_on_the_page_stays_within_10_queries(
    client, world, language, django_assert_max_num_queries
):
    index = world["index"] if language == "id" else world["en_index"]
    sewing, weaving = (world["areas"][slug][0 if language == "id" else 1] for slug in ("menjahit", "kerajinan-anyaman"))
    add_stories(index, 80, [sewing, weaving], world["portraits"])
    url = index.url + FILTERED
    response = measure(client, url, 10, django_assert_max_num_queries)
    assert len(cards(response)) == 50
    doc = BeautifulSoup(response.content, "html.parser")
    assert len(doc.select(".story-card .tag-list li")) == 100
    for card in doc.select(".story-card"):
        # Every tenth participant asked for privacy: their card has no picture.
        assert (card.find("picture") is None) == ("Ibu P." in card.get_text())


def test_filtered_list_stays_within_10_queries_with_500_stories_in_the_database(
    client, world, django_assert_max_num_queries
):
    sewing = world["areas"]["menjahit"][0]
    add_stories(world["index"], 500, [sewing], world["portraits"])
    assert SuccessStory.objects.count() == 500
    response = measure(client, "/kisah-sukses/" + FILTERED + "&page=3", 10, django_assert_max_num_queries)
    assert len(cards(response)) == 50
    doc = BeautifulSoup(response.content, "html.parser")
    assert "375 kisah" in doc.find(class_="story-count").get_text()


def test_list_costs_the_same_for_3_or_50_stories_on_the_page(client, world, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_stories(world["index"], 80, [world["areas"]["menjahit"][0]], world["portraits"])
    counts = {}
    for per_page in (3, 50):
        monkeypatch.setattr(StoryIndexPage, "stories_per_page", per_page)
        client.get("/kisah-sukses/" + FILTERED)
        with CaptureQueriesContext(connection) as queries:
            assert len(cards(client.get("/kisah-sukses/" + FILTERED))) == per_page
        counts[per_page] = len(queries)
    assert counts[3] == counts[50]


@pytest.mark.parametrize("url", ["/kisah-sukses/kisah-utama/", "/en/success-stories/main-story/"])
def test_story_page_with_gallery_partners_and_related_stories_stays_within_15_queries(
    client, world, url, django_assert_max_num_queries
):
    index, areas = world["index"], world["areas"]
    sewing, weaving = areas["menjahit"][0], areas["kerajinan-anyaman"][0]
    partners = [h.make_partner(f"Mitra {n}", f"Partner {n}", "https://mitra.example")[0] for n in range(2)]
    main = h.story(
        index,
        "Kisah utama",
        slug="kisah-utama",
        areas=[sewing, weaving],
        partners=partners,
        portrait=world["portraits"][0],
        gallery=[{"image": h.image(f"Galeri {n}"), "caption": f"Foto {n}"} for n in range(3)],
        income_before=800_000,
        income_after=2_500_000,
        started_business=True,
    )
    h.translate(main, title="Main story", slug="main-story")
    for number in range(4):
        other = h.story(index, f"Lain {number}", areas=[sewing], portrait=world["portraits"][number % 3])
        h.translate(other, title=f"Other {number}", slug=f"other-{number}")
    response = measure(client, url, 15, django_assert_max_num_queries)
    doc = BeautifulSoup(response.content, "html.parser")
    assert len(doc.select(".story-gallery img")) == 3
    assert len(doc.select(".related-stories .story-card")) == 3
    assert len(doc.select(".story-facts__partners li")) == 2


def test_latest_stories_section_takes_two_queries(world, locales, django_assert_num_queries):
    add_stories(world["index"], 20, [world["areas"]["menjahit"][0]], world["portraits"])
    skill_area_labels(locales[0].pk)  # cached with the site frame
    with django_assert_num_queries(2):
        stories = latest_stories(locales[0].pk)
        # Portraits and their renditions came with those two queries.
        assert all("renditions" in story.portrait._prefetched_objects_cache for story in stories)
    assert [story.title for story in stories] == ["Kisah 19", "Kisah 18", "Kisah 17"]


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_home_page_with_story_sections_stays_within_12_queries(client, world, url, django_assert_max_num_queries):
    from home.models import Partner

    hero = h.image("Hero")
    for index in (world["index"], world["en_index"]):
        home = index.get_parent().specific
        home.hero_image = hero
        home.save_revision().publish()
    for number in range(4):
        partner, english = h.make_partner(f"Mitra {number}", f"Partner {number}")
        Partner.objects.filter(pk__in=[partner.pk, english.pk]).update(logo=h.image(f"Logo {number}"))
    add_stories(world["index"], 30, [world["areas"]["menjahit"][0]], world["portraits"])
    add_stories(world["en_index"], 30, [world["areas"]["menjahit"][1]], world["portraits"])
    response = measure(client, url, 12, django_assert_max_num_queries)
    assert b'id="impact-heading"' in response.content
    assert b'id="latest-stories-heading"' in response.content
    assert b'id="partners-heading"' in response.content
