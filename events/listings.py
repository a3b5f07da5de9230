"""The queries behind every list of trainings: a fixed, small number per page, whatever the number of events."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q

from home.cache import cached
from home.localized import snippet_field
from home.models import SkillArea
from home.pagination import paginate
from home.timezones import WIB

from .models import EventIndexPage, Mode, Status, TrainingEvent


def month_bounds(year, month):
    """The first instant of a month in WIB and the first instant of the next one."""
    start = datetime(year, month, 1, tzinfo=WIB)
    end = datetime(year + 1, 1, 1, tzinfo=WIB) if month == 12 else datetime(year, month + 1, 1, tzinfo=WIB)
    return start, end


def skill_areas_of(locale_id):
    """A language's skill areas, for the filters and feeds: content only, cached per content version."""
    return cached(
        ("skill-areas", locale_id), lambda: list(SkillArea.objects.filter(locale_id=locale_id).order_by("name"))
    )


def listing_page(events, number, per_page, locale_id, now):
    """Page `number` of `events` (filtered and ordered, with only what they are ordered by) as listing cards.

    Two statements: the page's trainings and the total from `events`, then the cards' dates, places and
    names for those trainings alone. In one statement the database works out every card's figures for
    every matching training before it sorts them, so the page grew with the schedule (at 2,000
    trainings 20 ms of PostgreSQL's time, against 4 ms at 200).
    """
    page = paginate(events.only("pk"), number, per_page)
    ids = [event.pk for event in page.object_list]
    cards = {event.pk: event for event in TrainingEvent.objects.filter(pk__in=ids).for_listing(locale_id, now)}
    page.object_list = attach_skill_areas([cards[pk] for pk in ids if pk in cards], locale_id)
    return page


def apply_filters(events, filters, now):
    """Narrow an event queryset by the filters a visitor chose; each one is a WHERE clause, never a Python loop."""
    if slug := filters.get("bidang"):
        # Skill-area slugs are the same in every language, and an English event
        # may still link to the Indonesian skill area, so match on the slug.
        through = TrainingEvent.skill_areas.through
        events = events.filter(Exists(through.objects.filter(trainingevent_id=OuterRef("pk"), skillarea__slug=slug)))
    if month := filters.get("bulan"):
        year, number = (int(part) for part in month.split("-"))
        start, end = month_bounds(year, number)
        events = events.with_session_between(max(start, now), end)
    if mode := filters.get("mode"):
        moved_online = Q(status=Status.MOVED_ONLINE)
        if mode == Mode.ONLINE:
            events = events.filter(Q(mode=Mode.ONLINE) | moved_online)
        else:
            events = events.filter(mode=mode).exclude(moved_online)
    if kecamatan := filters.get("kecamatan"):
        events = events.filter(venue__kecamatan=kecamatan).exclude(Q(mode=Mode.ONLINE) | Q(status=Status.MOVED_ONLINE))
    if filters.get("ada_tempat"):
        events = events.with_places().exclude(status=Status.CANCELLED)
    return events


def attach_skill_areas(events, locale_id):
    """Give each event its skill areas in the listing's language, with one query for the whole page."""
    through = TrainingEvent.skill_areas.through
    rows = (
        through.objects.filter(trainingevent_id__in=[event.pk for event in events])
        .annotate(local_name=snippet_field(SkillArea, "name", locale_id, via="skillarea"))
        .order_by("skillarea__name")
        .values_list("trainingevent_id", "local_name", "skillarea__slug")
    )
    found = defaultdict(list)
    for event_id, name, slug in rows:
        found[event_id].append(SkillArea(name=name, slug=slug))
    for event in events:
        event.local_skill_areas = found.get(event.pk, [])
    return events


def upcoming_for_home(locale_id, now, limit=3):
    """The next few trainings for the home page, those open for registration first: one query."""
    return list(
        TrainingEvent.objects.filter(locale_id=locale_id)
        .for_listing(locale_id, now)
        .upcoming(now)
        .exclude(status=Status.CANCELLED)
        .open_first(now)[:limit]
    )


def schedule_page(locale_id):
    """The live training schedule page of one language, for "see all" links."""
    return EventIndexPage.objects.live().filter(locale_id=locale_id).only("id", "url_path", "title").first()


FEED_PAST_DAYS = timedelta(days=30)
FEED_LIMIT = 300


def upcoming_in_skill_areas(locale_id, skill_area_slugs, now, limit=3):
    """The next trainings of one language in any of these skill areas that a reader can still join
    (registration open, or opening later), open ones first; slugs are the same in every language.

    A training under way with registration closed is no next step, so it is left out: with none
    left the story offers "Notify me" instead (events.interest).
    """
    if not skill_area_slugs:
        return []
    return list(
        TrainingEvent.objects.filter(locale_id=locale_id, skill_areas__slug__in=skill_area_slugs)
        .distinct()
        .for_listing(locale_id, now)
        .upcoming(now)
        .still_registering(now)
        .open_first(now)[:limit]
    )
