"""Structured data says when a page was published (time and offset) and who publishes it (with a logo);
list pages have a share image like the detail pages (issue 19)."""

import json
import re
from datetime import UTC, date, datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from wagtail.images import get_image_model

from campaigns.models import CampaignIndexPage, CampaignPage
from events.models import EventIndexPage
from home.seo import LOGO, wib_iso
from stories.models import StoryIndexPage, SuccessStory
from tests.site_urls import first_live

WIB_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


def json_ld(response, kind):
    doc = BeautifulSoup(response.content, "html.parser")
    blocks = [json.loads(script.string) for script in doc.select('script[type="application/ld+json"]')]
    return next(block for block in blocks if block.get("@type") == kind)


def test_publication_times_are_given_in_palangka_raya_time_with_their_offset():
    assert wib_iso(datetime(2026, 3, 4, 2, 0, tzinfo=UTC)) == "2026-03-04T09:00:00+07:00"
    assert wib_iso(date(2026, 3, 4)) == "2026-03-04T00:00:00+07:00"  # a day alone: its start in WIB
    assert wib_iso(None) is None


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("model", [SuccessStory, CampaignPage])
def test_story_and_campaign_articles_carry_dates_with_time_and_offset_and_the_publishers_logo(
    demo, client, model, language
):
    page = first_live(model, language)
    data = json_ld(client.get(page.url), "Article")
    assert WIB_TIMESTAMP.match(data["datePublished"]), data["datePublished"]
    assert WIB_TIMESTAMP.match(data["dateModified"]), data["dateModified"]
    assert data["dateModified"] >= data["datePublished"]
    if model is SuccessStory:
        assert data["datePublished"].startswith(page.date_published.isoformat())  # the day the page shows
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["logo"]["url"].endswith("/static/" + LOGO)
    assert publisher["logo"]["url"].startswith("http")
    assert finders.find(LOGO), "the logo named in structured data exists"
    assert data["url"] == data["mainEntityOfPage"] and data["url"].endswith(page.url)


def test_the_home_pages_organisation_has_the_logo(demo, client):
    data = json_ld(client.get("/en/"), "Organization")
    assert data["logo"]["url"].endswith("/static/" + LOGO)


def share_image(client, url):
    doc = BeautifulSoup(client.get(url).content, "html.parser")
    og = doc.find("meta", property="og:image")
    return og and og["content"], doc.find("meta", attrs={"name": "twitter:card"})["content"]


def rendition_of(url):
    rendition_model = get_image_model().get_rendition_model()
    return rendition_model.objects.get(file=url.split("/media/", 1)[1])


def rendition_exists(url):
    rendition = rendition_of(url)
    return rendition.file.storage.exists(rendition.file.name)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("index_model", [StoryIndexPage, EventIndexPage, CampaignIndexPage])
def test_list_pages_have_a_share_image_that_exists(demo, client, index_model, language):
    index = first_live(index_model, language)
    image, card = share_image(client, index.url)
    assert image and image.startswith("http"), index.url
    assert card == "summary_large_image"
    assert rendition_exists(image)
    # A second visitor gets the same picture without it being looked up again.
    assert share_image(client, index.url)[0] == image


def test_the_story_list_shares_the_newest_shown_portrait_never_a_private_participants(demo, client):
    index = first_live(StoryIndexPage, "id")
    newest = SuccessStory.objects.live().child_of(index).order_by("-date_published", "-pk")
    shown = newest.filter(hide_identity=False, portrait__isnull=False).first()
    image, _card = share_image(client, index.url)
    assert rendition_of(image).image_id == shown.portrait_id
    private = newest.filter(hide_identity=True, portrait__isnull=False).values_list("portrait_id", flat=True)
    assert rendition_of(image).image_id not in set(private)


def test_the_campaign_list_shares_the_first_listed_campaigns_picture(demo, client):
    index = first_live(CampaignIndexPage, "en")
    doc = BeautifulSoup(client.get(index.url).content, "html.parser")
    first_title = doc.select(".campaign-card__title a")[0].get_text(strip=True)
    first = CampaignPage.objects.live().child_of(index).get(title=first_title)
    image, _card = share_image(client, index.url)
    assert rendition_of(image).image_id == first.hero_image_id
