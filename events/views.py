"""The routes of the training schedule and of each training page.

Each listing costs a fixed number of queries: the events of one page of results
(with their schedule, places and local names as subqueries), their count, their
skill areas, and the skill areas for the filter form.
"""

import calendar
from collections import defaultdict
from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, DateTimeField, Exists, F, Max, Min, OuterRef, Prefetch, Q, Subquery, Value, Window
from django.db.models.functions import Greatest, RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from home.addresses import rebase
from home.localized import localized_snippets, snippet_field
from home.models import Venue
from home.page_cache import cached_live
from home.pagination import page_links, page_number, page_of
from home.sharing import list_share_image, render_poster
from home.timezones import WIB, WibDate, today_in_wib

from .feeds import event_calendar, feed_calendar, google_calendar_url
from .forms import EventFilterForm
from .listings import (
    FEED_LIMIT,
    FEED_PAST_DAYS,
    apply_filters,
    listing_page,
    month_bounds,
    skill_areas_of,
)
from .manage_views import LookupForm
from .models import EventSession, Mode, Status, TrainingEvent
from .structured_data import event_structured_data

# The first pages of the unfiltered upcoming list are kept in the cache for a little while (upcoming()).
KEPT_PAGES = 3
# The calendar reaches back to when the programme's records start and a few years
# ahead; beyond that a month URL is a 404 rather than an endless crawl of empty months.
FIRST_YEAR = 2000
YEARS_AHEAD = 5


def _page_links(page_obj, filters):
    """Pagination links that keep the filters a visitor chose (only those that were understood)."""
    return page_links(page_obj, lambda number: "?" + urlencode({**filters, "page": number}))


def _query_filters(filters):
    """Filters as query-string values: the boolean goes back as "1"."""
    return {name: ("1" if value is True else value) for name, value in filters.items()}


def _upcoming_images(index, now):
    # The soonest upcoming training with a picture.
    events = index.events().live().filter(image__isnull=False).upcoming(now).select_related("image")
    return (event.image for event in events[:1])


def upcoming(index, request):
    now = timezone.now()
    skill_areas = skill_areas_of(index.locale_id)
    form = EventFilterForm(request.GET, skill_areas)
    filters = form.usable()
    events = apply_filters(index.events().live().with_next_start(now).upcoming(now), filters, now)
    number, per_page = page_number(request.GET.get("page")), index.events_per_page

    def cards():
        page = listing_page(events, number, per_page, index.locale_id, now)
        return page.object_list, page.number, page.paginator.count

    if filters or number > KEPT_PAGES:
        page_obj = page_of(*cards(), per_page)
    else:
        # The unfiltered first pages, by far the most seen, are kept as the home page's list is (cached_live):
        # building them was a third of the page. Filtered views are many and each rarely seen: built each time.
        page_obj = page_of(
            *cached_live(request, ("places",), ("upcoming-page", index.pk, number, per_page), cards), per_page
        )
    query = _query_filters(filters)
    return index.render(
        request,
        template="events/event_index_page.html",
        context_overrides={
            "filter_form": form,
            "filters_ignored": bool(form.errors),
            "filters_active": bool(filters),
            "events": page_obj.object_list,
            "page_obj": page_obj,
            "page_links": _page_links(page_obj, query),
            "now": now,
            "nav": _nav(index, request),
            "share_image": list_share_image(request, index, lambda: _upcoming_images(index, now)),
            "feed_url": rebase(index.get_url(request) + index.reverse_subpage("feed")),
            "skill_area_feeds": [
                (
                    area,
                    index.get_url(request) + index.reverse_subpage("skill_area_feed", kwargs={"skill_area": area.slug}),
                )
                for area in skill_areas
            ],
        },
    )


def _this_month():
    today = today_in_wib()
    return {"year": today.year, "month": today.month}


def _nav(index, request):
    base = index.get_url(request)
    return {
        "upcoming": base,
        "month": base + index.reverse_subpage("month", kwargs=_this_month()),
        "archive": base + index.reverse_subpage("archive"),
    }


def this_month(index, request):
    """The calendar's own address leads to the current month in WIB."""
    return redirect(index.url + index.reverse_subpage("month", kwargs=_this_month()))


