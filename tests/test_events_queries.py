"""Query budgets of the schedule: a fixed, small number of SQL queries whatever the number of trainings.

SLOW (marked `slow`): builds 2,000 training pages and 10,000 sessions once and
measures before and after. About 15 s on SQLite on a 2-core machine.

What is measured: the listing's own work (the view building its context and the
template rendering the results), asserted with `django_assert_max_num_queries(10)`.
The site frame around it (language switcher, menu, breadcrumbs, footer settings,
Wagtail's routing) is shared by every page and measured separately; the whole
request is asserted not to grow with the number of trainings.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from events.models import EventIndexPage, EventSession, TrainingEvent
from events.views import PER_DAY

from .events_support import NOW, Taxonomy, bulk_trainings, html, make_schedule

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

BUDGET = 10
SHOWN = 50


def request_for(rf, page, path_suffix="", query=""):
    """A request as it reaches the schedule's view: Wagtail's routing and the frame have already
    found the site and cached its root paths on it (their queries belong to every page)."""
    request = rf.get(page.url + path_suffix + ("?" + query if query else ""))
    request.user = AnonymousUser()
    Site.find_for_request(request)
    page.get_url(request)
    return request


def own_upcoming(request, index, language):
    """The upcoming list's own work: the view's context, then the results template rendered."""
    with translation.override(language):
        response = index.upcoming_view(request)
        return render_to_string("events/includes/upcoming_results.html", response.context_data, request)


def own_month(request, index, language, year, month):
    with translation.override(language):
        response = index.month_view(request, year, month)
        return render_to_string("events/includes/month_calendar.html", response.context_data, request)


def whole_request(client, url):
    client.get(url)  # anything cached on first view (renditions, site root paths) is warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_listings_stay_within_budget_with_2000_trainings_and_10000_sessions(
    client, rf, site_tree, locales, frozen, monkeypatch, django_assert_max_num_queries
):
    # The page shows 20 by default (light on a slow connection); the budget is proven at 50 shown.
    monkeypatch.setattr(EventIndexPage, "events_per_page", SHOWN)
    # The unfiltered list and month are kept for a while (cached_live): what must stay flat is building them.
    monkeypatch.setattr("events.views.cached_live", lambda request, tags, parts, build: build())
    taxonomy = Taxonomy(*locales)
    index, en_index = make_schedule(site_tree, locales)
    soon = [NOW.replace(hour=8) + timedelta(days=1 + n // 4, hours=n % 4) for n in range(60)]
    recent = [NOW.replace(hour=8) - timedelta(days=6 + n) for n in range(30)]
    bulk_trainings(index, taxonomy, soon + recent, prefix="segera")
    bulk_trainings(en_index, taxonomy, soon + recent, prefix="soon")

    def measure():
        counts = {}
        for language, page in (("id", index), ("en", en_index)):
            request = request_for(rf, page)
            with django_assert_max_num_queries(BUDGET) as captured:
                rendered = own_upcoming(request, page, language)
            assert rendered.count('<li class="event-card') == SHOWN
            counts[f"upcoming {language}"] = len(captured)
            request = request_for(rf, page, query="bidang=menjahit&ada_tempat=1&kecamatan=pahandut&bulan=2026-11")
            with django_assert_max_num_queries(BUDGET) as captured:
                rendered = own_upcoming(request, page, language)
            assert rendered.count('<li class="event-card') > 10
            counts[f"upcoming filtered {language}"] = len(captured)
            request = request_for(rf, page, "kalender/2026/11/")
            with django_assert_max_num_queries(BUDGET) as captured:
                rendered = own_month(request, page, language, 2026, 11)
            # Bounded whatever the number of trainings: PER_DAY sessions a day, the rest behind a link.
            assert 30 < rendered.count("agenda-list__time") <= 30 * PER_DAY
            assert "agenda-more" in rendered
            counts[f"month {language}"] = len(captured)
        counts["request upcoming"] = whole_request(client, "/jadwal-pelatihan/")[0]
        counts["request month"] = whole_request(client, "/en/training-schedule/calendar/2026/11/")[0]
        counts["request archive"] = whole_request(client, "/jadwal-pelatihan/arsip/")[0]
        counts["frame of a plain page"] = whole_request(client, "/tentang/")[0]
        return counts

    # The list's share image is looked up once per content version (home.sharing.list_share_image).
    for page in (index, en_index):
        own_upcoming(request_for(rf, page), page, page.locale.language_code)
    small = measure()

    # Fill the database: past and far-future trainings in both languages.
    for page, prefix in ((index, "lama"), (en_index, "old")):
        past = [NOW.replace(hour=8) - timedelta(days=40 + n) for n in range(440)]
        later = [NOW.replace(hour=8) + timedelta(days=40 + n) for n in range(470)]
        bulk_trainings(page, taxonomy, past + later, prefix=prefix)
    assert TrainingEvent.objects.count() == 2000
    assert EventSession.objects.count() == 10_000
    assert index.get_children().live().count() == 1000

    large = measure()
    print("\nSQL queries (50 trainings shown):", {key: (small[key], large[key]) for key in small})
    assert large == small
    # The whole request, frame included, keeps the budget too.
    assert large["request upcoming"] <= BUDGET
    assert large["request month"] <= BUDGET

    # And the page a visitor gets really lists 50 trainings, soonest first.
    _count, response = whole_request(client, "/jadwal-pelatihan/")
    cards = html(response).select(".event-card__title a")
    assert len(cards) == SHOWN
    assert cards[0].get_text() == "Pelatihan segera 0"


def test_event_page_queries_do_not_grow_with_sessions_or_partners(client, site_tree, locales, frozen):
    from .events_support import english_for, make_event, translate_event, wib

    taxonomy = Taxonomy(*locales)
    index, _en_index = make_schedule(site_tree, locales)
    short = make_event(index, taxonomy, [(wib(2026, 11, 23, 8), wib(2026, 11, 23, 12))], title="Pendek")
    long_sessions = [(wib(2026, 11, 23 + d, 8), wib(2026, 11, 23 + d, 12)) for d in range(7)]
    long = make_event(
        index,
        taxonomy,
        long_sessions,
        title="Panjang",
        partners=[taxonomy.ngo, taxonomy.blk],
        skill_areas=[taxonomy.sewing, taxonomy.weaving, taxonomy.it],
    )
    for event in (short, long):
        translate_event(event, english_for(event))
    counts = {
        url: whole_request(client, url)[0]
        for url in (
            "/jadwal-pelatihan/pendek/",
            "/jadwal-pelatihan/panjang/",
            "/en/training-schedule/en-pendek/",
            "/en/training-schedule/en-panjang/",
        )
    }
    print("\nSQL queries, event pages:", counts)
    assert counts["/jadwal-pelatihan/pendek/"] == counts["/jadwal-pelatihan/panjang/"]
    assert counts["/en/training-schedule/en-pendek/"] == counts["/en/training-schedule/en-panjang/"]
