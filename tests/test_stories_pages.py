"""Success stories as a reader sees them, in Indonesian and in English."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import stories_helpers as h

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def areas(locales):
    return h.make_skill_areas()


@pytest.fixture
def indexes(site_tree):
    return h.make_index(site_tree)


@pytest.fixture
def weaving_story(indexes, areas):
    """The seed's weaving success, with partners, a gallery and an English translation."""
    index, _ = indexes
    cooperative = h.make_partner("Koperasi Rotan Kahayan", "Kahayan Rattan Cooperative", "https://koperasi.example")
    page = h.story(
        index,
        "Tas anyaman Yuliana sampai ke luar daerah",
        slug="tas-anyaman-yuliana",
        participant_name="Yuliana Dewi",
        kecamatan="sabangau",
        kelurahan="Kereng Bangkirai",
        areas=[areas["kerajinan-anyaman"][0]],
        partners=[cooperative[0]],
        portrait=h.image("Potret peserta"),
        gallery=[{"image": h.image("Tas purun"), "caption": "Tas purun berwarna alami", "shows_participant": False}],
        pull_quote="Dulu saya tidak bisa menganyam.",
        intro="Yuliana kini menjual tas purun.",
        income_before=800_000,
        income_after=2_500_000,
        started_business=True,
        people_employed=3,
        sells_locally=True,
        sells_beyond_region=True,
        training_year=2024,
        date_published=datetime.date(2026, 8, 17),
    )
    english = h.translate(
        page,
        title="Yuliana's woven bags travel beyond the region",
        slug="yulianas-woven-bags",
        pull_quote="I could not weave before.",
        intro="Yuliana now sells purun bags.",
    )
    return page, english


def test_story_page_renders_in_both_languages(client, weaving_story):
    id_doc = html(client.get("/kisah-sukses/tas-anyaman-yuliana/"))
    en_doc = html(client.get("/en/success-stories/yulianas-woven-bags/"))
    assert id_doc.html["lang"] == "id"
    assert id_doc.h1.get_text() == "Tas anyaman Yuliana sampai ke luar daerah"
    assert en_doc.html["lang"] == "en"
    assert en_doc.h1.get_text() == "Yuliana's woven bags travel beyond the region"
    assert "Yuliana Dewi" in en_doc.find(class_="story__who").get_text()
    assert "Kereng Bangkirai" in en_doc.find(class_="story__who").get_text()
    assert en_doc.find(id="outcomes-heading").get_text() == "What changed"
    assert id_doc.find(id="outcomes-heading").get_text() == "Yang berubah"


def test_outcomes_read_as_sentences_with_rupiah_in_each_language(client, weaving_story):
    id_outcomes = [
        li.get_text() for li in html(client.get("/kisah-sukses/tas-anyaman-yuliana/")).select(".story-outcomes li")
    ]
    en_outcomes = [
        li.get_text()
        for li in html(client.get("/en/success-stories/yulianas-woven-bags/")).select(".story-outcomes li")
    ]
    assert id_outcomes == [
        "Pendapatan naik dari Rp 800.000 menjadi Rp 2.500.000 per bulan.",
        "Membuka usaha sendiri.",
        "Mempekerjakan 3 orang.",
        "Menjual produk di pasar lokal dan ke luar daerah.",
    ]
    assert en_outcomes == [
        "Income rose from IDR 800,000 to IDR 2,500,000 a month.",
        "Started a business of their own.",
        "Employs 3 people.",
        "Sells products in local markets and beyond the region.",
    ]


def test_published_date_and_reading_time_follow_the_language(client, weaving_story):
    id_doc = html(client.get("/kisah-sukses/tas-anyaman-yuliana/"))
    en_doc = html(client.get("/en/success-stories/yulianas-woven-bags/"))
    id_time, en_time = id_doc.find(class_="story__details").time, en_doc.find(class_="story__details").time
    assert id_time["datetime"] == en_time["datetime"] == "2026-08-17"
    assert id_time.get_text() == "17 Agustus 2026"
    assert en_time.get_text() == "August 17, 2026"
    assert "1 menit baca" in id_doc.find(class_="story__details").get_text()
    assert "1 min read" in en_doc.find(class_="story__details").get_text()


def test_reading_time_grows_with_the_text(indexes, areas):
    index, _ = indexes
    long_text = "<p>" + " ".join(["kata"] * 1000) + "</p>"
    page = h.story(index, "Panjang", areas=[areas["menjahit"][0]], body=[{"type": "paragraph", "value": long_text}])
    assert page.reading_minutes == 6  # 1000 words of body plus title and intro, at 200 words a minute