# The month's agenda is bounded whatever the number of trainings: at most PER_DAY sessions a day
# (in order), the rest behind a "more on this day" link (?hari=YYYY-MM-DD) that lists up to DAY_LIMIT.
PER_DAY = 3
DAY_LIMIT = 60
DAY_PARAMETER = "hari"


def _chosen_day(request, start, end):
    try:
        day = date.fromisoformat(request.GET.get(DAY_PARAMETER, ""))
    except ValueError:
        return None
    return day if start.date() <= day < end.date() else None


def _month_agenda(events, start, end, index, before, after, chosen_day):
    """The month's sessions as plain rows (only the columns shown), PER_DAY a day, with each day's total.

    Two queries, whatever the number of trainings: the sessions, numbered and counted per day by
    window functions so that only the first few of each day leave the database; then the titles,
    addresses and venues of those sessions' trainings. In one statement the database looked up every
    session's training and venue name before numbering them, so the month grew with the schedule.
    """
    day = WibDate(Greatest("start", Value(start, output_field=DateTimeField())))
    shown = Q(position__lte=PER_DAY)
    if chosen_day:
        shown |= Q(day=chosen_day, position__lte=DAY_LIMIT)
    rows = list(
        EventSession.objects.filter(event__in=events.values("pk"), start__lt=end, end__gt=start)
        .annotate(
            day=day,
            position=Window(RowNumber(), partition_by=[day], order_by=[F("start").asc(), F("event_id").asc()]),
            day_total=Window(Count("pk"), partition_by=[day]),
            nearest_before=Subquery(before),
            nearest_after=Subquery(after),
        )
        .filter(shown)
        .values("start", "end", "day", "day_total", "nearest_before", "nearest_after", "event_id")
        .order_by("start", "event_id")
    )
    trainings = {
        training["pk"]: training
        for training in TrainingEvent.objects.filter(pk__in={row["event_id"] for row in rows})
        .annotate(venue_name=snippet_field(Venue, "name", index.locale_id, via="venue"))
        .values("pk", "title", "url_path", "status", "mode", "venue_name")
    }
    statuses = dict(Status.choices)
    sessions = []
    for row in rows:
        training = trainings.get(row["event_id"])
        if training is None:  # unpublished or deleted between the two queries
            continue
        status = training["status"]
        row.update(
            title=training["title"],
            path=training["url_path"],
            venue_name=training["venue_name"],
            status=status,
            status_label=statuses.get(status, status),
            is_cancelled=status == Status.CANCELLED,
            is_online=training["mode"] == Mode.ONLINE or status == Status.MOVED_ONLINE,
        )
        sessions.append(row)
    return sessions


def _month_in_range(year, month):
    return FIRST_YEAR <= year <= today_in_wib().year + YEARS_AHEAD and 1 <= month <= 12


