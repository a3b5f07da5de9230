"""Filtering the story list by skill area and kecamatan through plain GET parameters, with pagination and bad input."""

import pytest
from bs4 import BeautifulSoup

from stories.models import StoryIndexPage
from tests import stories_helpers as h

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(doc):
    return [a.get_text() for a in doc.select(".story-card__title a")]


@pytest.fixture
def stories(site_tree, monkeypatch):
    """Five sewing stories in Pahandut, two in Sabangau, one weaving story in Pahandut; three to a page."""
    monkeypatch.setattr(StoryIndexPage, "stories_per_page", 3)
    areas = h.make_skill_areas()
    index, en_index = h.make_index(site_tree)
    sewing, weaving = areas["menjahit"][0], areas["kerajinan-anyaman"][0]
    made = []
    for number in range(5):
        made.append(h.story(index, f"Jahit Pahandut {number}", areas=[sewing], kecamatan="pahandut"))
    for number in range(2):
        made.append(h.story(index, f"Jahit Sabangau {number}", areas=[sewing], kecamatan="sabangau"))
    made.append(h.story(index, "Anyaman Pahandut", areas=[weaving], kecamatan="pahandut"))
    for page in made:
        h.translate(page, title=page.title.replace("Jahit", "Sewing").replace("Anyaman", "Weaving"), slug=page.slug)
    return made


def test_filter_by_skill_area_and_kecamatan(client, stories):
    doc = html(client.get("/kisah-sukses/?bidang=menjahit&kecamatan=sabangau"))
    assert titles(doc) == ["Jahit Sabangau 1", "Jahit Sabangau 0"]
    assert html(client.get("/kisah-sukses/?bidang=kerajinan-anyaman")).select(".story-card__title a")[0].get_text() == (
        "Anyaman Pahandut"
    )


def test_skill_area_filter_works_with_the_same_slug_in_english(client, stories):
    doc = html(client.get("/en/success-stories/?bidang=kerajinan-anyaman"))
    assert titles(doc) == ["Weaving Pahandut"]
    chip = doc.find(class_="filter-chip")
    assert "Skill area: Weaving" in chip.get_text()
    options = {o["value"]: o.get_text() for o in doc.find("select", id="filter-bidang").find_all("option")}
    assert options["kerajinan-anyaman"] == "Weaving"
    assert doc.find("select", id="filter-bidang").find("option", selected=True)["value"] == "kerajinan-anyaman"


def test_filters_survive_pagination(client, stories):
    first = html(client.get("/kisah-sukses/?bidang=menjahit&kecamatan=pahandut"))
    assert titles(first) == ["Jahit Pahandut 4", "Jahit Pahandut 3", "Jahit Pahandut 2"]
    next_link = first.find("a", rel="next")["href"]
    assert next_link == "/kisah-sukses/?bidang=menjahit&kecamatan=pahandut&page=2"
    second = html(client.get(next_link))
    assert titles(second) == ["Jahit Pahandut 1", "Jahit Pahandut 0"]
    assert second.find("a", rel="next") is None
    assert second.find("a", rel="prev")["href"] == "/kisah-sukses/?bidang=menjahit&kecamatan=pahandut"
    assert second.find("nav", class_="pagination").find(attrs={"aria-current": "page"}).get_text() == "2"
    assert "5 kisah" in second.find(class_="story-count").get_text()


def test_active_filters_are_shown_and_each_can_be_removed(client, stories):
    doc = html(client.get("/kisah-sukses/?bidang=menjahit&kecamatan=sabangau&page=1"))
    chips = {a.get_text(" ", strip=True): a["href"] for a in doc.select(".filter-chip")}
    assert chips == {
        "Bidang: Menjahit × (hapus filter ini)": "/kisah-sukses/?kecamatan=sabangau",
        "Kecamatan: Sabangau × (hapus filter ini)": "/kisah-sukses/?bidang=menjahit",
    }
    clear = doc.find(class_="active-filters").find("a", string="Hapus semua filter")
    assert clear["href"] == "/kisah-sukses/"
    assert html(client.get("/kisah-sukses/")).find(class_="active-filters") is None


