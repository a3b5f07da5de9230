"""The site's public URLs by page type, found in the demo content (not hard-coded slugs).

Shared by the header, fuzz and browser tests; add a page type here and every one of them covers it.
"""

from wagtail.models import Page

from campaigns.models import CampaignIndexPage, CampaignPage
from events.models import EventIndexPage, TrainingEvent
from home.models import HomePage, PartnerIndexPage, StandardPage
from home.timezones import today_in_wib
from impact.models import ImpactPage
from stories.models import StoryIndexPage, SuccessStory


def first_live(model, language):
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


def route(page, name, **kwargs):
    """The address of one of a page's routes, in the page's language (`register/` or `daftar/`)."""
    return page.url + page.reverse_subpage(name, kwargs=kwargs)


def page_urls(language="id"):
    """{page type: URL} for every kind of public page in one language."""
    events = first_live(EventIndexPage, language)
    today = today_in_wib()
    campaign = open_campaign(language)
    event = open_event(language)
    urls = {
        "home": first_live(HomePage, language).url,
        "standard": first_live(StandardPage, language).url,
        "partner index": first_live(PartnerIndexPage, language).url,
        "story index": first_live(StoryIndexPage, language).url,
        "story": first_live(SuccessStory, language).url,
        "event index": events.url,
        "month view": events.url + events.reverse_subpage("month", kwargs={"year": today.year, "month": today.month}),
        "archive": events.url + events.reverse_subpage("archive"),
        "event": event.url,
        "registration form": event.url + event.reverse_subpage("register"),
        "notify me": events.url + events.reverse_subpage("notify"),
        "campaign index": first_live(CampaignIndexPage, language).url,
        "campaign": campaign.url,
        "sign-up": campaign.url + campaign.reverse_subpage("signup"),
        "impact": first_live(ImpactPage, language).url,
        "not found": ("/" if language == "id" else "/en/") + "tidak-ada-halaman-ini/",
        "search": "/cari/?q=anyaman" if language == "id" else "/en/search/?q=weaving",
    }
    return urls


SITE_URLS = {"sitemap": "/sitemap.xml", "robots": "/robots.txt"}


def live_page_count():
    return Page.objects.live().count()
