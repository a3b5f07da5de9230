"""schema.org `Event` for Google's event rich results, built from the page as shown."""

from django.utils.translation import get_language

from home.addresses import absolute_url
from home.images import rendition_or_none
from home.timezones import WIB

from .models import Mode, RegistrationState, Status

IMAGE_SPEC = "fill-1200x675|format-jpeg"

EVENT_STATUS = {
    Status.SCHEDULED: "EventScheduled",
    Status.RESCHEDULED: "EventRescheduled",
    Status.POSTPONED: "EventPostponed",
    Status.MOVED_ONLINE: "EventMovedOnline",
    Status.CANCELLED: "EventCancelled",
}
ATTENDANCE_MODE = {
    Mode.IN_PERSON: "OfflineEventAttendanceMode",
    Mode.ONLINE: "OnlineEventAttendanceMode",
    Mode.MIXED: "MixedEventAttendanceMode",
}
AVAILABILITY = {
    RegistrationState.NOT_YET_OPEN: "PreOrder",
    RegistrationState.OPEN: "InStock",
    RegistrationState.CLOSING_SOON: "LimitedAvailability",
    RegistrationState.FULL: "SoldOut",
    # Registration closed with places left is not "sold out": the offer says
    # instead that it was valid until registration closed (validThrough).
    RegistrationState.CLOSED: None,
    RegistrationState.CANCELLED: "Discontinued",
}


def _iso(value):
    """ISO 8601 with the WIB offset written out: 2026-12-01T08:00:00+07:00."""
    return value.astimezone(WIB).isoformat()


def _place(venue):
    return {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "addressLocality": "Palangka Raya",
            "addressRegion": "Kalimantan Tengah",
            "addressCountry": "ID",
        },
    }


def event_structured_data(event, request, *, organizer, venue, page_url):
    sessions = event.sorted_sessions
    if not sessions:
        return None
    online = event.is_online
    attendance = ATTENDANCE_MODE[Mode.ONLINE if online else event.mode]
    locations = []
    if venue is not None and not online:
        locations.append(_place(venue))
    if event.online_url and (online or event.mode == Mode.MIXED):
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": page_url,
        "inLanguage": get_language(),
        "startDate": _iso(sessions[0].start),
        "endDate": _iso(max(session.end for session in sessions)),
        "eventStatus": "https://schema.org/" + EVENT_STATUS[event.status],
        "eventAttendanceMode": "https://schema.org/" + attendance,
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {"@type": "Organization", "name": organizer.name, "url": organizer.website or page_url},
        "offers": {
            "@type": "Offer",
            "price": event.cost,
            "priceCurrency": "IDR",
            "url": page_url,
            "validFrom": _iso(event.registration_opens),
            "validThrough": _iso(event.registration_closes),
        },
        "maximumAttendeeCapacity": event.quota,
        "remainingAttendeeCapacity": event.places_left,
        "isAccessibleForFree": event.is_free,
    }
    availability = AVAILABILITY[event.registration_state()]
    if availability is None and not event.places_left:
        availability = "SoldOut"
    if availability is not None:
        data["offers"]["availability"] = "https://schema.org/" + availability
    if event.status in (Status.RESCHEDULED, Status.POSTPONED) and event.previous_start:
        data["previousStartDate"] = _iso(event.previous_start)
    rendition = rendition_or_none(event.image, IMAGE_SPEC) if event.image_id else None
    if rendition is not None:
        data["image"] = [absolute_url(rendition.url)]
    return data