def test_empty_result_says_so_and_offers_to_clear(client, stories):
    doc = html(client.get("/en/success-stories/?bidang=kerajinan-anyaman&kecamatan=rakumpit"))
    empty = doc.find(class_="empty-result")
    assert "No stories match these filters." in empty.get_text()
    assert empty.find("a")["href"] == "/en/success-stories/"
    id_empty = html(client.get("/kisah-sukses/?kecamatan=rakumpit")).find(class_="empty-result")
    assert "Tidak ada kisah yang cocok dengan filter ini." in id_empty.get_text()


def test_filtered_views_ask_search_engines_not_to_index_them(client, stories):
    robots = html(client.get("/kisah-sukses/?bidang=menjahit")).find("meta", attrs={"name": "robots"})
    assert robots["content"] == "noindex, follow"
    assert html(client.get("/kisah-sukses/")).find("meta", attrs={"name": "robots"}) is None


@pytest.mark.parametrize(
    ("query", "expected_page", "expected_count"),
    [
        ("page=abc", 1, 3),
        ("page=", 1, 3),
        ("page=0", 1, 3),
        ("page=-1", 1, 3),
        ("page=1.5", 1, 3),
        ("page=%EF%BC%92", 1, 3),  # a full-width digit two is not a page number
        ("page=99999", 3, 2),
        ("page=" + "9" * 5000, 3, 2),
        ("page=2&page=3", 3, 2),  # repeated: the last one counts
    ],
)
def test_bad_page_numbers_give_a_real_page(client, stories, query, expected_page, expected_count):
    doc = html(client.get(f"/kisah-sukses/?{query}"))
    assert len(doc.select(".story-card")) == expected_count
    current = doc.find("nav", class_="pagination").find(attrs={"aria-current": "page"})
    assert current.get_text() == str(expected_page)


@pytest.mark.parametrize(
    "query",
    [
        "bidang=tidak-ada",
        "kecamatan=jakarta",
        "bidang=menjahit&kecamatan=jakarta",
        "bidang=" + "x" * 5000,
        "kecamatan=" + "%F0%9F%98%80" * 500,
        "bidang=%00",
        "bidang=<script>alert(1)</script>",
    ],
)
def test_unknown_filter_values_give_the_empty_result_message(client, stories, query):
    response = client.get(f"/kisah-sukses/?{query}")
    doc = html(response)
    assert doc.find(class_="story-card") is None
    assert "Tidak ada kisah yang cocok dengan filter ini." in doc.find(class_="empty-result").get_text()
    # Nothing the reader typed is echoed back.
    assert b"xxxxxxxxxx" not in response.content
    assert b"<script>alert" not in response.content
    assert b"jakarta" not in response.content.lower()


def test_repeated_filter_parameters_count_once(client, stories):
    doc = html(client.get("/kisah-sukses/?kecamatan=pahandut&kecamatan=sabangau&bidang=menjahit&bidang=menjahit"))
    assert titles(doc) == ["Jahit Sabangau 1", "Jahit Sabangau 0"]
    assert doc.find("a", rel="next") is None


def test_unrelated_parameters_are_ignored_and_dropped_from_links(client, stories):
    doc = html(client.get("/kisah-sukses/?utm_source=wa&bidang=menjahit"))
    assert len(doc.select(".story-card")) == 3
    assert doc.find("a", rel="next")["href"] == "/kisah-sukses/?bidang=menjahit&page=2"


def test_filter_form_works_without_javascript(client, stories):
    form = html(client.get("/kisah-sukses/")).find("form", class_="story-filters")
    assert form["method"] == "get"
    assert form["action"] == "/kisah-sukses/"
    assert {s["name"] for s in form.find_all("select")} == {"bidang", "kecamatan"}
    for select in form.find_all("select"):
        assert form.find("label", attrs={"for": select["id"]})
    assert form.find("button", type="submit")
