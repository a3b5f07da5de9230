"""RSS and Atom feeds of new stories and campaigns, per language, parsed the way feed readers parse them."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.campaigns_support import make_campaign, make_campaign_index, translate_campaign
from tests.stories_helpers import make_index, story, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def feeds_site(site_tree, locales):
    _id_locale, en_locale = locales
    index, en_index = make_index(site_tree)
    older = story(
        index,
        "Tas anyaman Yuliana",
        slug="tas-anyaman-yuliana",
        intro="Yuliana menjual tas purun.",
        date_published=datetime.date(2026, 10, 6),
    )
    translate(older, title="Yuliana's woven bags", slug="yulianas-woven-bags", intro="Yuliana sells purun bags.")
    private = story(
        index,
        "Menjahit dari rumah",
        slug="menjahit-dari-rumah",
        participant_name="Rahmawati Lestari",
        pseudonym="Ibu R.",
        hide_identity=True,
        intro="Ibu R. menjual gamis lewat media sosial.",
        date_published=datetime.date(2026, 10, 20),
    )
    story(index, "Draf", slug="draf", publish=False)
    campaigns, en_campaigns = make_campaign_index(site_tree, locales)
    campaign = make_campaign(
        campaigns, start=datetime.date(2026, 11, 1), end=datetime.date(2026, 11, 30), title="Ayo Menjahit"
    )
    translate_campaign(campaign, en_locale, title="Let's Sew", slug="lets-sew", summary="Sewing opens a business.")
    return {"index": index, "en_index": en_index, "private": private, "campaigns": campaigns}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, feedparser.parse(response.content)


def test_story_rss_lists_published_stories_newest_first(client, feeds_site):
    response, feed = parse(client, "/kisah-sukses/feed/rss/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.language == "id"
    assert feed.feed.link == "http://localhost/kisah-sukses/"
    assert [entry.title for entry in feed.entries] == ["Menjahit dari rumah", "Tas anyaman Yuliana"]
    first = feed.entries[0]
    assert first.link == "http://localhost/kisah-sukses/menjahit-dari-rumah/"
    assert first.summary == "Ibu R. menjual gamis lewat media sosial."
    assert first.published_parsed[:3] == (2026, 10, 19)  # midnight WIB is 17:00 UTC the day before
    assert first.id.startswith("urn:uuid:")


def test_story_atom_feed_is_valid_and_in_english_under_en(client, feeds_site):
    response, feed = parse(client, "/en/success-stories/feed/atom/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == "en"
    # Only the story translated into English, with its English address.
    assert [(e.title, e.link) for e in feed.entries] == [
        ("Yuliana's woven bags", "http://localhost/en/success-stories/yulianas-woven-bags/")
    ]
    assert feed.entries[0].updated_parsed is not None


def test_the_same_story_has_a_different_id_in_each_language_and_the_same_in_rss_and_atom(client, feeds_site):
    _r, id_rss = parse(client, "/kisah-sukses/feed/rss/")
    _r, id_atom = parse(client, "/kisah-sukses/feed/atom/")
    _r, en_atom = parse(client, "/en/success-stories/feed/atom/")
    yuliana = {e.title: e.id for e in id_rss.entries}["Tas anyaman Yuliana"]
    assert yuliana == {e.title: e.id for e in id_atom.entries}["Tas anyaman Yuliana"]
    assert en_atom.entries[0].id != yuliana


def test_feeds_never_carry_a_private_participants_name(client, feeds_site):
    for url in ("/kisah-sukses/feed/rss/", "/kisah-sukses/feed/atom/"):
        response, feed = parse(client, url)
        assert b"Rahmawati" not in response.content and b"Lestari" not in response.content
        # The organisation is the author of every item.
        assert {entry.get("author") for entry in feed.entries} <= {"Pelatihan Palangka Raya", None}


def test_campaign_feeds_per_language(client, feeds_site):
    _r, id_feed = parse(client, "/sosialisasi/feed/rss/")
    assert not id_feed.bozo
    assert [e.title for e in id_feed.entries] == ["Ayo Menjahit"]
    assert id_feed.entries[0].summary == "Keterampilan menjahit membuka usaha dari rumah."
    _r, en_feed = parse(client, "/en/campaigns/feed/atom/")
    assert not en_feed.bozo
    assert [(e.title, e.link) for e in en_feed.entries] == [("Let's Sew", "http://localhost/en/campaigns/lets-sew/")]


def test_an_unknown_feed_format_is_not_found(client, feeds_site):
    assert client.get("/kisah-sukses/feed/json/").status_code == 404
    assert client.get("/sosialisasi/feed/../").status_code in (200, 404)


@pytest.mark.parametrize(
    ("url", "rss", "atom"),
    [
        ("/kisah-sukses/", "/kisah-sukses/feed/rss/", "/kisah-sukses/feed/atom/"),
        ("/en/success-stories/", "/en/success-stories/feed/rss/", "/en/success-stories/feed/atom/"),
        ("/sosialisasi/", "/sosialisasi/feed/rss/", "/sosialisasi/feed/atom/"),
        ("/en/campaigns/", "/en/campaigns/feed/rss/", "/en/campaigns/feed/atom/"),
    ],
)
def test_listing_pages_announce_their_feeds(client, feeds_site, url, rss, atom):
    doc = BeautifulSoup(client.get(url).content, "html.parser")
    assert doc.find("link", rel="alternate", type="application/rss+xml")["href"] == rss
    assert doc.find("link", rel="alternate", type="application/atom+xml")["href"] == atom
    visible = [a["href"] for a in doc.select(".feed-links a")]
    assert visible == [rss, atom]


def test_feed_costs_a_fixed_number_of_queries(client, feeds_site, django_assert_max_num_queries):
    for number in range(10):
        story(feeds_site["index"], f"Kisah {number}", slug=f"kisah-tambahan-{number}")
    client.get("/kisah-sukses/feed/rss/")
    with django_assert_max_num_queries(10):  # Wagtail routing and view restrictions, then one for items
        _r, feed = parse(client, "/kisah-sukses/feed/rss/")
    assert len(feed.entries) == 12
