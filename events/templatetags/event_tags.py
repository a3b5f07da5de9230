from django import template

from home import formats as wib
from home.seo import ld_json

register = template.Library()


@register.simple_tag
def json_ld(data):
    return ld_json(data) if data else ""


@register.simple_tag
def date_range(start, end):
    """One day with its hours, or the first and last day of a longer training."""
    if not start or not end:
        return ""
    start, end = wib.in_wib(start), wib.in_wib(end)
    if start.date() == end.date():
        return f"{wib.format_day(start)}, {wib.format_time(start)}–{wib.format_time(end)} WIB"
    return f"{wib.format_date(start)} – {wib.format_date(end)}"


@register.inclusion_tag("events/includes/trainings_for_story.html", takes_context=True)
def upcoming_trainings_for(context, locale_id, skill_areas):
    """The next trainings in a story's skill areas that a reader can still join, open ones first; with none,
    the "notify me" form for those skill areas (events.interest), so a story never ends in a dead end."""
    from django.utils import timezone

    from events.interest import NotifyMeForm
    from events.listings import schedule_page, upcoming_in_skill_areas
    from home.cache import cached_for
    from home.page_cache import cached_live

    now = timezone.now()
    request = context.get("request")
    slugs = sorted({area.slug for area in skill_areas})
    # Building this statement was a fifth of an uncached story page's time; each training's state is still
    # worked out at `now`, so one whose registration closed meanwhile says so.
    trainings = cached_live(
        request,
        ("places",),
        ("joinable-trainings", locale_id, *slugs),
        lambda: upcoming_in_skill_areas(locale_id, slugs, now),
    )
    for event in trainings:
        event.state_now = event.registration_state(now)
    found = {"trainings": trainings, "csrf_token": context.get("csrf_token")}
    if not trainings and skill_areas:
        # False, not None, when there is no schedule page: a cached "none" costs no query either.
        schedule = cached_for(request, ("schedule-or-none", locale_id), lambda: schedule_page(locale_id) or False)
        if schedule:
            found["notify_form"] = NotifyMeForm(skill_areas=list(skill_areas), auto_id="notify_%s")
            found["notify_url"] = schedule.url + schedule.reverse_subpage("notify")
    return found


@register.filter
def registration_state_at(event, now):
    """A training's registration state at `now` (the search results' cards)."""
    return event.registration_state(now)
