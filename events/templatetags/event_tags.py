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


@register.inclusion_tag("events/includes/trainings_for_story.html")
def upcoming_trainings_for(locale_id, skill_areas):
    """The next trainings in a story's skill areas, so a reader moved by a story can join one."""
    from django.utils import timezone

    from events.listings import upcoming_in_skill_areas

    slugs = {area.slug for area in skill_areas}
    return {"trainings": upcoming_in_skill_areas(locale_id, slugs, timezone.now())}
