"""Cached pages answered early, compressed on the wire, with nothing of the visitor's touched (issue 20)."""

import gzip
from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client

from home import compression, page_cache
from home.cache_backends import ReadAheadLocMemCache
from home.readahead import ReadAheadMixin

from .test_page_cache import campaign  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def state(response):
    return response.get("X-Page-Cache")


def body(response):
    return gzip.decompress(response.content) if response.get("Content-Encoding") == "gzip" else response.content


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_pages_are_compressed_where_gzip_is_accepted_and_plain_otherwise(client, site_tree):
    first = client.get("/tentang/", **GZIP)
    assert state(first) == "miss" and first["Content-Encoding"] == "gzip"
    hit = client.get("/tentang/", **GZIP)
    assert state(hit) == "hit" and hit["Content-Encoding"] == "gzip"
    assert int(hit["Content-Length"]) == len(hit.content) < len(body(hit)) / 2
    plain = client.get("/tentang/")
    assert state(plain) == "hit" and "Content-Encoding" not in plain
    assert plain.content == body(hit) == body(first)
    assert b"</html>" in plain.content
    for response in (first, hit, plain):
        assert "accept-encoding" in vary(response)


def test_uncached_pages_feeds_calendars_and_the_sitemap_are_compressed_too(client, site_tree, settings):
    settings.PAGE_CACHE_ENABLED = False
    for url in ("/tentang/", "/sitemap.xml"):
        response = client.get(url, **GZIP)
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        assert "accept-encoding" in vary(response)
        plain = client.get(url)
        assert "Content-Encoding" not in plain and plain.content == gzip.decompress(response.content)


def test_images_and_tiny_answers_are_left_alone(client, site_tree):
    response = client.get("/healthz/", **GZIP)  # a few bytes of JSON: not worth it
    assert "Content-Encoding" not in response
    assert not compression.is_compressible(type("R", (), {"get": lambda self, name, default="": "image/png"})())


def test_a_hit_costs_no_query_no_session_and_no_compression(client, site_tree, django_assert_max_num_queries):
    client.get("/tentang/", **GZIP)
    with (
        mock.patch.object(SessionMiddleware, "process_request", side_effect=AssertionError("session")) as session,
        mock.patch.object(compression, "compress_string", side_effect=AssertionError("compressed")) as compress,
        mock.patch("django.middleware.gzip.compress_string", side_effect=AssertionError("compressed")),
        django_assert_max_num_queries(0),
    ):
        for headers in (GZIP, {}):
            response = client.get("/tentang/?utm_source=wa", **headers)
            assert (response.status_code, state(response)) == (200, "hit")
    assert not session.called and not compress.called
    # The security headers are still decided above the page cache, on hits as on misses.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Language"] == "id"


def test_a_hit_on_a_form_page_splices_each_visitor_a_token_of_their_own(campaign):  # noqa: F811
    url = campaign.active.url
    Client().get(url, **GZIP)
    visitors = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        with mock.patch.object(compression, "compress_string", side_effect=AssertionError("compressed")):
            page = visitor.get(url, **GZIP)
        assert state(page) == "hit" and page["Content-Encoding"] == "gzip"
        assert "private" in page["Cache-Control"] and "csrftoken" in page.cookies
        html = gzip.decompress(page.content).decode()  # a valid gzip stream: pieces, token, pieces
        assert "PAGE_CACHE" not in html
        visitors.append((visitor, html.split('name="csrfmiddlewaretoken" value="', 1)[1][:64]))
    tokens = {token for _visitor, token in visitors}
    data = {"name": "Sari Dewi", "whatsapp": "0812-3456-7890", "kecamatan": "pahandut", "consent": "on"}
    for number, (visitor, token) in enumerate(visitors):
        whatsapp = f"0812-3456-789{number}"
        posted = visitor.post(
            url + "tertarik/", {**data, "whatsapp": whatsapp, "website": "", "csrfmiddlewaretoken": token}
        )
        assert posted.status_code == 302
    assert len(tokens) == 2  # never another visitor's token


def test_a_hit_is_one_cache_round_trip(client, site_tree):
    client.get("/tentang/")
    client.get("/tentang/")  # the process has learnt what the address depends on
    fetches, gets = [], []
    fetch_many, get = ReadAheadLocMemCache._fetch_many, ReadAheadMixin.get

    def counting_fetch(self, keys, version=None):
        fetches.append(list(keys))
        return fetch_many(self, keys, version)

    def counting_get(self, *args, **kwargs):
        gets.append(args)
        return get(self, *args, **kwargs)

    with (
        mock.patch.object(ReadAheadLocMemCache, "_fetch_many", counting_fetch),
        mock.patch.object(ReadAheadMixin, "get", counting_get),
    ):
        assert state(client.get("/tentang/")) == "hit"
    assert len(fetches) == 1 and gets == []


def test_an_editor_is_never_answered_early(client, admin_client, site_tree):
    client.get("/tentang/")
    assert state(client.get("/tentang/")) == "hit"
    editor = admin_client.get("/tentang/")
    assert state(editor) is None and "private" in editor["Cache-Control"]


def test_the_csrf_middleware_is_the_one_django_runs():
    # The early answer reuses Django's own CSRF middleware to read and set the visitor's cookie.
    middleware = page_cache.EarlyPageCacheMiddleware(lambda request: None)
    assert isinstance(middleware.csrf, CsrfViewMiddleware)


def test_a_request_reads_its_own_writes_in_every_cache_version():
    """The read-ahead window keeps a key read with another version (Wagtail's site root paths) apart
    from the same key in the cache's own version, and a write in either drops only its own copy."""
    from django.core.cache import cache

    from home.readahead import open_window

    cache.set("paths", "old", version=2)
    with open_window("/tentang/"):
        assert cache.get("paths", version=2) == "old"
        assert cache.get("paths") is None
        cache.set("paths", "new", version=2)
        assert cache.get("paths", version=2) == "new"
        cache.set("paths", "own version")
        assert (cache.get("paths"), cache.get("paths", version=2)) == ("own version", "new")
        cache.delete("paths", version=2)
        assert cache.get("paths", version=2) is None and cache.get("paths") == "own version"
