"""Light pages on the demo content: gzip budgets for every page type in both languages, and responsive images."""

import gzip

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from bench.targets import page_urls
from events.models import EventIndexPage
from tests.site_urls import route

pytestmark = pytest.mark.usefixtures("demo")

HOME_HTML_BUDGET = 14 * 1024
HOME_TOTAL_BUDGET = 30 * 1024
PAGE_BUDGET = 60 * 1024


def gzipped(content):
    return len(gzip.compress(content, compresslevel=6))


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def every_page_type(language):
    """One live page of each page type in `language`, plus the schedule's month view and archive."""
    locale = Locale.objects.get(language_code=language)
    urls = {}
    for page in Page.objects.live().filter(locale=locale, depth__gt=1).specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    urls.update({f"route {name}": url for name, url in page_urls(language).items()})
    schedule = EventIndexPage.objects.live().get(locale=locale)
    urls["route archive"] = route(schedule, "archive")
    return urls


@pytest.mark.parametrize("language", ["id", "en"])
def test_home_page_fits_the_first_round_trip_with_its_css_and_js_within_30_kb(client, language):
    response = client.get("/" if language == "id" else "/en/")
    html = response.content
    assert gzipped(html) <= HOME_HTML_BUDGET, f"home HTML is {gzipped(html)} bytes gzipped"
    doc = BeautifulSoup(html, "html.parser")
    assets = [link["href"] for link in doc.select('link[rel="stylesheet"]')]
    assets += [script["src"] for script in doc.select("script[src]")]
    stylesheets = [url for url in assets if url.endswith(".css")]
    assert len(stylesheets) == 1, f"one small CSS file, not {stylesheets}"
    total = gzipped(html)
    for url in assets:
        asset = client.get(url)
        assert asset.status_code == 200, url
        total += gzipped(body(asset))
    assert total <= HOME_TOTAL_BUDGET, f"home HTML + CSS + JS is {total} bytes gzipped"


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_page_is_over_60_kb_gzipped_before_images(client, language):
    sizes = {}
    for name, url in every_page_type(language).items():
        response = client.get(url)
        assert response.status_code == 200, url
        sizes[name] = gzipped(response.content)
    print(f"\ngzip bytes ({language}):", sizes)
    assert len(sizes) >= 12
    assert max(sizes.values()) <= PAGE_BUDGET, sizes


def test_pages_read_without_javascript_and_use_the_system_font_stack(client):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    assert "system-ui" in css and "@font-face" not in css
    doc = BeautifulSoup(client.get("/").content, "html.parser")
    # Scripts are small enhancements loaded as modules; no content is written by them.
    for script in doc.select("script[src]"):
        assert script.get("type") == "module"


@pytest.mark.parametrize("language", ["id", "en"])
def test_images_are_responsive_pictures_with_modern_formats_and_sizes(client, language):
    urls = page_urls(language)
    home = BeautifulSoup(client.get(urls["home"]).content, "html.parser")
    hero = home.select_one("picture img.hero__image")
    assert hero is not None
    assert hero.get("fetchpriority") == "high" and hero.get("loading") != "lazy"
    for url in (urls["home"], urls["story index"], urls["story"], urls["campaign"], urls["event"]):
        doc = BeautifulSoup(client.get(url).content, "html.parser")
        pictures = doc.select("picture")
        for picture in pictures:
            types = [source.get("type") for source in picture.select("source")]
            assert types == ["image/avif", "image/webp"], (url, types)
            assert all("," in source["srcset"] for source in picture.select("source")), url
            img = picture.find("img")
            assert img["src"].endswith((".jpg", ".jpeg")), img["src"]
            assert img.get("width") and img.get("height")
            assert img.has_attr("alt")
            if img.get("loading") == "lazy":
                assert img.get("decoding") == "async"


def test_listings_below_the_fold_load_lazily(client):
    doc = BeautifulSoup(client.get(page_urls("id")["story index"]).content, "html.parser")
    images = doc.select(".story-card img")
    assert len(images) >= 3
    assert images[0].get("loading") != "lazy"  # the first card is at the top of the page
    assert all(img.get("loading") == "lazy" for img in images[3:])