def test_english_story_names_skill_areas_and_partners_in_english(client, weaving_story):
    doc = html(client.get("/en/success-stories/yulianas-woven-bags/"))
    facts = doc.find("dl", class_="story-facts")
    area_link = facts.find("a", href="/en/success-stories/?bidang=kerajinan-anyaman")
    assert area_link.get_text() == "Weaving"
    assert facts.find("a", href="https://koperasi.example").get_text() == "Kahayan Rattan Cooperative"
    id_facts = html(client.get("/kisah-sukses/tas-anyaman-yuliana/")).find("dl", class_="story-facts")
    assert id_facts.find("a", href="/kisah-sukses/?bidang=kerajinan-anyaman").get_text() == "Kerajinan anyaman"


def test_gallery_shows_captions_in_the_pages_language(client, weaving_story):
    _, english = weaving_story
    item = english.gallery_images.get()
    item.caption = "Purun bags in natural colours"
    item.save()
    en_gallery = html(client.get("/en/success-stories/yulianas-woven-bags/")).find("section", class_="story-gallery")
    assert en_gallery.figcaption.get_text() == "Purun bags in natural colours"
    img = en_gallery.find("img")
    assert img["loading"] == "lazy" and img["width"] and img["height"]
    assert en_gallery.find("source", type="image/avif")


def test_share_links_need_no_third_party_script(client, weaving_story):
    doc = html(client.get("/en/success-stories/yulianas-woven-bags/"))
    share = doc.find("section", class_="share")
    hrefs = [a["href"] for a in share.find_all("a")]
    url = "http%3A%2F%2Flocalhost%2Fen%2Fsuccess-stories%2Fyulianas-woven-bags%2F"
    assert any(href.startswith("https://wa.me/?text=") and url in href for href in hrefs)
    assert f"https://www.facebook.com/sharer/sharer.php?u={url}" in hrefs
    # Without JavaScript the link is there to copy by hand.
    field = share.find("input", id="share-url")
    assert field.has_attr("readonly")
    assert field["value"] == "http://localhost/en/success-stories/yulianas-woven-bags/"
    assert share.find("button").has_attr("hidden")
    scripts = [s.get("src") for s in doc.find_all("script") if s.get("type") != "application/ld+json"]
    assert scripts == ["/static/js/copy-link.js"]
    assert client.get("/static/js/copy-link.js").status_code == 200


def test_open_graph_tags_describe_the_story(client, weaving_story):
    doc = html(client.get("/kisah-sukses/tas-anyaman-yuliana/"))
    meta = {tag["property"]: tag["content"] for tag in doc.find_all("meta", property=True)}
    assert meta["og:title"] == "Tas anyaman Yuliana sampai ke luar daerah"
    assert meta["og:url"] == doc.find("link", rel="canonical")["href"]
    assert meta["og:url"].endswith("/kisah-sukses/tas-anyaman-yuliana/")
    assert meta["og:type"] == "article"
    assert len(doc.find_all("meta", property="og:title")) == 1
    assert meta["og:image"].startswith("http://localhost/media/images/potret-peserta")


def test_related_stories_share_a_skill_area_and_are_published(client, weaving_story, indexes, areas):
    index, _ = indexes
    weaving = areas["kerajinan-anyaman"][0]
    h.story(index, "Anyaman tikar", slug="anyaman-tikar", areas=[weaving])
    h.story(index, "Draf anyaman", slug="draf-anyaman", areas=[weaving], publish=False)
    withdrawn = h.story(index, "Ditarik", slug="ditarik", areas=[weaving])
    withdrawn.unpublish()
    h.story(index, "Menjahit saja", slug="menjahit-saja", areas=[areas["menjahit"][0]])
    doc = html(client.get("/kisah-sukses/tas-anyaman-yuliana/"))
    related = doc.find("section", class_="related-stories")
    assert [a.get_text() for a in related.select(".story-card__title a")] == ["Anyaman tikar"]


def test_related_stories_stay_in_the_pages_language(client, weaving_story, indexes, areas):
    index, _ = indexes
    other = h.story(index, "Anyaman tikar", slug="anyaman-tikar", areas=[areas["kerajinan-anyaman"][0]])
    en_doc = html(client.get("/en/success-stories/yulianas-woven-bags/"))
    assert en_doc.find("section", class_="related-stories") is None  # not translated yet
    h.translate(other, title="Woven mats", slug="woven-mats")
    related = html(client.get("/en/success-stories/yulianas-woven-bags/")).find("section", class_="related-stories")
    assert [a["href"] for a in related.select(".story-card__title a")] == ["/en/success-stories/woven-mats/"]
    assert related.find(class_="tag-list").get_text(strip=True) == "Weaving"


