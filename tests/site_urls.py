"""The site's public URLs by page type, found in the demo content (not hard-coded slugs).

Shared by the header, fuzz and browser tests; add a page type here and every one of them covers it.
"""

from wagtail.models import Page

from campaigns.models import CampaignIndexPage, CampaignPage
from events.models import EventIndexPage, TrainingEvent
from home.models import HomePage, PartnerIndexPage, StandardPage
from home.timezones import today_in_wib
from stories.models import StoryIndexPage, SuccessStory


def _first(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("path").first()


def open_event(language="id"):
    """A training that takes registrations now (the demo has several)."""
    for event in TrainingEvent.objects.live().filter(locale__language_code=language).order_by("path"):
        if event.accepts_registrations:
            return event
    raise LookupError("the demo has no training open for registration")


def open_campaign(language="id"):
    for campaign in CampaignPage.objects.live().filter(locale__language_code=language).order_by("path"):
        if campaign.is_active:
            return campaign
    raise LookupError("the demo has no campaign open for sign-ups")


def page_urls(language="id"):
    """{page type: URL} for every kind of public page in one language."""
    events = _first(EventIndexPage, language)
    today = today_in_wib()
    campaign = open_campaign(language)
    urls = {
        "home": _first(HomePage, language).url,
        "standard": _first(StandardPage, language).url,
        "partner index": _first(PartnerIndexPage, language).url,
        "story index": _first(StoryIndexPage, language).url,
        "story": _first(SuccessStory, language).url,
        "event index": events.url,
        "month view": f"{events.url}kalender/{today.year}/{today.month}/",
        "archive": f"{events.url}arsip/",
        "event": open_event(language).url,
        "registration form": open_event(language).url + "daftar/",
        "notify me": events.url + events.reverse_subpage("notify"),
        "campaign index": _first(CampaignIndexPage, language).url,
        "campaign": campaign.url,
        "sign-up": campaign.url + "tertarik/",
        "not found": ("/" if language == "id" else "/en/") + "tidak-ada-halaman-ini/",
        "search": "/cari/?q=anyaman" if language == "id" else "/en/search/?q=weaving",
    }
    return urls


SITE_URLS = {"sitemap": "/sitemap.xml", "robots": "/robots.txt"}


def live_page_count():
    return Page.objects.live().count()
