"""Site search at /cari/ and /en/search/: relevance, languages, privacy, types, bad input and query budget.

The fixture is fixed: one story about weaving (anyaman) among pages that only
mention weaving in passing, a private story, trainings before and after NOW and
a campaign, in Indonesian and English. Tests marked `postgresql` prove stemming
and run where DATABASE_URL is PostgreSQL (CI); on SQLite the backend matches
whole words, which the other tests rely on only.
"""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import Page

from search.views import highlight
from tests.campaigns_support import make_campaign, make_campaign_index, translate_campaign
from tests.events_support import NOW, Taxonomy, make_event, make_schedule, wib
from tests.stories_helpers import make_index, story, translate

pytestmark = pytest.mark.django_db

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming needs PostgreSQL full-text search; SQLite's FTS5 matches whole words (CI runs these on PG)",
)


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def result_titles(response):
    assert response.status_code == 200
    return [a.get_text() for a in html(response).select(".search-result__title a")]


def result_types(response):
    return [li["class"][1].removeprefix("search-result--") for li in html(response).select(".search-result")]


@pytest.fixture
def search_site(site_tree, locales):
    id_locale, en_locale = locales
    index, en_index = make_index(site_tree)
    weaving = story(
        index,
        "Tas anyaman Yuliana sampai ke luar Kalimantan",
        slug="tas-anyaman-yuliana",
        participant_name="Yuliana Dewi",
        intro="Yuliana belajar menganyam purun dan rotan. Kini kerajinan anyaman buatannya dijual ke luar daerah.",
        pull_quote="Dulu saya tidak bisa menganyam sama sekali.",
    )
    en_weaving = translate(
        weaving,
        title="Yuliana's weaving travels beyond Kalimantan",
        slug="yulianas-woven-bags",
        intro="Yuliana learned weaving with purun grass and rattan. Her weaving now sells beyond the region.",
        pull_quote="I could not weave at all before.",
    )
    sewing = story(
        index,
        "Sri membuka usaha jahit di rumah",
        slug="usaha-jahit-sri",
        participant_name="Sri Wahyuni",
        intro="Sri ikut pelatihan menjahit. Tetangganya yang membuat anyaman ikut menjual di tokonya.",
    )
    translate(
        sewing,
        title="Sri opens a sewing business at home",
        slug="sris-sewing-business",
        intro="Sri took the sewing course. Her neighbour, who does weaving, sells in her shop too.",
    )
    private = story(
        index,
        "Menjahit dari rumah, menjual lewat ponsel",
        slug="menjahit-lewat-ponsel",
        participant_name="Rahmawati Lestari",
        pseudonym="Ibu R.",
        hide_identity=True,
        intro="Ibu R. ikut pelatihan menjahit dan kini menjual gamis lewat media sosial.",
    )
    draft = story(index, "Kisah anyaman yang belum terbit", slug="draf-anyaman", publish=False)

    taxonomy = Taxonomy(id_locale, en_locale)
    schedule, _en_schedule = make_schedule(site_tree, locales)
    upcoming = make_event(
        schedule,
        taxonomy,
        [(wib(2026, 12, 1), wib(2026, 12, 1, 12))],
        title="Menjahit seragam sekolah",
        slug="menjahit-seragam",
        summary="Belajar menjahit seragam sekolah.",
    )
    past = make_event(
        schedule,
        taxonomy,
        [(wib(2026, 3, 2), wib(2026, 3, 2, 12))],
        title="Menjahit busana dasar",
        slug="menjahit-busana",
        summary="Belajar menjahit busana dasar.",
        registration_opens=wib(2026, 2, 1),
        registration_closes=wib(2026, 3, 1),
    )
    campaigns, en_campaigns = make_campaign_index(site_tree, locales)
    campaign = make_campaign(
        campaigns,
        start=datetime.date(2026, 11, 1),
        end=datetime.date(2026, 12, 31),
        title="Ayo belajar keterampilan",
        slug="ayo-belajar",
        summary="Menjahit, memasak, dan membuat anyaman bisa menjadi usaha.",
    )
    translate_campaign(
        campaign, en_locale, title="Learn a skill", slug="learn-a-skill", summary="Sewing, cooking and weaving."
    )
    return {
        "weaving": weaving,
        "en_weaving": en_weaving,
        "sewing": sewing,
        "private": private,
        "draft": draft,
        "upcoming": upcoming,
        "past": past,
        "campaign": campaign,
        "index": index,
        "en_index": en_index,
    }