def test_story_list_shows_newest_first_with_cards(client, indexes, areas):
    index, _ = indexes
    h.story(index, "Lama", areas=[areas["menjahit"][0]], date_published=datetime.date(2025, 1, 1))
    h.story(
        index, "Baru", areas=[areas["menjahit"][0]], date_published=datetime.date(2026, 6, 1), income_after=2_000_000
    )
    doc = html(client.get("/kisah-sukses/"))
    assert [a.get_text() for a in doc.select(".story-card__title a")] == ["Baru", "Lama"]
    assert doc.select(".story-card__outcome")[0].get_text() == "Kini berpenghasilan Rp 2.000.000 per bulan."
    assert doc.find(class_="story-count").get_text(strip=True) == "2 kisah"


def test_story_list_in_english_lists_only_english_stories(client, weaving_story, indexes, areas):
    index, _ = indexes
    h.story(index, "Hanya bahasa Indonesia", areas=[areas["menjahit"][0]])
    en_doc = html(client.get("/en/success-stories/"))
    assert [a.get_text() for a in en_doc.select(".story-card__title a")] == [
        "Yuliana's woven bags travel beyond the region"
    ]
    assert en_doc.h1.get_text() == "Success stories"
    assert len(html(client.get("/kisah-sukses/")).select(".story-card")) == 2


def test_drafts_and_unpublished_stories_never_appear_in_the_list(client, indexes, areas):
    index, _ = indexes
    h.story(index, "Terbit", areas=[areas["menjahit"][0]])
    h.story(index, "Draf", areas=[areas["menjahit"][0]], publish=False)
    h.story(index, "Ditarik", areas=[areas["menjahit"][0]]).unpublish()
    titles = [a.get_text() for a in html(client.get("/kisah-sukses/")).select(".story-card__title a")]
    assert titles == ["Terbit"]
    assert client.get("/kisah-sukses/kisah-draf/").status_code == 404


def test_story_behind_a_password_is_left_out_of_listings(client, indexes, areas):
    from wagtail.models import PageViewRestriction

    index, _ = indexes
    h.story(index, "Terbuka", areas=[areas["menjahit"][0]])
    hidden = h.story(index, "Tertutup", areas=[areas["menjahit"][0]])
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="rahasia")
    titles = [a.get_text() for a in html(client.get("/kisah-sukses/")).select(".story-card__title a")]
    assert titles == ["Terbuka"]


def test_a_story_put_behind_a_password_leaves_cached_lists_and_related_stories_at_once(client, indexes, areas):
    from wagtail.models import PageViewRestriction

    index, _ = indexes
    shown = h.story(index, "Terbuka", areas=[areas["menjahit"][0]])
    hidden = h.story(index, "Tertutup", areas=[areas["menjahit"][0]])

    def related():
        return [a.get_text(strip=True) for a in html(client.get(shown.url)).select(".related-stories a")]

    assert "Tertutup" in related()  # the related stories are now kept in the cache
    restriction = PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="rahasia")
    assert "Tertutup" not in related()
    restriction.delete()
    assert "Tertutup" in related()


def test_new_story_list_says_there_are_no_stories_yet(client, indexes):
    doc = html(client.get("/en/success-stories/"))
    assert "No stories have been published yet" in doc.find(class_="empty-result").get_text()
    assert doc.find(class_="story-list") is None


def test_editor_cannot_build_a_wrong_tree():
    from home.models import HomePage, StandardPage
    from stories.models import StoryIndexPage, SuccessStory

    assert StoryIndexPage in HomePage.allowed_subpage_models()
    assert SuccessStory.allowed_parent_page_models() == [StoryIndexPage]
    assert StoryIndexPage.allowed_subpage_models() == [SuccessStory]
    assert not SuccessStory.allowed_subpage_models()
    assert StoryIndexPage not in StandardPage.allowed_subpage_models()


def test_only_the_top_card_image_loads_at_once(client, indexes, areas):
    index, _ = indexes
    for number in range(3):
        h.story(index, f"Kisah {number}", areas=[areas["menjahit"][0]], portrait=h.image(f"Potret {number}"))
    images = html(client.get("/kisah-sukses/")).select(".story-card img")
    assert [img.get("loading") for img in images] == [None, "lazy", "lazy"]
    assert all(img["width"] and img["height"] for img in images)
