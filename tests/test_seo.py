"""Sitemap, robots.txt, meta tags and structured data of the shared frame."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from home.seo import ld_json

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
    return entries


def test_sitemap_lists_both_language_trees_with_alternates(client, site_tree):
    entries = sitemap_entries(client)
    assert set(entries) == {
        "http://localhost/",
        "http://localhost/tentang/",
        "http://localhost/mitra/",
        "http://localhost/pengumuman/",
        "http://localhost/en/",
        "http://localhost/en/about/",
        "http://localhost/en/partners/",
    }
    assert entries["http://localhost/en/about/"] == {
        "id": "http://localhost/tentang/",
        "en": "http://localhost/en/about/",
        "x-default": "http://localhost/tentang/",
    }
    # A page with no translation has nothing to point to.
    assert entries["http://localhost/pengumuman/"] == {}


def test_sitemap_leaves_out_unpublished_pages(client, site_tree):
    site_tree["en_partners"].unpublish()
    entries = sitemap_entries(client)
    assert "http://localhost/en/partners/" not in entries
    assert entries["http://localhost/mitra/"] == {}


def test_robots_txt_points_to_the_sitemap_and_keeps_the_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def test_pages_carry_description_canonical_and_open_graph(client, site_tree):
    doc = html(client.get("/en/about/"))
    assert doc.find("meta", attrs={"name": "description"})["content"] == "About the programme"
    assert doc.find("link", rel="canonical")["href"] == "http://localhost/en/about/"
    og = {m["property"]: m["content"] for m in doc.find_all("meta", property=True)}
    assert og["og:title"] == "About"
    assert og["og:url"] == "http://localhost/en/about/"
    assert og["og:locale"] == "en_US"
    assert og["og:locale:alternate"] == "id_ID"


def test_home_page_shares_its_hero_image_at_link_preview_size(client, site_tree, tmp_path, settings):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = tmp_path
    from io import BytesIO

    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), "#0b6e4f").save(buffer, "JPEG")
    image = Image.objects.create(title="Anyaman", file=ImageFile(buffer, name="hero.jpg"))
    home = site_tree["home"]
    home.hero_image = image
    home.save_revision().publish()
    og = {m["property"]: m["content"] for m in html(client.get("/")).find_all("meta", property=True)}
    assert og["og:image:width"] == "1200"
    assert og["og:image:height"] == "630"
    assert og["og:image"].startswith("http://localhost/media/images/")


def structured(doc):
    return [json.loads(script.string) for script in doc.find_all("script", type="application/ld+json")]


def test_home_page_describes_the_organisation(client, site_tree):
    data = structured(html(client.get("/")))
    assert [d["@type"] for d in data] == ["Organization"]
    assert data[0]["url"] == "http://localhost/"


def test_inner_pages_carry_a_breadcrumb_list(client, site_tree):
    (crumbs,) = structured(html(client.get("/en/about/")))
    assert crumbs["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        (1, "Home", "http://localhost/en/"),
        (2, "About", "http://localhost/en/about/"),
    ]


def test_structured_data_cannot_break_out_of_its_script_element():
    rendered = str(ld_json({"name": "</script><script>alert(1)</script> & more"}))
    assert rendered.count("</script>") == 1
    payload = rendered.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(payload)["name"] == "</script><script>alert(1)</script> & more"


def test_every_sitemap_entry_has_a_last_modified_date(client, site_tree):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = root.findall("sm:url", NS)
    assert len(urls) == 7
    for url in urls:
        lastmod = url.find("sm:lastmod", NS)
        assert lastmod is not None and lastmod.text[:4].isdigit(), url.find("sm:loc", NS).text
    locs = [url.find("sm:loc", NS).text for url in urls]
    assert not any("/cari/" in loc or "/search/" in loc or "healthz" in loc for loc in locs)