def month(index, request, year, month):
    if not _month_in_range(year, month):
        raise Http404("No calendar for this month")
    now = timezone.now()
    start, end = month_bounds(year, month)
    skill_areas = skill_areas_of(index.locale_id)
    form = EventFilterForm(request.GET, skill_areas, with_month=False)
    filters = form.usable()
    events = apply_filters(index.events().live().with_places_left(), filters, now)
    # Previous and next lead to the nearest month that has a session (with the
    # same filters), so neither visitors nor crawlers walk through empty months;
    # where there is none, there is no link. Both are asked with the month's own
    # sessions (uncorrelated subqueries, evaluated once), and on their own only
    # when the month is empty.
    all_sessions = EventSession.objects.filter(event__in=events.values("pk")).order_by()
    before = all_sessions.filter(start__lt=start).order_by("-start").values("start")[:1]
    after = all_sessions.filter(start__gte=end).order_by("start").values("start")[:1]
    chosen_day = _chosen_day(request, start, end)

    def agenda():
        sessions = _month_agenda(events, start, end, index, before, after, chosen_day)
        if sessions:
            return sessions, {"before": sessions[0]["nearest_before"], "after": sessions[0]["nearest_after"]}
        return sessions, all_sessions.aggregate(
            before=Max("start", filter=Q(start__lt=start)), after=Min("start", filter=Q(start__gte=end))
        )

    if filters or chosen_day:
        sessions, nearest = agenda()
    else:
        # A month without filters, as most visitors see it, is kept like the first pages of the upcoming list.
        sessions, nearest = cached_live(request, ("places",), ("month-agenda", index.pk, year, month), agenda)
    index_url, index_path = index.get_url(request), index.url_path
    for session in sessions:
        session["url"] = index_url + session["path"][len(index_path) :]
    first_day = start.date()
    by_day = defaultdict(list)
    day_totals = {}
    for session in sessions:
        # A session that began in the previous month is listed on the month's first day.
        by_day[session["day"]].append(session)
        day_totals[session["day"]] = session["day_total"]
    month_path = index.get_url(request) + index.reverse_subpage("month", kwargs={"year": year, "month": month})
    query_now = _query_filters(filters)
    days = []
    for day, listed in sorted(by_day.items()):
        more = day_totals[day] - len(listed)
        more_url = None
        if more > 0:
            more_url = month_path + "?" + urlencode({**query_now, DAY_PARAMETER: day.isoformat()})
            more_url += f"#day-{day.isoformat()}"
        days.append({"date": day, "sessions": listed, "more": more, "more_url": more_url, "total": day_totals[day]})

    # Django counts Sunday as 0, Python's calendar counts Monday as 0.
    first_weekday = (formats.get_format("FIRST_DAY_OF_WEEK") - 1) % 7
    weeks = [
        [
            {"date": day, "in_month": day.month == month, "count": day_totals.get(day, 0) if day.month == month else 0}
            for day in week
        ]
        for week in calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    ]
    weekdays = [(WEEKDAYS[(first_weekday + i) % 7], WEEKDAYS_ABBR[(first_weekday + i) % 7]) for i in range(7)]
    query = _query_filters(filters)
    suffix = "?" + urlencode(query) if query else ""

    def month_url(y, m):
        if not _month_in_range(y, m):
            return None
        return index.get_url(request) + index.reverse_subpage("month", kwargs={"year": y, "month": m}) + suffix

    def nearest_month(moment):
        if moment is None:
            return None, None
        local = timezone.localtime(moment, WIB)
        return month_url(local.year, local.month), local.date().replace(day=1)

    return index.render(
        request,
        template="events/event_index_month.html",
        context_overrides={
            "month_start": first_day,
            "weeks": weeks,
            "weekdays": weekdays,
            "days": days,
            "session_count": sum(day_totals.values()),
            "today": today_in_wib(),
            "now": now,
            **dict(zip(("previous_url", "previous_month"), nearest_month(nearest["before"]), strict=True)),
            **dict(zip(("next_url", "next_month"), nearest_month(nearest["after"]), strict=True)),
            "nav": _nav(index, request),
            "canonical_url": rebase(
                index.get_url(request) + index.reverse_subpage("month", kwargs={"year": year, "month": month})
            ),
            "filter_form": form,
            "filters_ignored": bool(form.errors),
            "filters_active": bool(filters),
        },
    )


def archive(index, request):
    now = timezone.now()
    skill_areas = skill_areas_of(index.locale_id)
    form = EventFilterForm(request.GET, skill_areas, with_month=False)
    # The archive is for looking back: only the skill area filter means something there.
    filters = {key: value for key, value in form.usable().items() if key == "bidang"}
    events = apply_filters(index.events().live().with_last_end().past(now), filters, now)
    page_obj = listing_page(events, page_number(request.GET.get("page")), index.events_per_page, index.locale_id, now)
    return index.render(
        request,
        template="events/event_index_archive.html",
        context_overrides={
            "events": page_obj.object_list,
            "page_obj": page_obj,
            "page_links": _page_links(page_obj, filters),
            "nav": _nav(index, request),
            "skill_areas": skill_areas,
            "chosen_skill_area": filters.get("bidang", ""),
            "filters_ignored": "bidang" in form.errors,
            "now": now,
        },
    )