# --- relevance and languages ------------------------------------------------------


def test_weaving_story_is_the_first_hit_for_anyaman(client, search_site):
    titles = result_titles(client.get("/cari/", {"q": "anyaman"}))
    assert titles[0] == "Tas anyaman Yuliana sampai ke luar Kalimantan"
    assert "Sri membuka usaha jahit di rumah" in titles
    assert "Ayo belajar keterampilan" in titles


def test_weaving_story_is_the_first_hit_for_weaving_in_english(client, search_site):
    titles = result_titles(client.get("/en/search/", {"q": "weaving"}))
    assert titles[0] == "Yuliana's weaving travels beyond Kalimantan"
    assert set(titles) >= {"Sri opens a sewing business at home", "Learn a skill"}


def test_search_shows_only_pages_of_the_active_language(client, search_site):
    # The same words in the other language find nothing: English pages never appear under /cari/.
    assert result_titles(client.get("/cari/", {"q": "weaving"})) == []
    assert result_titles(client.get("/en/search/", {"q": "anyaman"})) == []
    english = html(client.get("/en/search/", {"q": "weaving"}))
    assert all(a["href"].startswith("/en/") for a in english.select(".search-result__title a"))


def test_drafts_and_unpublished_pages_are_not_found(client, search_site):
    assert "Kisah anyaman yang belum terbit" not in result_titles(client.get("/cari/", {"q": "anyaman"}))
    search_site["sewing"].unpublish()
    assert "Sri membuka usaha jahit di rumah" not in result_titles(client.get("/cari/", {"q": "anyaman"}))


def test_a_newly_published_story_is_found_at_once(client, search_site):
    story(search_site["index"], "Kue lapis dari dapur Bu Ani", slug="kue-lapis", intro="Usaha kue lapis rumahan.")
    assert result_titles(client.get("/cari/", {"q": "lapis"})) == ["Kue lapis dari dapur Bu Ani"]


def test_a_private_participants_real_name_finds_nothing(client, search_site):
    for name in ("Rahmawati", "Lestari", "Rahmawati Lestari"):
        assert result_titles(client.get("/cari/", {"q": name})) == []
    response = client.get("/cari/", {"q": "gamis"})
    assert result_titles(response) == ["Menjahit dari rumah, menjual lewat ponsel"]
    assert b"Rahmawati" not in response.content


def test_results_are_labelled_by_type_and_filter_by_type(client, search_site):
    response = client.get("/cari/", {"q": "anyaman"})
    assert set(result_types(response)) == {"kisah", "sosialisasi"}
    doc = html(response)
    labels = [badge.get_text() for badge in doc.select(".search-result__type .badge")]
    assert "Kisah sukses" in labels and "Sosialisasi" in labels
    filters = {a.get_text(): a["href"] for a in doc.select(".search-types a")}
    assert filters["Kisah sukses (2)"] == "?q=anyaman&jenis=kisah"

    only_stories = client.get("/cari/", {"q": "anyaman", "jenis": "kisah"})
    assert set(result_types(only_stories)) == {"kisah"}
    assert "2 hasil untuk “anyaman” di Kisah sukses" in html(only_stories).select_one(".search-summary").get_text()


def test_an_unknown_type_filter_is_ignored_with_a_note(client, search_site):
    response = client.get("/cari/", {"q": "anyaman", "jenis": "<script>"})
    assert response.status_code == 200
    assert set(result_types(response)) == {"kisah", "sosialisasi"}
    assert "Jenis hasil itu tidak dikenal" in response.content.decode()
    assert b"<script>" not in response.content.split(b"<main")[1]


@time_machine.travel(NOW, tick=False)
def test_upcoming_trainings_rank_before_past_ones(client, search_site):
    titles = result_titles(client.get("/cari/", {"q": "menjahit", "jenis": "pelatihan"}))
    assert titles == ["Menjahit seragam sekolah", "Menjahit busana dasar"]
    everything = html(client.get("/cari/", {"q": "menjahit"}))
    cards = everything.select(".search-result")
    # The finished training comes last of all, and says it is finished.
    assert cards[-1].select_one(".search-result__title").get_text() == "Menjahit busana dasar"
    assert cards[-1].select_one(".badge--past").get_text() == "Selesai"


