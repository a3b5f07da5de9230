"""Every page type renders in both languages inside the shared frame."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def html(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [
        ("/", "id", "Belajar keterampilan"),
        ("/en/", "en", "Learn a skill"),
        ("/tentang/", "id", "Tentang"),
        ("/en/about/", "en", "About"),
        ("/mitra/", "id", "Mitra"),
        ("/en/partners/", "en", "Partners"),
    ],
)
def test_every_page_type_renders_in_its_language(client, site_tree, url, lang, heading):
    response = client.get(url)
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == lang
    assert doc.h1.get_text(strip=True) == heading
    assert doc.find("a", class_="skip-link")["href"] == "#main"
    assert doc.find(id="main") is not None


def test_navigation_and_skip_link_are_translated(client, site_tree):
    id_doc = html(client.get("/"))
    en_doc = html(client.get("/en/"))
    assert id_doc.find("a", class_="skip-link").get_text() == "Langsung ke isi utama"
    assert en_doc.find("a", class_="skip-link").get_text() == "Skip to main content"
    id_menu = [a.get_text() for a in id_doc.find("nav", class_="primary-nav").find_all("a")]
    en_menu = [a.get_text() for a in en_doc.find("nav", class_="primary-nav").find_all("a")]
    assert id_menu == ["Beranda", "Tentang", "Mitra", "Pengumuman"]
    assert en_menu == ["Home", "About", "Partners"]
    assert id_doc.find("nav", class_="primary-nav")["aria-label"] == "Menu utama"


def test_current_page_is_marked_in_the_menu(client, site_tree):
    doc = html(client.get("/en/about/"))
    current = doc.find("nav", class_="primary-nav").find("a", attrs={"aria-current": "page"})
    assert current.get_text() == "About"


def test_breadcrumbs_lead_back_home_in_the_pages_language(client, site_tree):
    doc = html(client.get("/en/about/"))
    crumbs = doc.find("nav", class_="breadcrumbs")
    assert [(a.get_text(), a["href"]) for a in crumbs.find_all("a")] == [("Home", "/en/")]
    assert crumbs.find(attrs={"aria-current": "page"}).get_text() == "About"
    assert html(client.get("/")).find("nav", class_="breadcrumbs") is None


def test_partner_page_groups_partners_by_kind(client, site_tree, partners):
    doc = html(client.get("/mitra/"))
    headings = [h.get_text() for h in doc.find("main").find_all("h2")]
    assert headings == [
        "Pemerintah daerah",
        "Lembaga swadaya masyarakat (LSM)",
        "Perusahaan swasta",
        "Lembaga pendidikan",
    ]


def test_partner_page_without_partners_says_so(client, site_tree):
    assert "Belum ada mitra yang dicantumkan." in html(client.get("/mitra/")).get_text()


def test_home_page_hides_partner_section_until_there_are_partners(client, site_tree):
    assert html(client.get("/")).find(id="partners-heading") is None


def test_unknown_urls_get_the_translated_404_page(client, site_tree):
    id_response = client.get("/tidak-ada/")
    en_response = client.get("/en/not-here/")
    assert id_response.status_code == 404
    assert en_response.status_code == 404
    id_doc, en_doc = html(id_response), html(en_response)
    assert id_doc.html["lang"] == "id"
    assert id_doc.h1.get_text() == "Halaman tidak ditemukan"
    assert en_doc.html["lang"] == "en"
    assert en_doc.h1.get_text() == "Page not found"
    assert id_doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_indonesian_has_no_language_prefix(client, site_tree):
    assert client.get("/id/").status_code == 404
    assert client.get("/id/tentang/").status_code == 404


def test_server_error_page_is_translated_and_needs_no_database(rf, settings):
    from django.utils import translation

    from home.views import server_error

    with translation.override("en"):
        response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    doc = html(response)
    assert doc.html["lang"] == "en"
    assert doc.h1.get_text() == "Something went wrong"
    with translation.override("id"):
        assert html(server_error(rf.get("/"))).h1.get_text() == "Terjadi kesalahan"


def test_footer_shows_contact_details_from_site_settings(client, site_tree):
    from wagtail.models import Site

    from home.models import ContactSettings

    ContactSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        address="Jl. Tjilik Riwut Km. 5,5",
        whatsapp="0812-3456-7890",
        email="info@example.org",
        instagram_url="https://instagram.com/contoh",
    )
    footer = html(client.get("/")).find("footer")
    assert "Jl. Tjilik Riwut Km. 5,5" in footer.get_text()
    assert footer.find("a", href="https://wa.me/6281234567890").get_text() == "0812-3456-7890"
    assert footer.find("a", href="mailto:info@example.org")
    assert footer.find("a", href="https://instagram.com/contoh").get_text() == "Instagram"
