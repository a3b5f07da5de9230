"""Hostile input at scale: generated junk in paths, query strings and form fields, sent to every public
URL pattern. Nothing may answer 5xx, and nothing may be stored.

To cover a new public URL, add it to `public_urls()` (or to tests/site_urls.py for a new page type).
"""

import os
from urllib.parse import quote

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Revision

from campaigns.models import InterestSignup
from events.models import EventIndexPage, Registration
from tests.site_urls import SITE_URLS, first_live, open_campaign, open_event, page_urls, route

pytestmark = pytest.mark.django_db

FUZZ = settings(
    # FUZZ_EXAMPLES=500 for a longer hunt; the default keeps the suite fast.
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 25)),
    deadline=None,
    database=None,  # no example database in the work tree; every run explores afresh
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Junk people and bots send: markup, SQL, path tricks, control characters, odd Unicode, huge numbers.
NASTY = st.sampled_from(
    [
        "",
        "'",
        '"><script>alert(1)</script>',
        "' OR 1=1 --",
        "../../etc/passwd",
        "%00",
        "\x00",
        "\ud800",
        "９９",
        "٣",
        "-1",
        "0",
        "99999999999999999999999",
        "1e9",
        "NaN",
        "[]",
        "{}",
        "a" * 5000,
        "🙂" * 50,
        "\r\nSet-Cookie: x=1",
        "2026-13-45",
        "17/08/1995",
        "+62 812 3456 7890",
    ]
)
JUNK = st.one_of(NASTY, st.text(max_size=60), st.integers().map(str))
# Query keys the views read, plus anything else.
KEYS = st.one_of(
    st.sampled_from(["page", "bidang", "bulan", "mode", "kecamatan", "ada_tempat", "q", "sudah", "tahun", "lang"]),
    st.text(min_size=1, max_size=12),
)


def public_urls():
    """Every public URL pattern of the site, in both languages (the demo's instances of each)."""
    urls = set(SITE_URLS.values()) | {"/healthz/"}
    for language in ("id", "en"):
        pages = page_urls(language)
        urls |= {url.split("?")[0] for url in pages.values()}  # the fuzz brings its own queries
        schedule, training, drive = first_live(EventIndexPage, language), open_event(language), open_campaign(language)
        events, event, campaign = schedule.url, training.url, drive.url
        urls |= {
            route(schedule, "this_month_view"),
            events + "ical/",
            events + "ical/menjahit/",
            event + "ical/",
            event + "poster/",
            route(training, "registered", token="XXXX"),
            campaign + "poster/",
            campaign + "qr/",
            route(drive, "thanks"),
            pages["story index"] + "feed/rss/",
            pages["story index"] + "feed/atom/",
            pages["campaign index"] + "feed/rss/",
            pages["campaign index"] + "feed/atom/",
        }
    return sorted(urls)


def stored_rows():
    return {
        "registrations": Registration.objects.count(),
        "sign-ups": InterestSignup.objects.count(),
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
    }


