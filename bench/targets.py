"""The pages every benchmark and budget test measures, and their SQL query budgets.

Shared by bench/pages.py and tests/test_load_data.py, so the benchmark prints
against the same budgets the test suite asserts.
"""

from django.utils import timezone

# Whole-request SQL queries for an uncached page (frame fragments warm), from the
# query-budget tests of the issues that built each page.
QUERY_BUDGETS = {
    "home": 12,
    "story index": 10,
    "upcoming": 10,
    "month": 10,
    # Issue 4 asserted only that an event page does not grow with sessions or partners;
    # 16 is what it costs (5 of them Wagtail's routing down the tree), measured here.
    "event": 16,
    "story": 15,
    "campaign": 15,
}

# English pages cost a little more: snippets (venue, organizer, partners, skill areas)
# are looked up in English too. Measured on demo + generated data; they do not grow with it.
QUERY_BUDGETS_EN = {**QUERY_BUDGETS, "upcoming": 11, "event": 20}


def budget(name, language):
    return (QUERY_BUDGETS_EN if language == "en" else QUERY_BUDGETS)[name]


def page_urls(language="id"):
    """One URL per page kind in `language`, picked from the database (generated or demo content)."""
    from wagtail.models import Locale

    from campaigns.models import CampaignPage
    from events.models import EventIndexPage, TrainingEvent
    from stories.models import StoryIndexPage, SuccessStory

    locale = Locale.objects.get(language_code=language)
    home = "/" if language == "id" else f"/{language}/"
    schedule = EventIndexPage.objects.live().get(locale=locale)
    today = timezone.localdate()
    now = timezone.now()
    event = TrainingEvent.objects.live().filter(locale=locale).upcoming(now).exclude(status="dibatalkan").first()
    campaign = (
        CampaignPage.objects.live()
        .filter(locale=locale, start_date__lte=today, end_date__gte=today)
        .order_by("-pk")
        .first()
    )
    return {
        "home": home,
        "story index": StoryIndexPage.objects.live().get(locale=locale).url,
        "upcoming": schedule.url,
        "month": schedule.url + schedule.reverse_subpage("month", args=(today.year, today.month)),
        "event": event.url,
        "story": SuccessStory.objects.live().filter(locale=locale).order_by("-pk").first().url,
        "campaign": campaign.url,
    }