def test_matches_are_highlighted_and_escaped():
    marked = str(highlight("Kerajinan anyaman <b>&</b> menganyam", "anyaman", "id"))
    # The Indonesian stemmer maps anyaman and menganyam to one stem, as PostgreSQL does.
    assert marked == "Kerajinan <mark>anyaman</mark> &lt;b&gt;&amp;&lt;/b&gt; <mark>menganyam</mark>"
    assert str(highlight("Weaving and weavers", "weave", "en")) == "<mark>Weaving</mark> and weavers"


def test_results_show_highlighted_summary(client, search_site):
    doc = html(client.get("/cari/", {"q": "anyaman"}))
    first = doc.select_one(".search-result")
    assert first.select_one(".search-result__title mark").get_text() == "anyaman"
    assert "kerajinan anyaman buatannya" in first.select_one(".search-result__summary").get_text()


# --- the page itself and bad input ---------------------------------------------


def test_results_pages_are_not_indexed_by_search_engines(client, search_site):
    for response in (client.get("/cari/", {"q": "anyaman"}), client.get("/en/search/")):
        assert html(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Ketik satu kata atau lebih"),
        ("   ", "Ketik satu kata atau lebih"),
        ("\"'&|!:*()", "Ketik satu kata atau lebih"),
        ("a" * 101, "terlalu panjang"),
        ("jahit " * 40, "terlalu panjang"),
    ],
)
def test_empty_junk_or_long_queries_get_a_helpful_page(client, search_site, query, message):
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert result_titles(response) == []


@pytest.mark.parametrize(
    "query", ["anyaman'", 'anyaman"', "anyaman & | !", "anyaman:*", "(anyaman", "anyaman)", "-anyaman", "^anyaman*"]
)
def test_search_syntax_in_a_query_is_treated_as_plain_words(client, search_site, query):
    titles = result_titles(client.get("/cari/", {"q": query}))
    assert titles[0] == "Tas anyaman Yuliana sampai ke luar Kalimantan"


def test_a_nul_character_is_a_bad_request(client, search_site):
    response = client.get("/cari/", {"q": "anya\x00man"})
    assert response.status_code == 400


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999999999999999999", "1.5", ""])
def test_junk_page_numbers_show_a_page_of_results(client, search_site, page):
    assert result_titles(client.get("/cari/", {"q": "anyaman", "page": page}))


def test_search_lives_at_a_translated_address(client, search_site):
    assert client.get("/cari/").status_code == 200
    assert client.get("/en/search/").status_code == 200
    assert client.get("/search/").status_code == 404
    assert client.get("/en/cari/").status_code == 404


def test_every_page_has_a_search_form_in_its_language(client, search_site):
    for url, action, button in (("/", "/cari/", "Cari"), ("/en/about/", "/en/search/", "Search")):
        form = html(client.get(url)).select_one("header form[role=search]")
        assert form["action"] == action and form["method"] == "get"
        assert form.find("input", attrs={"name": "q"})
        assert form.find("button").get_text() == button
    not_found = html(client.get("/tidak-ada/"))
    assert not_found.select_one("main form[role=search]")["action"] == "/cari/"


# --- pagination and query budget -----------------------------------------------


@pytest.fixture
def many_stories(search_site):
    for number in range(25):
        title = f"Kisah kayu ulin nomor {number}"
        story(search_site["index"], title, slug=f"ulin-{number}", intro="Belajar mengukir ulin.")
    return search_site


def test_results_come_twenty_to_a_page(client, many_stories):
    first = client.get("/cari/", {"q": "ulin"})
    assert len(result_titles(first)) == 20
    doc = html(first)
    assert doc.select_one(".search-summary").get_text().startswith("25 hasil")
    next_link = doc.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?q=ulin&page=2"
    second = client.get("/cari/" + next_link)
    assert len(result_titles(second)) == 5
    assert html(second).select_one(".pagination a[rel=prev]")["href"] == "?q=ulin&page=1"


