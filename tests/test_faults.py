"""When a part fails: Redis away means slower pages, not broken ones; the database away means a polite 503."""

import logging
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
import time_machine
from django.core.cache import caches
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client, override_settings

from events.models import Registration

from .events_support import NOW, Taxonomy, make_event, make_schedule

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "home.cache_backends.ResilientRedisCache",
        # Port 1 on this machine: nothing listens, so every connection is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_PREFIX": "pelatihan",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }
}


@pytest.fixture
def event(site_tree, locales):
    with time_machine.travel(NOW, tick=False):
        index, _ = make_schedule(site_tree, locales)
        start = NOW.replace(hour=8, minute=0) + timedelta(days=10)
        event = make_event(index, Taxonomy(*locales), [(start, start + timedelta(hours=4))], quota=3)
        yield SimpleNamespace(page=event, url=event.url)


@pytest.fixture
def redis_down():
    with override_settings(CACHES=UNREACHABLE_REDIS):
        assert type(caches["default"]).__name__ == "ResilientRedisCache"
        yield


def test_pages_are_served_uncached_and_registration_works_when_redis_is_unreachable(event, redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="home.cache_backends")
    client = Client()
    with time_machine.travel(NOW, tick=False):
        for url in ("/", "/en/", "/tentang/", "/jadwal-pelatihan/", event.url, event.url + "daftar/"):
            assert client.get(url).status_code == 200, url
        response = client.post(
            event.url + "daftar/",
            {
                "full_name": "Siti Aminah",
                "whatsapp": "0812 3456 7001",
                "date_of_birth": "17/08/1995",
                "kecamatan": "pahandut",
                "kelurahan": "Langkai",
                "education": "sma",
                "consent": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Registration.objects.filter(event=event.page, whatsapp="+6281234567001").count() == 1
    assert client.get(response["Location"]).status_code == 200
    unreachable = [r for r in caplog.records if r.name == "home.cache_backends" and "unreachable" in r.getMessage()]
    assert unreachable, "the outage must be logged"
    assert unreachable[0].levelno == logging.WARNING


def test_health_check_reports_the_cache_outage(redis_down, db):
    response = Client().get("/healthz/")
    assert response.status_code == 503
    assert response.json()["cache"] == "fail"


def _failing_execute(self, *args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused")


def _broken_database():
    return mock.patch.object(CursorWrapper, "execute", _failing_execute)


@pytest.mark.parametrize(
    ("url", "language", "words"),
    [("/", "id", "Situs sedang tidak dapat diakses"), ("/en/about/", "en", "The site is briefly unavailable")],
)
def test_database_outage_gives_a_translated_503_with_retry_after(site_tree, url, language, words, caplog):
    client = Client(raise_request_exception=False)
    with _broken_database():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert f'lang="{language}"' in body
    assert words in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert response["Content-Security-Policy"]  # the headers still go out
    assert any("Database unavailable" in r.getMessage() for r in caplog.records)


def test_database_outage_in_a_middleware_also_gives_the_503(site_tree, client):
    """A lost connection outside a view (here: loading the session) goes through handler500 to the same page."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "x" * 32
    with (
        _broken_database(),
        mock.patch(
            "django.contrib.sessions.middleware.SessionMiddleware.process_response",
            side_effect=OperationalError("server closed the connection unexpectedly"),
        ),
    ):
        response = client.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "The site is briefly unavailable" in response.content.decode()


def test_registration_post_during_an_outage_says_try_again_and_stores_nothing(event):
    client = Client(raise_request_exception=False)
    with _broken_database():
        response = client.post(event.url + "daftar/", {"full_name": "Siti"})
    assert response.status_code == 503
    assert "kirimkan sekali lagi" in response.content.decode()
    assert Registration.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.parametrize("closed_port_database", ["postgres://postgres@127.0.0.1:1/none"])
def test_a_database_on_a_closed_port_gives_the_503_not_a_traceback(site_tree, closed_port_database, settings):
    """A real connection failure, not a mock: point the connection at a port where nothing listens."""
    import environ
    from django.db import connections

    conn = connections["default"]
    if conn.vendor != "postgresql":
        pytest.skip("connecting to a closed port needs the PostgreSQL backend (run with DATABASE_URL=postgres://...)")
    broken = environ.Env.db_url_config(closed_port_database)
    with mock.patch.dict(conn.settings_dict, {"HOST": broken["HOST"], "PORT": broken["PORT"]}):
        conn.close()
        response = Client(raise_request_exception=False).get("/en/")
    conn.close()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
