"""Routes under English pages use English words; Indonesian addresses stay as they were (home/routes.py)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps

from campaigns.models import CampaignIndexPage, CampaignPage
from events.models import EventIndexPage, TrainingEvent
from home.routes import LocalizedRoutesMixin, route_segments
from stories.models import StoryIndexPage
from tests.site_urls import first_live, open_campaign, open_event, page_urls, route

# Indonesian route word → English, as a visitor reads them in the address bar.
EXPECTED = {
    "register": "register/",
    "registered": "register/done/T0KEN/",
    "registration_already": "register/already/",
    "manage_lookup": "register/manage/",
    "manage_erased": "register/manage/erased/",
    "manage": "register/manage/T0KEN/",
    "manage_cancel": "register/manage/T0KEN/cancel/",
    "manage_erase": "register/manage/T0KEN/erase/",
    "manage_data": "register/manage/T0KEN/data/",
    "manage_data_json": "register/manage/T0KEN/data/json/",
    "this_month_view": "calendar/",
    "month": "calendar/2026/12/",
    "archive": "archive/",
    "notify": "notify-me/",
    "notify_thanks": "notify-me/thank-you/",
    "signup": "interested/",
    "thanks": "interested/thank-you/",
}


def routable_models():
    return [model for model in apps.get_models() if issubclass(model, LocalizedRoutesMixin)]


def indonesian_only_words():
    words = set()
    for model in routable_models():
        words |= {word for word, english in model.words_for("en").items() if word != english}
    return words


def sample_kwargs(pattern):
    names = re.findall(r"<(?:\w+:)?(\w+)>", pattern.pattern._route)
    values = {"token": "T0KEN", "year": 2026, "month": 12, "skill_area": "menjahit", "feed_format": "rss"}
    return {name: values[name] for name in names}


def test_every_route_word_has_an_english_word_declared():
    # A new route (another branch's) fails here until its words are declared in `route_words`.
    for model in routable_models():
        english = model.words_for("en")
        for pattern in model.get_subpage_urls():
            missing = [word for word in route_segments(pattern.pattern._route) if word not in english]
            assert not missing, f"{model.__name__}.{pattern.name}: no English word for {missing}"


def test_english_pages_name_their_routes_in_english_and_indonesian_pages_in_indonesian(demo):
    event_en, event_id = open_event("en"), open_event("id")
    assert event_en.reverse_subpage("registered", kwargs={"token": "T0KEN"}) == EXPECTED["registered"]
    assert event_id.reverse_subpage("registered", kwargs={"token": "T0KEN"}) == "daftar/selesai/T0KEN/"
    pages = {
        "en": [event_en, first_live(EventIndexPage, "en"), open_campaign("en")],
        "id": [event_id, first_live(EventIndexPage, "id"), open_campaign("id")],
    }
    for page in pages["en"]:
        for pattern in type(page).get_subpage_urls():
            if pattern.name in EXPECTED:
                assert page.reverse_subpage(pattern.name, kwargs=sample_kwargs(pattern)) == EXPECTED[pattern.name]
    indonesian = {"calendar/": "kalender/", "notify-me/thank-you/": "kabari-saya/terima-kasih/"}
    schedule_id = pages["id"][1]
    assert schedule_id.reverse_subpage("this_month_view") == indonesian["calendar/"]
    assert schedule_id.reverse_subpage("notify_thanks") == indonesian["notify-me/thank-you/"]
    assert open_campaign("id").reverse_subpage("thanks") == "tertarik/terima-kasih/"


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_route_answers_under_its_own_words(demo, client, language):
    schedule, event, campaign = first_live(EventIndexPage, language), open_event(language), open_campaign(language)
    answers = {
        route(schedule, "this_month_view"): 302,
        route(schedule, "month", year=2026, month=12): 200,
        route(schedule, "archive"): 200,
        route(schedule, "notify"): 200,
        route(schedule, "notify_thanks"): 200,
        route(event, "register"): 200,
        route(event, "registration_already"): 200,
        route(event, "manage_lookup"): 200,
        route(event, "manage_erased"): 200,
        route(event, "manage", token="T0KEN"): 404,  # answered by the route: a link that is not valid
        route(event, "poster"): 200,
        route(campaign, "signup"): 200,
        route(campaign, "thanks"): 200,
        route(campaign, "poster"): 200,
    }
    for url, status in answers.items():
        response = client.get(url)
        assert response.status_code == status, url
        if status == 404:
            assert "registration" in response.content.decode().lower() or "pendaftaran" in response.content.decode()
    if language == "en":
        assert all(not set(url.split("/")) & indonesian_only_words() for url in answers)


def test_indonesian_addresses_stay_exactly_as_they_were(demo, client):
    schedule = first_live(EventIndexPage, "id")
    assert client.get(schedule.url + "kalender/2026/12/").status_code == 200
    assert client.get(schedule.url + "arsip/").status_code == 200
    assert client.get(open_campaign("id").url + "tertarik/").status_code == 200
    assert client.get(open_event("id").url + "daftar/").status_code == 200
    # English words are not routes of an Indonesian page.
    assert client.get(schedule.url + "calendar/2026/12/").status_code == 404
    assert client.get(open_event("id").url + "register/").status_code == 404


def test_old_english_addresses_redirect_permanently_to_the_english_words(demo, client):
    schedule, event, campaign = first_live(EventIndexPage, "en"), open_event("en"), open_campaign("en")
    moved = {
        schedule.url + "kalender/2026/12/?bidang=menjahit": schedule.url + "calendar/2026/12/?bidang=menjahit",
        schedule.url + "arsip/": schedule.url + "archive/",
        schedule.url + "kabari-saya/terima-kasih/": schedule.url + "notify-me/thank-you/",
        event.url + "daftar/": event.url + "register/",
        event.url + "daftar/kelola/T0KEN/batal/": event.url + "register/manage/T0KEN/cancel/",
        campaign.url + "tertarik/terima-kasih/": campaign.url + "interested/thank-you/",
    }
    for old, new in moved.items():
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == new, old
        assert client.get(new).status_code in (200, 404)
    # Words the same in both languages are not redirected.
    assert client.get(event.url + "poster/").status_code == 200


def test_a_form_posted_to_an_old_english_address_is_sent_on_not_lost(demo, client):
    campaign = open_campaign("en")
    response = client.post(campaign.url + "tertarik/", {"name": "Siti"})
    assert response.status_code == 308  # the browser posts the same form again to the new address
    assert response["Location"] == campaign.url + "interested/"


def test_no_english_page_links_to_an_indonesian_route_word(demo, client):
    words = indonesian_only_words()
    english = page_urls("en")
    english.pop("not found")
    schedule, event, campaign = first_live(EventIndexPage, "en"), open_event("en"), open_campaign("en")
    english |= {
        "thanks": route(campaign, "thanks"),
        "notify thanks": route(schedule, "notify_thanks"),
        "already": route(event, "registration_already"),
        "lookup": route(event, "manage_lookup"),
        "campaign list": first_live(CampaignIndexPage, "en").url,
        "story list": first_live(StoryIndexPage, "en").url,
    }
    for kind, url in english.items():
        response = client.get(url)
        assert response.status_code == 200, url
        doc = BeautifulSoup(response.content, "html.parser")
        for element in doc.select("[href], [action], [src]"):
            address = element.get("href") or element.get("action") or element.get("src")
            path = address.split("?")[0].split("#")[0]
            wrong = set(path.split("/")) & words
            assert not wrong, f"{kind} ({url}) links to {address}"


def test_routable_pages_of_every_content_app_use_the_shared_route_words():
    assert {TrainingEvent, EventIndexPage, CampaignPage, CampaignIndexPage, StoryIndexPage} <= set(routable_models())
