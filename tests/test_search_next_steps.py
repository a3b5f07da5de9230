"""Search that leads somewhere (issue 19, part b), over the demo content: a training's card shows its dates
and registration state, trainings and stories come before list pages, and a search that finds nothing
offers a spelling suggestion (pg_trgm on PostgreSQL, difflib elsewhere) and the other language's search.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from search import spelling

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(("path", "word"), [("/cari/", "anyaman"), ("/en/search/", "weaving")])
def test_training_results_show_dates_and_registration_state_and_come_before_list_pages(demo, client, path, word):
    doc = html(client.get(path, {"q": word}))
    results = doc.select(".search-result")
    kinds = [li["class"][1].removeprefix("search-result--") for li in results]
    assert "pelatihan" in kinds and "halaman" in kinds
    # After the first list page comes no story, nor a training that is not over (those sink below all).
    after = results[kinds.index("halaman") :]
    assert not [
        li
        for li in after
        if "search-result--kisah" in li["class"]
        or ("search-result--pelatihan" in li["class"] and not li.select_one(".badge--past"))
    ], kinds
    for li in results:
        if "search-result--pelatihan" in li["class"]:
            details = li.select_one(".search-result__details")
            assert details is not None and details.select_one(".badge").get_text(strip=True)
            assert any(ch.isdigit() for ch in details.get_text())


@pytest.mark.parametrize(
    ("path", "typo", "fixed", "other"),
    [("/cari/", "anyamn", "anyaman", "/en/search/"), ("/en/search/", "weavng", "weaving", "/cari/")],
)
def test_a_search_with_no_result_suggests_a_spelling_and_the_other_language(demo, client, path, typo, fixed, other):
    doc = html(client.get(path, {"q": typo}))
    assert not doc.select(".search-result")
    suggestion = doc.select_one(".search-suggestion a")
    assert suggestion is not None and suggestion.get_text() == fixed
    assert html(client.get(path + suggestion["href"])).select(".search-result")
    elsewhere = doc.select_one(".search-elsewhere a")
    assert elsewhere["href"].startswith(other) and typo in elsewhere["href"]


def test_the_other_languages_word_finds_its_page_there(demo, client):
    """ "weaving" on the Indonesian site: nothing here, and the link searches the English site, which has it."""
    doc = html(client.get("/cari/", {"q": "weaving"}))
    assert not doc.select(".search-result")
    link = doc.select_one(".search-elsewhere a")
    assert link["lang"] == "en" and "weaving" in link.get_text()
    assert html(client.get(link["href"])).select(".search-result")


def test_no_suggestion_when_nothing_is_close(demo, client):
    doc = html(client.get("/cari/", {"q": "zzqxw"}))
    assert doc.select_one(".search-suggestion") is None


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's (CI runs this on PostgreSQL)")
def test_postgresql_suggests_with_pg_trgm(demo):
    from wagtail.models import Locale

    spelling._trigram.clear()
    assert spelling._has_trigram(), "the migration did not create pg_trgm"
    assert spelling.suggest("anyamn", Locale.objects.get(language_code="id")) == "anyaman"