def test_a_page_of_twenty_results_costs_at_most_twelve_queries(client, many_stories, django_assert_max_num_queries):
    client.get("/cari/", {"q": "menjahit"})  # warm Django's content-type cache, as a running site has
    with django_assert_max_num_queries(12):
        response = client.get("/cari/", {"q": "ulin"})
    assert len(result_titles(response)) == 20


def test_a_page_of_mixed_results_costs_at_most_twelve_queries(client, many_stories, django_assert_max_num_queries):
    client.get("/cari/", {"q": "menjahit"})
    with django_assert_max_num_queries(12):
        response = client.get("/cari/", {"q": "menjahit"})
    assert len(set(result_types(response))) >= 2


# --- PostgreSQL: stemming per language, one shared index -----------------------


@postgresql
def test_indonesian_stemming_finds_other_forms_of_a_word(client, search_site):
    # Snowball's Indonesian stemmer: penjahit, menjahit and jahit share the stem "jahit".
    titles = result_titles(client.get("/cari/", {"q": "penjahit"}))
    assert "Sri membuka usaha jahit di rumah" in titles
    assert "Menjahit dari rumah, menjual lewat ponsel" in titles
    assert result_titles(client.get("/cari/", {"q": "menganyam"}))[0] == "Tas anyaman Yuliana sampai ke luar Kalimantan"


@postgresql
def test_english_stemming_finds_other_forms_of_a_word(client, search_site):
    titles = result_titles(client.get("/en/search/", {"q": "weave"}))
    assert titles[0] == "Yuliana's weaving travels beyond Kalimantan"
    assert "Sri opens a sewing business at home" in titles


@postgresql
def test_each_row_of_the_shared_index_is_stemmed_in_its_own_language(search_site):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from stories.models import SuccessStory

    content_type = ContentType.objects.get_for_model(SuccessStory)
    bodies = dict(
        IndexEntry.objects.filter(
            content_type=content_type, object_id__in=[str(search_site["weaving"].pk), str(search_site["en_weaving"].pk)]
        ).values_list("object_id", "body")
    )
    assert "'anyam'" in bodies[str(search_site["weaving"].pk)]
    assert "'anyaman'" not in bodies[str(search_site["weaving"].pk)]
    assert "'weav'" in bodies[str(search_site["en_weaving"].pk)]


@postgresql
def test_a_search_without_a_language_finds_both_languages(search_site):
    # The admin searches every language: its query matches rows of either configuration.
    assert search_site["weaving"].pk in [p.pk for p in Page.objects.search("menganyam")]
    assert search_site["en_weaving"].pk in [p.pk for p in Page.objects.search("weave")]


def test_when_no_page_has_every_word_pages_with_some_of_them_are_shown(client, search_site):
    response = client.get("/cari/", {"q": "anyaman helikopter"})
    assert result_titles(response)[0] == "Tas anyaman Yuliana sampai ke luar Kalimantan"
    assert "tidak ada halaman yang memuat semua kata" in response.content.decode().lower()
    assert result_titles(client.get("/cari/", {"q": "helikopter pesawat"})) == []


def test_the_language_switcher_leads_to_the_same_search_in_the_other_language(client, search_site):
    doc = html(client.get("/cari/", {"q": "anyaman"}))
    link = doc.select_one(".language-switcher a[hreflang=en]")
    assert link["href"] == "/en/search/?q=anyaman"
    assert doc.select_one(".language-switcher__note") is None
    back = html(client.get("/en/search/", {"q": "weaving"})).select_one(".language-switcher a[hreflang=id]")
    assert back["href"] == "/cari/?q=weaving"


@postgresql
def test_one_stock_backend_per_language_would_not_work_as_they_share_one_row_per_page(search_site):
    # Why the site does not configure a second backend per language: both would write the
    # same index row (one per page), and the last to index a page would decide its stemming.
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
    from wagtail.search.models import IndexEntry

    from stories.models import SuccessStory

    page = search_site["weaving"]
    for config in ("indonesian", "simple"):
        PostgresSearchBackend({"SEARCH_CONFIG": config}).add(page)
    rows = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SuccessStory), object_id=str(page.pk)
    )
    assert rows.count() == 1
    body = rows.get().body
    assert "'anyaman'" in body and "'anyam'" not in body  # "simple" won; the Indonesian stems are gone
