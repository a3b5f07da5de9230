"""Flat as data grows, and few cache round trips per page (issue 20).

With bench/load_data.py's generator at two sizes, the story list, the month calendar and a
story page make the same number of SQL queries; the month calendar stays bounded in size.
On Redis, an uncached page makes a handful of round trips (about thirty before the read-ahead),
a page-cache hit one, and none once the process's version mirror holds the page's versions;
counted by a wrapper around redis-py's connection (one ``send_packed_command`` per round trip).
"""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.load_data import generate
from bench.targets import page_urls
from events.models import EventSession, TrainingEvent
from events.views import PER_DAY
from home.timezones import WIB, today_in_wib

from .redis_support import RoundTrips, cache_settings, delete_keys, following_redis, redis_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FLAT_PAGES = ("story index", "month", "story", "upcoming", "home")


def generate_more(stories, events):
    generate(
        stories=stories, events=events, campaigns=1, registrations=1, signups=1, skip_demo=True, say=io.StringIO().write
    )


def counts(client, urls):
    result = {}
    for name in FLAT_PAGES:
        client.get(urls[name])  # renditions and frame fragments warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[name])
        assert response.status_code == 200, urls[name]
        result[name] = len(queries)
    return result


def test_story_list_month_calendar_and_story_page_cost_the_same_queries_at_one_and_three_times_the_data(client, demo):
    generate_more(stories=20, events=40)
    urls = page_urls("id")
    small = counts(client, urls)
    generate_more(stories=40, events=80)  # three times the generated data
    urls = page_urls("id")
    large = counts(client, urls)
    assert large == small


def test_the_month_calendar_is_bounded_whatever_the_number_of_trainings_a_day(client, demo):
    generate_more(stories=1, events=120)
    # The generator spreads trainings over two years, so whether this month has a busy day
    # depends on the date the test runs: make one, on the 15th of this month.
    today = today_in_wib()
    busy = datetime(today.year, today.month, 15, 10, tzinfo=WIB)
    crowd = TrainingEvent.objects.live().filter(locale__language_code="id").values_list("pk", flat=True)
    crowded = EventSession.objects.filter(event_id__in=list(crowd[: PER_DAY + 2]))
    crowded.update(start=busy, end=busy + timedelta(hours=4))
    url = page_urls("id")["month"]
    page = client.get(url).content.decode()
    per_day = re.findall(r'<h3 id="day-([0-9-]+)">(.*?)(?=<h3 id="day-|</section>)', page, re.S)
    assert per_day
    assert all(block.count("agenda-list__time") <= PER_DAY for _day, block in per_day)
    more = re.search(r'<p class="agenda-more"><a href="([^"]+)">', page)
    assert more, "a busy day links to its full list"
    day = re.search(r"hari=([0-9-]+)", more.group(1)).group(1)
    full = client.get(more.group(1).replace("&amp;", "&").split("#")[0]).content.decode()
    block = full.split(f'<h3 id="day-{day}">', 1)[1].split("<h3", 1)[0]
    assert block.count("agenda-list__time") > PER_DAY
    assert client.get(url + "?hari=kemarin").status_code == 200  # junk is ignored, never a 500


@pytest.fixture
def redis_cache(settings):
    redis_or_skip()
    settings.CACHES = {"default": cache_settings()}
    with RoundTrips() as trips:
        yield trips
    delete_keys(settings.CACHES["default"]["KEY_PREFIX"])


def round_trips(trips, client, url):
    before = len(trips)
    response = client.get(url)
    assert response.status_code == 200, url
    return len(trips) - before, response


def test_redis_round_trips_per_page_are_bounded(client, demo, redis_cache, settings):
    following_redis()
    for language in ("id", "en"):
        for name, url in page_urls(language).items():
            settings.PAGE_CACHE_ENABLED = False
            client.get(url)  # what the address reads is learnt
            uncached, _response = round_trips(redis_cache, client, url)
            # One read-ahead get_many for everything the page reads, and Wagtail's site root paths (read
            # with a cache version of their own, so not read ahead), once however many URLs the page builds.
            assert uncached <= 2, (name, language, uncached)
            settings.PAGE_CACHE_ENABLED = True
            miss, response = round_trips(redis_cache, client, url)
            assert response["X-Page-Cache"] == "miss"
            # A miss adds the lookup, the live-figure versions, the per-site budget counter and the store.
            assert miss <= 14, (name, language, miss)
            hit, response = round_trips(redis_cache, client, url)
            assert response["X-Page-Cache"] == "hit"
            # One for the page's versions, or none when the mirror holds them already (another page's hit).
            assert hit <= 1, (name, language, hit)
            # The mirror has taken what that hit read: now a hit needs no round trip at all.
            again, again_response = round_trips(redis_cache, client, url)
            assert again_response["X-Page-Cache"] == "hit" and again == 0, (name, language, again)
            # A hit reads only the page's versions: what the address's render reads is still known after it.
            settings.PAGE_CACHE_ENABLED = False
            again, _response = round_trips(redis_cache, client, url)
            assert again <= 2, (name, language, again)


def test_an_uncached_render_writes_nothing_back_to_the_cache(client, demo, redis_cache, settings):
    """Wagtail 8.0.1 wrote every rendition it used back to the cache on every render (home.readahead)."""
    following_redis()
    settings.PAGE_CACHE_ENABLED = False
    for language in ("id", "en"):
        for name, url in page_urls(language).items():
            client.get(url)  # renditions made, fragments stored, what the address reads learnt
            before = len(redis_cache)
            assert client.get(url).status_code == 200
            sent = [
                bytes(args[0]) if isinstance(args[0], (bytes, bytearray, memoryview)) else bytes(args[0][0])
                for args in redis_cache[before:]
            ]
            written = [command[:80] for command in sent if re.search(rb"\r\n(SET|SETEX|MSET|MULTI|DEL)\r\n", command)]
            assert written == [], (name, language, written)
