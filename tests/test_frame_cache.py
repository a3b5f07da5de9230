"""The shared frame is cached, and every content change shows at once."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from home.models import ContactSettings, StandardPage

pytestmark = pytest.mark.django_db


def menu(client, url="/"):
    doc = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.get_text() for a in doc.find("nav", class_="primary-nav").find_all("a")]


def test_menu_shows_a_newly_published_page(client, site_tree):
    assert "Kontak" not in menu(client)
    page = StandardPage(title="Kontak", slug="kontak", show_in_menus=True)
    site_tree["home"].add_child(instance=page)
    page.save_revision().publish()
    assert menu(client)[-1] == "Kontak"


def test_menu_follows_a_renamed_page(client, site_tree):
    menu(client, "/en/")
    about = site_tree["en_about"]
    about.title = "About us"
    about.save_revision().publish()
    assert "About us" in menu(client, "/en/")


def test_menu_drops_an_unpublished_page(client, site_tree):
    menu(client)
    site_tree["only_id"].unpublish()
    assert "Pengumuman" not in menu(client)


def test_draft_changes_do_not_show(client, site_tree):
    menu(client)
    about = site_tree["about"]
    about.title = "Draf baru"
    about.save_revision()
    assert "Draf baru" not in menu(client)
    assert "Tentang" in menu(client)


def test_footer_follows_contact_settings(client, site_tree):
    settings = ContactSettings.objects.create(site=Site.objects.get(is_default_site=True), email="a@example.org")
    assert b"mailto:a@example.org" in client.get("/").content
    settings.email = "b@example.org"
    settings.save()
    content = client.get("/").content
    assert b"mailto:b@example.org" in content
    assert b"mailto:a@example.org" not in content


def test_breadcrumbs_follow_a_renamed_parent(client, site_tree):
    child = StandardPage(title="Syarat", slug="syarat")
    site_tree["about"].add_child(instance=child)
    child.save_revision().publish()
    assert b">Tentang</a>" in client.get("/tentang/syarat/").content
    about = site_tree["about"]
    about.title = "Tentang Kami"
    about.save_revision().publish()
    assert b">Tentang Kami</a>" in client.get("/tentang/syarat/").content


def test_preview_is_never_cached(admin_client, site_tree):
    about = site_tree["about"]
    about.title = "Pratinjau"
    revision = about.save_revision()
    response = admin_client.get(f"/admin/pages/{about.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    assert b"Pratinjau" in response.content
    assert "Pratinjau" not in menu(admin_client)


def test_pages_are_served_when_the_cache_server_is_down(client, site_tree, settings, caplog):
    # Nothing listens on port 1: every cache call fails with a real refused connection.
    settings.CACHES = {
        "default": {"BACKEND": "home.cache_backends.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert "About" in menu(client, "/en/about/")
    assert "Cache unreachable" in caplog.text
