"""Language switcher and hreflang alternates, including a page with no translation."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher_links(doc):
    nav = doc.find("nav", class_="language-switcher")
    return {a["hreflang"]: a for a in nav.find_all("a")}


def alternates(doc):
    return {link["hreflang"]: link["href"] for link in doc.find_all("link", rel="alternate")}


def test_switcher_leads_to_the_same_page_in_the_other_language(client, site_tree):
    links = switcher_links(html(client.get("/tentang/")))
    assert list(links) == ["en"]
    assert links["en"]["href"] == "/en/about/"
    assert links["en"].get_text() == "English"
    assert links["en"]["lang"] == "en"
    back = switcher_links(html(client.get("/en/about/")))
    assert back["id"]["href"] == "/tentang/"


def test_switcher_marks_the_current_language(client, site_tree):
    nav = html(client.get("/en/")).find("nav", class_="language-switcher")
    current = nav.find(attrs={"aria-current": "true"})
    assert current.get_text() == "English"
    assert switcher_links(html(client.get("/")))["en"]["href"] == "/en/"


def test_switcher_falls_back_to_the_home_page_and_says_so(client, site_tree):
    doc = html(client.get("/pengumuman/"))
    link = switcher_links(doc)["en"]
    assert link["href"] == "/en/"
    note = doc.find("nav", class_="language-switcher").find(class_="language-switcher__note")
    # Written in the language the reader is switching to.
    assert note["lang"] == "en"
    assert "not available in this language yet" in note.get_text()


def test_no_fallback_note_when_a_translation_exists(client, site_tree):
    doc = html(client.get("/tentang/"))
    assert doc.find(class_="language-switcher__note") is None


def test_hreflang_lists_live_translations_and_x_default(client, site_tree):
    links = alternates(html(client.get("/en/about/")))
    assert links == {
        "id": "http://localhost/tentang/",
        "en": "http://localhost/en/about/",
        "x-default": "http://localhost/tentang/",
    }


def test_hreflang_for_an_untranslated_page_names_only_itself(client, site_tree):
    links = alternates(html(client.get("/pengumuman/")))
    assert links == {"id": "http://localhost/pengumuman/", "x-default": "http://localhost/pengumuman/"}


def test_draft_translation_is_neither_linked_nor_listed(client, site_tree):
    en_about = site_tree["en_about"]
    en_about.unpublish()
    doc = html(client.get("/tentang/"))
    assert switcher_links(doc)["en"]["href"] == "/en/"
    assert "en" not in alternates(doc)
    assert client.get("/en/about/").status_code == 404


def test_not_found_page_offers_the_other_languages_home(client, site_tree):
    doc = html(client.get("/en/missing/"))
    assert switcher_links(doc)["id"]["href"] == "/"
    assert alternates(doc) == {}
