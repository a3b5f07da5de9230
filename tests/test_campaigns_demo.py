"""The demo campaigns: one running with a goal and sign-ups, one coming, one ended, complete in English."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from campaigns.models import CampaignIndexPage, CampaignPage, CampaignStatus

pytestmark = pytest.mark.django_db


def test_demo_has_a_running_an_upcoming_and_an_ended_campaign_in_both_languages(client, demo):
    campaigns = CampaignPage.objects.live().filter(locale__language_code="id")
    statuses = {page.status: page for page in campaigns}
    assert set(statuses) == {CampaignStatus.ACTIVE, CampaignStatus.UPCOMING, CampaignStatus.ENDED}
    running = statuses[CampaignStatus.ACTIVE]
    assert running.goal and running.signup_count >= 5
    for page in campaigns:
        english = page.get_translation_or_none(Locale.objects.get(language_code="en"))
        assert english is not None and english.live
        assert english.title != page.title
    # The index lists the running one first; every page, poster and sign-up form renders in both languages.
    for index in CampaignIndexPage.objects.live():
        doc = BeautifulSoup(client.get(index.url).content, "html.parser")
        first = doc.select(".campaign-card")[0]
        assert "campaign-card--aktif" in first["class"]
    for page in CampaignPage.objects.live():
        for suffix in ("", "poster/", page.reverse_subpage("signup")):
            assert client.get(page.url + suffix).status_code == 200, page.url + suffix
    home = BeautifulSoup(client.get("/en/").content, "html.parser")
    section = home.find(id="active-campaigns-heading").find_parent("section")
    assert [a.get_text() for a in section.select(".campaign-card__title a")] == ["Sewing: a business from home"]
