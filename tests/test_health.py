"""/healthz/ tells a load balancer whether this server can serve pages."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthy_server_answers_200_and_is_never_cached(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_unreachable_database_gives_503(client):
    # The check runs in a thread of its own (so it can be abandoned): patch the class, not this thread's connection.
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "fail"}


def redis_cache(port):
    return {
        "default": {"BACKEND": "home.cache_backends.ResilientRedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }


def redis_running():
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


def test_unreachable_shared_cache_gives_503(client, settings):
    settings.CACHES = redis_cache(1)  # nothing listens on port 1: a real refused connection
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["cache"] == "fail"


@pytest.mark.skipif(not redis_running(), reason="no Redis server at 127.0.0.1:6379")
def test_reachable_shared_cache_is_checked(client, settings):
    settings.CACHES = redis_cache(6379)
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_health_is_outside_the_language_prefix(client):
    assert client.get("/en/healthz/").status_code == 404


def test_health_is_not_in_the_sitemap(client, site_tree):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/tentang/" in sitemap.content  # the sitemap does list pages
    assert b"healthz" not in sitemap.content


def test_health_is_never_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = client.get("/healthz/")
        assert response.get("X-Page-Cache") is None
        assert "no-cache" in response["Cache-Control"]
    # The check runs in a thread of its own (so it can be abandoned): patch the class, not this thread's connection.
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("connection refused")
    ):
        assert client.get("/healthz/").status_code == 503
