"""Redis and PostgreSQL that accept the connection and then never answer (not merely refuse it).

A proxy of the test's own (bench/proxy.py) stands in front of the real service and
stops forwarding without closing, the way a partitioned network does. Needs the real
Redis and PostgreSQL: skipped with the reason without them, failing under CI=true.
The database test runs in CI's PostgreSQL pass (on SQLite there is no socket to stall).
"""

import logging
import os
import socket
import time
import uuid
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import close_old_connections, connections
from django.test import Client

from bench.proxy import StallingProxy

REDIS_PORT, POSTGRES_PORT = 6379, 5432


def _reachable(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def service_or_skip(name, port):
    if not _reachable(port):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} not reachable on 127.0.0.1:{port}: CI must provide it for the slow-dependency tests")
        pytest.skip(f"{name} not reachable on 127.0.0.1:{port}: the slow-dependency tests need it (they run in CI)")


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


@pytest.fixture
def stalling_redis(settings):
    service_or_skip("Redis", REDIS_PORT)
    prefix = f"test-slow-{uuid.uuid4().hex[:8]}"
    with StallingProxy(REDIS_PORT) as proxy:
        settings.CACHES = {
            "default": {
                "BACKEND": "home.cache_backends.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{proxy.port}/7",
                "KEY_PREFIX": prefix,
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            }
        }
        settings.CACHE_BREAKER_SECONDS = 1.0
        settings.PAGE_CACHE_ENABLED = True
        yield proxy
    import redis

    direct = redis.Redis(port=REDIS_PORT, db=7)
    for key in direct.scan_iter(f"{prefix}:*"):
        direct.delete(key)


@pytest.mark.django_db
def test_a_hung_redis_costs_one_short_wait_then_the_breaker_serves_without_it(site_tree, stalling_redis, caplog):
    caplog.set_level(logging.WARNING, logger="home.cache_backends")
    client = Client()
    assert client.get("/tentang/").status_code == 200
    assert client.get("/tentang/")["X-Page-Cache"] == "hit"  # Redis works through the proxy
    breaker = caches["default"].breaker

    stalling_redis.pause()
    timings = []
    for url in ("/tentang/", "/", "/en/", "/en/about/", "/mitra/", "/tentang/"):
        response, seconds = timed_get(client, url)
        assert response.status_code == 200, url
        timings.append(seconds)
        assert breaker.state == "open", "the first failed call opens the breaker"
    assert max(timings) < 3, timings
    # Only the first request waited on Redis at all; the others did not ask it.
    assert sum(timings[1:]) < max(2.0, timings[0] * len(timings)), timings
    down = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(down) == 1, [r.getMessage() for r in caplog.records]

    stalling_redis.resume()
    time.sleep(1.1)  # CACHE_BREAKER_SECONDS: the next call is the half-open trial
    assert client.get("/tentang/").status_code == 200
    assert breaker.state == "closed"
    assert client.get("/tentang/")["X-Page-Cache"] == "hit"  # caching again, without a restart
    back = [r for r in caplog.records if "reachable again" in r.getMessage()]
    assert len(back) == 1
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 2


@pytest.mark.django_db
def test_health_check_answers_fast_while_redis_hangs(stalling_redis):
    stalling_redis.pause()
    response, seconds = timed_get(Client(), "/healthz/")
    assert response.status_code == 503
    assert response.json()["cache"] == "fail"
    assert seconds < 3


@pytest.fixture
def stalling_database(settings):
    conn = connections["default"]
    if conn.vendor != "postgresql":
        pytest.skip("a stalled database needs PostgreSQL (CI runs the suite on it: DATABASE_URL=postgres://...)")
    service_or_skip("PostgreSQL", POSTGRES_PORT)
    settings.DATABASE_TIMEOUT = 1.0
    settings.HEALTHZ_TIMEOUT = 1.0
    settings.PAGE_CACHE_ENABLED = True
    upstream = int(conn.settings_dict["PORT"] or POSTGRES_PORT), conn.settings_dict["HOST"] or "127.0.0.1"
    with StallingProxy(*upstream) as proxy:
        options = {**conn.settings_dict.get("OPTIONS", {}), "connect_timeout": 2}
        with mock.patch.dict(conn.settings_dict, {"HOST": "127.0.0.1", "PORT": str(proxy.port), "OPTIONS": options}):
            conn.close()
            yield proxy
            proxy.resume()
            conn.close()
    conn.close()


def request_cycle(client, url):
    """What Django's handler does at the start of every request (the test client leaves it out)."""
    close_old_connections()
    return timed_get(client, url)


@pytest.fixture(scope="module", autouse=True)
def migrated_rows_put_back(django_db_blocker):
    """The database test commits (its connection is closed and reopened through the proxy), so it runs
    as a transactional test, which leaves the database flushed: give later modules on this worker the
    migrations' rows back (as tests/test_registration_concurrency.py does)."""
    yield
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(serialized)
    ContentType.objects.clear_cache()


# serialized_rollback: the test starts from what the migrations made (locales, root page, site).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hung_database_gives_the_503_and_healthz_fails_fast_and_both_recover(site_tree, stalling_database, caplog):
    client = Client(raise_request_exception=False)
    assert request_cycle(client, "/tentang/")[0].status_code == 200  # now in the page cache
    assert request_cycle(client, "/healthz/")[0].status_code == 200

    stalling_database.pause()
    for url in ("/en/about/", "/mitra/", "/en/"):
        response, seconds = request_cycle(client, url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "60"
        assert seconds < 4, (url, seconds)  # connect_timeout (2 s) or the statement bound (1 s + grace)
    response, seconds = request_cycle(client, "/tentang/")
    assert (response.status_code, response["X-Page-Cache"]) == (200, "hit")
    assert seconds < 4
    response, seconds = request_cycle(client, "/healthz/")
    assert response.status_code == 503
    assert response.json()["database"] == "fail"
    assert seconds < 2.5

    stalling_database.resume()
    assert request_cycle(client, "/en/about/")[0].status_code == 200
    deadline = time.monotonic() + 5
    while (status := request_cycle(client, "/healthz/")[0].status_code) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status == 200
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) < 20


def test_without_the_services_it_skips_locally_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr("tests.test_slow_dependencies._reachable", lambda port: False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Redis not reachable"):
        service_or_skip("Redis", REDIS_PORT)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must provide it"):
        service_or_skip("Redis", REDIS_PORT)
