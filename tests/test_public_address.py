"""One public address (PUBLIC_BASE_URL) for every link that leaves the site, and the Site record kept in step."""

import io
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from home.checks import site_record_matches_public_base_url
from home.sharing import qr_document, qr_svg

from .campaigns_support import TODAY, make_campaign, make_campaign_index

pytestmark = pytest.mark.django_db

PUBLIC = "https://pelatihan.example.org"


@pytest.fixture
def campaign(site_tree, locales, frozen, settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    index, _en = make_campaign_index(site_tree, locales)
    return make_campaign(index, start=TODAY - timedelta(days=1), end=TODAY + timedelta(days=10))


def test_share_links_qr_codes_and_posters_use_the_public_address_not_the_request_host(campaign):
    # The visitor came in on another address (a new user on another port, an internal host name).
    client = Client(HTTP_HOST="127.0.0.1")
    expected = PUBLIC + campaign.url
    body = client.get(campaign.url).content.decode()
    assert f'value="{expected}"' in body  # the copy-link box
    assert quote(expected, safe="") in body  # inside the WhatsApp/Facebook share links
    assert "127.0.0.1" not in body and "testserver" not in re.sub(r'href="/[^"]*"', "", body)
    qr = client.get(campaign.url + "qr/")
    assert qr.content == qr_document(expected, title=campaign.title)
    poster = client.get(campaign.url + "poster/").content.decode()
    assert qr_svg(expected, omitsize=True) in poster and expected in poster


def test_canonical_og_url_sitemap_and_robots_use_the_public_address(site_tree, settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    client = Client(HTTP_HOST="127.0.0.1")
    about = client.get("/tentang/").content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/tentang/">' in about
    assert f'<meta property="og:url" content="{PUBLIC}/tentang/">' in about
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(location.startswith(PUBLIC + "/") for location in locations), locations
    assert f'href="{PUBLIC}/en/about/"' in sitemap  # hreflang alternates too
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_sync_site_address_points_the_site_record_at_the_setting_and_the_check_warns_until_then(db, settings):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8123"
    site = Site.objects.get(is_default_site=True)
    warnings = site_record_matches_public_base_url(None)
    assert [w.id for w in warnings] == ["home.W001"]
    assert "http://127.0.0.1:8123" in warnings[0].msg and "sync_site_address" in warnings[0].hint

    out = io.StringIO()
    call_command("sync_site_address", stdout=out)
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8123, "http://127.0.0.1:8123")
    assert site_record_matches_public_base_url(None) == []
    call_command("sync_site_address", stdout=out)  # a second run changes nothing
    assert "already at http://127.0.0.1:8123" in out.getvalue()

    settings.PUBLIC_BASE_URL = "https://pelatihan.example.org"
    call_command("sync_site_address", stdout=io.StringIO())
    site.refresh_from_db()
    assert site.root_url == "https://pelatihan.example.org"


def test_make_release_and_make_run_write_the_address_into_the_site_record():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    for target in ("release", "run"):
        recipe = makefile.split(f"\n{target}: ", 2)[-1].split("\n\n", 1)[0]
        assert "manage.py sync_site_address" in recipe, target
    assert "run: export DJANGO_PUBLIC_BASE_URL ?= http://$(HOST)" in makefile
