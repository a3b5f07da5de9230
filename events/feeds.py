"""Calendar export: an .ics per training, a subscribable feed per language and skill area, Google Calendar links."""

from datetime import UTC, timedelta
from urllib.parse import urlencode

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from home.addresses import rebase
from home.timezones import WIB

PRODID = "-//Pelatihan Palangka Raya//Jadwal Pelatihan//ID"
# Not a host name: the UID must stay the same if the site moves to another domain.
UID_DOMAIN = "pelatihan-palangkaraya"


def session_uid(event, session):
    """Stable across edits and shared by both languages: the same session is the same calendar entry."""
    return f"{event.translation_key}-{session.key}@{UID_DOMAIN}"


def _ics_status(event):
    from .models import Status

    if event.status == Status.CANCELLED:
        return "CANCELLED"
    if event.status == Status.POSTPONED:
        return "TENTATIVE"
    return "CONFIRMED"


def _session_title(event, number, count):
    title = event.title
    from .models import Status

    if event.status == Status.CANCELLED:
        title = _("Cancelled: %(title)s") % {"title": title}
    if count > 1:
        return _("%(title)s (session %(number)s of %(count)s)") % {"title": title, "number": number, "count": count}
    return title


def _components(event, sessions, request, venue=None):
    own_url = event.get_url(request)
    page_url = rebase(own_url) if own_url else ""
    stamp = (event.last_published_at or timezone.now()).astimezone(UTC)
    description = "\n\n".join(part for part in (event.summary, event.status_notice, page_url) if part)
    location = event.location_text(venue)
    for number, session in enumerate(sessions, start=1):
        component = icalendar.Event()
        component.add("uid", session_uid(event, session))
        component.add("dtstamp", stamp)
        component.add("last-modified", stamp)
        component.add("dtstart", session.start.astimezone(WIB))
        component.add("dtend", session.end.astimezone(WIB))
        component.add("summary", _session_title(event, number, len(sessions)))
        component.add("description", description)
        if location:
            component.add("location", location)
        if page_url:
            component.add("url", page_url)
        component.add("status", _ics_status(event))
        component.add("sequence", event.calendar_sequence)
        yield component


def _calendar(name, components):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Pontianak")
    starts = []
    for component in components:
        cal.add_component(component)
        starts.append(component.start.date())
    if starts:
        # Bounded to the sessions' own dates: the VTIMEZONE then holds WIB alone,
        # not Pontianak's offsets from before 1988.
        cal.add_missing_timezones(first_date=min(starts) - timedelta(days=1), last_date=max(starts) + timedelta(days=2))
    return cal


def event_calendar(event, request, venue=None):
    """The .ics of one training: one VEVENT per session; `venue` is its venue in the page's language."""
    sessions = sorted(event.sessions.all(), key=lambda s: s.start)
    return _calendar(event.title, _components(event, sessions, request, venue)).to_ical()


def feed_calendar(name, events, request):
    """A feed of many trainings; `events` carry their sessions prefetched in start order."""
    components = []
    for event in events:
        components.extend(_components(event, list(event.sessions.all()), request))
    cal = _calendar(name, components)
    # Ask subscribed calendar apps to look for changes a few times a day.
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    return cal.to_ical()


def google_calendar_url(event, session, page_url, location):
    """A link that opens Google Calendar's "new event" form, filled in with one session."""

    def utc(value):
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{utc(session.start)}/{utc(session.end)}",
        "details": "\n\n".join(part for part in (event.summary, page_url) if part),
        "location": location,
        "ctz": "Asia/Pontianak",
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)
