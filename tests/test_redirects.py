"""Friendly URLs: a changed slug leaves a permanent redirect behind, in each language and for child pages.

Wagtail's redirects app creates the redirects when a page with a new slug is
published (WAGTAILREDIRECTS_AUTO_CREATE, on by default); its middleware serves them.
"""

import datetime

import pytest
from django.conf import settings

from tests.campaigns_support import make_campaign, make_campaign_index, translate_campaign
from tests.events_support import Taxonomy, make_event, make_schedule, wib
from tests.stories_helpers import make_index, story, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def rename(django_capture_on_commit_callbacks):
    """Publish `page` under a new slug, running what Wagtail does when the transaction commits."""

    def rename(page, slug):
        page.refresh_from_db()  # as the editor loads it: a stale copy would write back an old child count
        with django_capture_on_commit_callbacks(execute=True):
            page.slug = slug
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return rename


def assert_moved(client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_the_redirects_app_is_installed_and_serving():
    assert "wagtail.contrib.redirects" in settings.INSTALLED_APPS
    assert "wagtail.contrib.redirects.middleware.RedirectMiddleware" in settings.MIDDLEWARE
    assert getattr(settings, "WAGTAILREDIRECTS_AUTO_CREATE", True)


def test_a_renamed_story_redirects_in_both_languages(client, site_tree, rename):
    index, _en_index = make_index(site_tree)
    page = story(index, "Tas anyaman", slug="tas-anyaman")
    english = translate(page, title="Woven bags", slug="woven-bags")
    rename(page, "tas-anyaman-yuliana")
    assert_moved(client, "/kisah-sukses/tas-anyaman/", "/kisah-sukses/tas-anyaman-yuliana/")
    rename(english, "yulianas-woven-bags")
    assert_moved(client, "/en/success-stories/woven-bags/", "/en/success-stories/yulianas-woven-bags/")


def test_a_renamed_training_and_campaign_redirect_in_both_languages(client, site_tree, locales, rename):
    id_locale, en_locale = locales
    schedule, _en = make_schedule(site_tree, locales)
    event = make_event(schedule, Taxonomy(id_locale, en_locale), [(wib(2026, 12, 1), wib(2026, 12, 1, 12))])
    english_event = event.copy_for_translation(en_locale)
    english_event.title, english_event.slug = "Basic sewing", "basic-sewing"
    english_event.save_revision().publish()
    rename(event, "menjahit-dasar-2026")
    assert_moved(client, "/jadwal-pelatihan/menjahit-dasar/", "/jadwal-pelatihan/menjahit-dasar-2026/")
    rename(english_event, "basic-sewing-2026")
    assert_moved(client, "/en/training-schedule/basic-sewing/", "/en/training-schedule/basic-sewing-2026/")

    campaigns, _en_campaigns = make_campaign_index(site_tree, locales)
    campaign = make_campaign(campaigns, start=datetime.date(2026, 11, 1), end=datetime.date(2026, 11, 30))
    english_campaign = translate_campaign(campaign, en_locale, slug="lets-sew")
    rename(campaign, "ayo-menjahit-2026")
    assert_moved(client, "/sosialisasi/ayo-menjahit/", "/sosialisasi/ayo-menjahit-2026/")
    rename(english_campaign, "lets-sew-2026")
    assert_moved(client, "/en/campaigns/lets-sew/", "/en/campaigns/lets-sew-2026/")


def test_renaming_a_list_page_redirects_its_children_too(client, site_tree, rename):
    index, en_index = make_index(site_tree)
    page = story(index, "Tas anyaman", slug="tas-anyaman")
    translate(page, title="Woven bags", slug="woven-bags")
    rename(index, "cerita")
    assert_moved(client, "/kisah-sukses/", "/cerita/")
    assert_moved(client, "/kisah-sukses/tas-anyaman/", "/cerita/tas-anyaman/")
    rename(en_index, "stories")
    assert_moved(client, "/en/success-stories/woven-bags/", "/en/stories/woven-bags/")
    # A route below a page (its feed) follows the new address too, once the page itself has moved.
    assert client.get("/cerita/feed/rss/").status_code == 200


def test_readable_addresses_in_each_language(client, site_tree):
    index, _en_index = make_index(site_tree)
    page = story(index, "Tas anyaman", slug="tas-anyaman")
    english = translate(page, title="Woven bags", slug="woven-bags")
    assert page.get_url() == "/kisah-sukses/tas-anyaman/"
    assert english.get_url() == "/en/success-stories/woven-bags/"
