"""Impact figures from fixtures with known answers, and the home page sections built on them."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from stories.figures import impact_figures
from stories.listings import skill_area_labels
from tests import stories_helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    areas = h.make_skill_areas()
    index, en_index = h.make_index(site_tree)
    return {"areas": areas, "index": index, "en_index": en_index, "site_tree": site_tree}


@pytest.fixture
def known(world):
    """Four published stories whose figures are worked out by hand below, plus stories that must not count.

    Income changes: +1,700,000, +1,300,000, -100,000; one story gives no income.
    Median of the three: 1,300,000. Started a business: 3 of 4 = 75%.
    Skill areas: sewing 3 (one story has two areas), weaving 1, IT 1.
    """
    index, areas = world["index"], world["areas"]
    sewing, weaving, it = (areas[s][0] for s in ("menjahit", "kerajinan-anyaman", "teknologi-informasi"))
    published = [
        h.story(index, "A", areas=[weaving], income_before=800_000, income_after=2_500_000, started_business=True),
        h.story(index, "B", areas=[sewing], income_before=500_000, income_after=1_800_000, started_business=True),
        h.story(index, "C", areas=[sewing, it], income_before=1_000_000, income_after=900_000),
        h.story(index, "D", areas=[sewing], income_after=3_000_000, started_business=True),
    ]
    # None of these may change a figure.
    h.story(
        index, "Draft", areas=[weaving], income_before=0, income_after=9_000_000, started_business=True, publish=False
    )
    h.story(index, "Withdrawn", areas=[weaving], income_before=0, income_after=9_000_000).unpublish()
    private = h.story(index, "Private", areas=[weaving], income_before=0, income_after=9_000_000)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="rahasia")
    return published


def test_figures_add_up_the_published_stories(known, locales):
    figures = impact_figures(locales[0].pk)
    assert figures.story_count == 4
    assert figures.business_count == 3
    assert figures.business_share == 75
    assert figures.income_reported == 3
    assert figures.median_income_change == 1_300_000
    assert [(bar.slug, bar.count, bar.percent) for bar in figures.bars] == [
        ("menjahit", 3, 100),
        ("kerajinan-anyaman", 1, 33),
        ("teknologi-informasi", 1, 33),
    ]


def test_median_of_an_even_number_of_changes_is_the_mean_of_the_middle_two(world, locales):
    index, sewing = world["index"], world["areas"]["menjahit"][0]
    h.story(index, "A", areas=[sewing], income_before=1_000_000, income_after=2_000_000)
    h.story(index, "B", areas=[sewing], income_before=1_000_000, income_after=1_500_000)
    assert impact_figures(locales[0].pk).median_income_change == 750_000


def test_without_income_there_is_no_median(world, locales):
    h.story(world["index"], "A", areas=[world["areas"]["menjahit"][0]])
    figures = impact_figures(locales[0].pk)
    assert figures.story_count == 1
    assert figures.median_income_change is None
    assert figures.business_share == 0


def test_no_published_story_means_no_figures(world, locales):
    h.story(world["index"], "Draft", areas=[world["areas"]["menjahit"][0]], publish=False)
    figures = impact_figures(locales[0].pk)
    assert not figures
    assert figures.story_count == 0
    assert figures.bars == []


def test_figures_count_only_the_active_language(known, locales):
    h.translate(known[0], title="A in English", slug="a-en")
    english = impact_figures(locales[1].pk)
    assert english.story_count == 1
    assert english.median_income_change == 1_700_000
    assert [(bar.name, bar.count) for bar in english.bars] == [("Weaving", 1)]


def test_figures_take_one_query(known, locales, django_assert_num_queries):
    skill_area_labels(locales[0].pk)  # names are cached with the rest of the site frame
    with django_assert_num_queries(1):
        impact_figures(locales[0].pk)


def test_home_page_shows_figures_chart_and_latest_stories(client, known, world):
    doc = BeautifulSoup(client.get("/").content, "html.parser")
    impact = doc.find(id="impact-heading").find_parent("section")
    values = [p.get_text() for p in impact.select(".statistic__value")]
    assert values == ["4", "75%", "+Rp 1.300.000"]
    rows = impact.select(".bar-chart__row")
    assert [row.find("a").get_text() for row in rows] == ["Menjahit", "Kerajinan anyaman", "Teknologi informasi"]
    assert rows[0].find("a")["href"] == "/kisah-sukses/?bidang=menjahit"
    assert [row.find("rect")["width"] for row in rows] == ["100", "33", "33"]
    assert rows[0].find(class_="bar-chart__value").get_text() == "3 kisah"
    # The chart is plain HTML and SVG: no script runs (JSON-LD data blocks do not execute).
    assert [s for s in doc.find_all("script") if s.get("type") != "application/ld+json"] == []
    latest = doc.find(id="latest-stories-heading").find_parent("section")
    assert [a.get_text() for a in latest.select(".story-card__title a")] == ["D", "C", "B"]
    assert "Draft" not in doc.get_text() and "Withdrawn" not in doc.get_text() and "Private" not in doc.get_text()


def test_english_home_page_uses_english_figures_and_money(client, known, world):
    h.translate(known[1], title="B in English", slug="b-en")
    doc = BeautifulSoup(client.get("/en/").content, "html.parser")
    impact = doc.find(id="impact-heading").find_parent("section")
    assert impact.h2.get_text() == "What the training changed"
    assert [p.get_text() for p in impact.select(".statistic__value")] == ["1", "100%", "+IDR 1,300,000"]
    assert impact.find(class_="bar-chart__label").a["href"] == "/en/success-stories/?bidang=menjahit"


def test_home_page_sections_stay_hidden_without_published_stories(client, world):
    h.story(world["index"], "Draft", areas=[world["areas"]["menjahit"][0]], publish=False)
    doc = BeautifulSoup(client.get("/").content, "html.parser")
    assert doc.find(id="impact-heading") is None
    assert doc.find(id="latest-stories-heading") is None


def test_publishing_and_unpublishing_update_the_home_page_at_once(client, world):
    story = h.story(world["index"], "Baru", areas=[world["areas"]["menjahit"][0]])
    assert BeautifulSoup(client.get("/").content, "html.parser").find(id="impact-heading")
    story.unpublish()
    assert BeautifulSoup(client.get("/").content, "html.parser").find(id="impact-heading") is None


def test_figures_default_to_the_active_language(known, locales):
    from django.utils import translation

    h.translate(known[0], title="A in English", slug="a-en")
    with translation.override("en"):
        assert impact_figures().story_count == 1
    with translation.override("id"):
        assert impact_figures().story_count == 4
