from django import template
from django.utils.formats import date_format
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def long_date(value):
    """The month in full, in the reader's language: "15 September 2026", "September 15, 2026"."""
    if not value:
        return ""
    # A translated format string, because Django's own DATE_FORMAT abbreviates the month ("15 Sep. 2026").
    return date_format(value, pgettext("long date format", "F j, Y"))


@register.inclusion_tag("stories/includes/stories_for_training.html", takes_context=True)
def stories_for_training(context, event):
    """Success stories from a training's skill areas, shown on the training's page."""
    from stories.listings import stories_in_skill_areas, story_index_url

    slugs = {area.slug for area in event.skill_areas.all()}
    return {
        "stories": stories_in_skill_areas(event.locale_id, slugs),
        "story_index_url": story_index_url(event.locale_id, context["request"]),
    }
