"""Page-cache hits without a round trip, on the process's mirror of the versions (home.version_mirror).

Against a real Redis (127.0.0.1:6379, database 5, a key prefix per test): a change made by
another process ends this process's local copy as soon as its message arrives, a change made
here at once, and a mirror that stops hearing from Redis is no longer trusted. The last test
holds the mirror's ordering rules without Redis.
"""

import gzip
import subprocess
import time
from types import SimpleNamespace

import pytest
from django.test import Client

from bench.proxy import StallingProxy
from bench.server import PYTHON, ROOT
from campaigns.models import InterestSignup
from home import cache_backends, page_cache, version_mirror
from home.cache import bump_content_version

from .redis_support import (
    LOCATION,
    RoundTrips,
    cache_settings,
    delete_keys,
    following_redis,
    redis_or_skip,
    wait_until,
)
from .test_page_cache import NOW, campaign  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_redis(settings):
    """Make the default cache a Redis one (at `location`) and wait until its mirror follows it."""
    redis_or_skip()
    used = []

    def use(location=LOCATION):
        settings.CACHES = {"default": cache_settings(location)}
        settings.PAGE_CACHE_ENABLED = True
        settings.CACHE_BREAKER_SECONDS = 0.1
        used.append(settings.CACHES["default"])
        return SimpleNamespace(config=settings.CACHES["default"], mirror=following_redis())

    yield use
    cache_backends.stop_mirrors()
    for config in used:
        delete_keys(config["KEY_PREFIX"])


@pytest.fixture
def redis_here(on_redis):
    return on_redis()


@pytest.fixture
def round_trips():
    with RoundTrips() as trips:
        yield trips


def served(client, url, trips=None):
    before = len(trips) if trips is not None else 0
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200, url
    return response.get("X-Page-Cache"), (len(trips) - before if trips is not None else None), response


def test_a_hit_needs_no_round_trip_once_the_mirror_holds_its_versions(client, site_tree, redis_here, round_trips):
    assert served(client, "/tentang/")[0] == "miss"
    first = served(client, "/tentang/", round_trips)
    assert first[:2] == ("hit", 1)  # the versions, read from Redis and offered to the mirror
    later = served(client, "/tentang/", round_trips)
    assert later[:2] == ("hit", 0)
    assert later[2].content == first[2].content
    assert later[2]["Content-Encoding"] == "gzip" and "default-src 'self'" in later[2]["Content-Security-Policy"]


def test_a_change_made_by_another_process_ends_the_local_copy_as_soon_as_it_is_announced(
    client, site_tree, redis_here, round_trips
):
    for _ in range(3):
        served(client, "/tentang/")
    assert served(client, "/tentang/", round_trips)[:2] == ("hit", 0)
    another_server = (
        "import django; from django.conf import settings; "
        f"settings.configure(CACHES={{'default': {redis_here.config!r}}}, "
        "DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}); "
        "django.setup(); from home.cache import bump_content_version; bump_content_version()"
    )
    subprocess.run([PYTHON, "-c", another_server], cwd=ROOT, check=True, timeout=60)
    # The message came before the other process even exited: no waiting here.
    assert served(client, "/tentang/")[0] == "miss"
    assert served(client, "/tentang/")[0] == "hit"


def test_a_change_made_here_is_seen_here_at_once(client, site_tree, redis_here, round_trips):
    for _ in range(3):
        served(client, "/tentang/")
    bump_content_version()
    assert served(client, "/tentang/")[0] == "miss"


def test_a_sign_up_ends_its_campaigns_local_copy_and_no_other(client, campaign, redis_here):  # noqa: F811
    url, other = campaign.active.url, campaign.other.url
    for _ in range(3):
        served(client, url)
        served(client, other)
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = set()
    for visitor in visitors:  # from the local copy, each visitor still gets a token of their own
        page = visitor.get(url)
        assert page["X-Page-Cache"] == "hit" and "csrftoken" in page.cookies
        tokens.add(page.content.decode().split('name="csrfmiddlewaretoken" value="', 1)[1][:64])
    assert len(tokens) == 2
    InterestSignup.objects.create(
        campaign=campaign.active, name="Sari", whatsapp="081234567890", kecamatan="pahandut", consented_at=NOW
    )
    assert served(client, url)[0] == "miss"
    assert served(client, other)[0] == "hit"


def test_a_mirror_that_stops_hearing_from_redis_is_not_trusted(client, site_tree, on_redis, round_trips):
    with StallingProxy(6379) as proxy:
        here = on_redis(f"redis://127.0.0.1:{proxy.port}/5")
        for _ in range(3):
            served(client, "/tentang/")
        assert served(client, "/tentang/", round_trips)[:2] == ("hit", 0)
        proxy.pause()  # Redis accepts and never answers: no pong, and no message could arrive either
        assert wait_until(lambda: not here.mirror.live(), version_mirror.TRUST_SECONDS + 1)
        state, _trips, response = served(client, "/tentang/")
        assert state != "hit" and b"Tentang program" in gzip.decompress(response.content)
        proxy.resume()
        assert wait_until(here.mirror.live, 10), "the mirror follows Redis again"
        time.sleep(0.2)  # the cache's breaker lets calls through again
        assert wait_until(lambda: served(client, "/tentang/")[0] == "hit", 5)


def test_local_pages_keep_to_their_expiry_and_their_budget(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 16 * 1000
    local = page_cache.LocalPages()

    def entry(size, expires):
        return {
            "versions": {},
            "headers": [],
            "has_form": False,
            "size": size,
            "plain": b"x" * size,
            "expires": expires,
        }

    local.put("old", entry(10, time.time() - 1))
    assert local.get("old") is None
    for number in range(20):
        local.put(f"page {number}", entry(900, time.time() + 60))
    kept = [number for number in range(20) if local.get(f"page {number}") is not None]
    assert kept == list(range(20 - len(kept), 20)) and 900 * len(kept) <= 16 * 1000
    local.put("too big", entry(2000, time.time() + 60))  # more than a sixteenth of the budget
    assert local.get("too big") is None


def test_a_read_or_a_write_of_this_process_never_overwrites_a_newer_announcement():
    mirror = version_mirror.VersionMirror(client=None, channel="unused")
    mirror._live_until = time.monotonic() + 60  # as after a pong
    seen = mirror.seen()
    mirror.offer({"content-version": "v1"}, seen)
    assert mirror.current({"content-version": "v1"})
    # A read that began before a message arrived is not taken, whatever it read.
    seen = mirror.seen()
    with mirror._lock:  # what the subscriber does with a message
        mirror._generation += 1
        mirror._values.update({"content-version": "v3"})
    mirror.offer({"content-version": "v2"}, seen)
    assert mirror.current({"content-version": "v3"}) and not mirror.current({"content-version": "v2"})
    # This process wrote v2 before another's v3 was announced: the mirror asks Redis, never takes v2.
    mirror.replaced(["content-version"])
    assert not mirror.current({"content-version": "v2"}) and not mirror.current({"content-version": "v3"})
    mirror._live_until = 0.0  # no pong for too long: nothing is current
    mirror.offer({"content-version": "v3"}, mirror.seen())
    assert not mirror.current({"content-version": "v3"})