def encode(text):
    """A generated string as a path segment a browser could send (percent-encoded, invalid UTF-8 allowed)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


FORM = "application/x-www-form-urlencoded"


def form_body(form):
    """The form as the raw body a browser (or a bot) sends; lists become repeated keys."""
    pairs = []
    for key, value in form.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append(f"{encode(key)}={encode(item)}")
    return "&".join(pairs)


def assert_no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code, response.content[:300])


@pytest.fixture
def urls(demo):
    return public_urls()


@pytest.fixture
def fuzz_client():
    # The fuzz must reach the forms' validation, not stop at the rate limit.
    with override_settings(PUBLIC_FORM_RATE="100000/h"):
        yield Client(raise_request_exception=True)


@FUZZ
@given(data=st.data())
def test_junk_paths_never_break_a_page(urls, fuzz_client, data):
    before = stored_rows()
    base = data.draw(st.sampled_from(urls))
    tail = "/".join(encode(part) for part in data.draw(st.lists(JUNK, min_size=1, max_size=3)))
    for url in (base + tail, base + tail + "/", base.rstrip("/") + "%ff%fe/", base + "../" + tail):
        assert_no_server_error(fuzz_client.get(url), url)
    assert stored_rows() == before


@FUZZ
@given(data=st.data())
def test_junk_query_strings_never_break_a_page(urls, fuzz_client, data):
    before = stored_rows()
    base = data.draw(st.sampled_from(urls))
    params = data.draw(st.lists(st.tuples(KEYS, JUNK), max_size=5))
    query = "&".join(f"{encode(k)}={encode(v)}" for k, v in params)
    assert_no_server_error(fuzz_client.get(f"{base}?{query}"), f"{base}?{query}")
    assert stored_rows() == before


REGISTRATION_FIELDS = [
    "full_name",
    "whatsapp",
    "email",
    "date_of_birth",
    "kecamatan",
    "kelurahan",
    "education",
    "motivation",
    "website",
]
SIGNUP_FIELDS = ["name", "whatsapp", "kecamatan", "skill_areas", "website"]


def junk_form(fields):
    # Never with consent given: no generated input can be a valid submission, so nothing may be stored.
    return st.dictionaries(st.one_of(st.sampled_from(fields), st.text(max_size=10)), JUNK, max_size=len(fields) + 2)


@FUZZ
@given(data=st.data())
def test_junk_registrations_are_refused_and_store_nothing(demo, fuzz_client, data):
    before = stored_rows()
    language = data.draw(st.sampled_from(["id", "en"]))
    url = route(open_event(language), "register")
    form = data.draw(junk_form(REGISTRATION_FIELDS))
    response = fuzz_client.post(url, form_body(form), content_type=FORM)
    assert_no_server_error(response, (url, form))
    assert response.status_code != 302, form
    assert stored_rows() == before


@FUZZ
@given(data=st.data())
def test_junk_sign_ups_are_refused_and_store_nothing(demo, fuzz_client, data):
    before = stored_rows()
    language = data.draw(st.sampled_from(["id", "en"]))
    url = route(open_campaign(language), "signup")
    form = data.draw(junk_form(SIGNUP_FIELDS))
    if data.draw(st.booleans()):
        form["skill_areas"] = data.draw(st.lists(JUNK, max_size=3))
    response = fuzz_client.post(url, form_body(form), content_type=FORM)
    assert_no_server_error(response, (url, form))
    assert response.status_code != 302, form
    assert stored_rows() == before


@FUZZ
@given(data=st.data())
def test_junk_posts_to_pages_that_take_no_form_are_harmless(urls, fuzz_client, data):
    before = stored_rows()
    url = data.draw(st.sampled_from(urls))
    form = data.draw(st.dictionaries(st.text(max_size=10), JUNK, max_size=4))
    assert_no_server_error(fuzz_client.post(url, form_body(form), content_type=FORM), (url, form))
    assert stored_rows() == before


@FUZZ
@given(data=st.data())
def test_any_year_and_month_in_the_calendar_is_a_page_or_a_404(demo, fuzz_client, data):
    language = data.draw(st.sampled_from(["id", "en"]))
    events = page_urls(language)["event index"]
    year = data.draw(st.one_of(st.integers(min_value=0, max_value=10**30), st.integers(1900, 2200)))
    month = data.draw(st.one_of(st.integers(min_value=0, max_value=10**20), st.integers(0, 13)))
    url = f"{events}{ {'id': 'kalender', 'en': 'calendar'}[language] }/{year}/{month}/"
    response = fuzz_client.get(url)
    assert_no_server_error(response, url)
    assert response.status_code in (200, 404), (url, response.status_code)


# --- 500s the fuzz found, kept as plain examples ------------------------------------------


def test_a_skill_area_id_too_large_for_the_database_is_a_form_error_not_a_500(demo, fuzz_client):
    """Found by test_junk_sign_ups_…: 99999999999999999999999 as a skill area crashed the pk__in lookup."""
    url = route(open_campaign("en"), "signup")
    for value in ("99999999999999999999999", "-1", "1.5", "abc"):
        response = fuzz_client.post(url, {"name": "Siti", "skill_areas": [value]})
        assert response.status_code == 400, value  # the form again, with its errors
        assert 'id="form-errors"' in response.content.decode()


def test_a_missing_image_file_never_takes_a_page_down(demo, fuzz_client):
    """Found while building the browser tests: a deleted original image made page_meta (Open Graph)
    and a story's share image raise SourceImageIOError. Every page is still served."""
    from unittest import mock

    from wagtail.images.models import AbstractImage, SourceImageIOError

    def missing(self, *args, **kwargs):
        raise SourceImageIOError("[Errno 2] No such file or directory")

    from django.core.cache import cache

    cache.clear()
    with (
        mock.patch.object(AbstractImage, "get_rendition", missing),
        mock.patch.object(AbstractImage, "open_file", missing),
    ):
        for language in ("id", "en"):
            for kind, url in page_urls(language).items():
                response = fuzz_client.get(url)
                assert_no_server_error(response, (kind, url))