def feed(index, request, skill_area_slug=None):
    """A subscribable calendar of this language's trainings: what is coming and the last month's."""
    now = timezone.now()
    title = index.title
    events = index.events().live().with_local_names(index.locale_id).select_related("venue")
    if skill_area_slug is not None:
        area = next((a for a in skill_areas_of(index.locale_id) if a.slug == skill_area_slug), None)
        if area is None:
            raise Http404("Unknown skill area")
        events = apply_filters(events, {"bidang": skill_area_slug}, now)
        title = f"{title}: {area.name}"
    events = (
        events.filter(Exists(EventSession.objects.filter(event=OuterRef("pk"), end__gt=now - FEED_PAST_DAYS)))
        .defer_streamfields()
        .prefetch_related(Prefetch("sessions", queryset=EventSession.objects.order_by("start")))
        .order_by("-pk")[:FEED_LIMIT]
    )
    body = feed_calendar(title, list(events), request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "public, max-age=900"
    return response


def event_ics(event, request):
    """The .ics of one training, downloaded as a file named after its page."""
    venue = localized_snippets([event.venue], event.locale_id)[0] if event.has_venue else None
    response = HttpResponse(event_calendar(event, request, venue), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def event_detail(event, request):
    now = timezone.now()
    locale_id = event.locale_id
    partners = localized_snippets([event.organizer, *event.partners.all()], locale_id)
    organizer, partners = partners[0], partners[1:]
    venue = localized_snippets([event.venue], locale_id)[0] if event.venue_id else None
    skill_areas = localized_snippets(list(event.skill_areas.all()), locale_id)
    sessions = event.sorted_sessions
    # The site's public address (PUBLIC_BASE_URL), wherever the request came in.
    page_url = rebase(event.get_url(request) or request.path)
    location = event.location_text(venue)
    context = {
        "sessions": [
            {
                "session": session,
                "number": number,
                "is_past": session.end <= now,
                "is_now": session.start <= now < session.end,
                "google_url": google_calendar_url(event, session, page_url, location),
            }
            for number, session in enumerate(sessions, start=1)
        ],
        "skill_areas": skill_areas,
        "organizer": organizer,
        "partners": partners,
        "venue": venue,
        "state": event.registration_state(now),
        "is_past": event.is_past(now),
        "is_ongoing": event.is_ongoing(now),
        "now": now,
        "structured_data": event_structured_data(event, request, organizer=organizer, venue=venue, page_url=page_url),
    }
    own_url = event.get_url(request) if event.pk else None
    if own_url:
        context["ics_url"] = own_url + event.reverse_subpage("ics")
        context["form_url"] = own_url + event.reverse_subpage("register")
        # "Manage my registration" on the page itself: code + number, posted to the rate-limited lookup.
        # Its CSRF token is swapped per visitor by the page cache (home.page_cache), never stored.
        context["lookup_url"] = own_url + event.reverse_subpage("manage_lookup")
        context["manage_form"] = LookupForm(auto_id="kelola-%s")
        # A training is always a direct child of its schedule page (parent_page_types),
        # so the schedule's URL is this one without its last segment: no query for the parent.
        context["schedule_url"] = own_url.rstrip("/").rsplit("/", 1)[0] + "/"
    if event.contact_whatsapp_link:
        context["registration_url"] = _whatsapp_message(
            event, _("Hello %(name)s, I would like to register for the training “%(title)s”. %(url)s"), page_url
        )
        context["question_url"] = _whatsapp_message(
            event, _("Hello %(name)s, I have a question about the training “%(title)s”. %(url)s"), page_url
        )
    return event.render(request, context_overrides=context)


def poster(event, request):
    """The printable A4 poster of a training: what, when, where, and a QR code to its page."""
    venue = localized_snippets([event.venue], event.locale_id)[0] if event.has_venue else None
    organizer = localized_snippets([event.organizer], event.locale_id)[0] if event.organizer_id else None
    return render_poster(event, request, "events/poster.html", venue=venue, organizer=organizer)


def _whatsapp_message(event, template, page_url):
    text = template % {"name": event.contact_name, "title": event.title, "url": page_url}
    return event.contact_whatsapp_link + "?" + urlencode({"text": text})
