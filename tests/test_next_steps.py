"""One clear next step on every page a resident lands on (issue 19, part b), over the demo content.

The header folds behind a no-JavaScript toggle; a training's or campaign's main action sits under its
title; a story leads to a training one can still join, or to "Notify me" (events.interest) through the
site's one public-form flow; the home page lists trainings open for registration first; coordinators
see the demand per skill area and kecamatan.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from events.models import Registration, TrainingEvent, TrainingInterest
from home.models import SkillArea
from home.roles import COORDINATOR, WRITER
from stories.models import SuccessStory
from tests.editors_support import member
from tests.site_urls import open_campaign, open_event

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def story_without_open_training(language):
    """A demo story none of whose skill areas has a training one can still join (the weaving one)."""
    now = timezone.now()
    for story in SuccessStory.objects.live().filter(locale__language_code=language).order_by("path"):
        slugs = set(story.skill_areas.values_list("slug", flat=True))
        joinable = (
            TrainingEvent.objects.live()
            .filter(locale__language_code=language, skill_areas__slug__in=slugs)
            .still_registering(now)
        )
        if slugs and not joinable.upcoming(now).exists():
            return story, slugs
    raise LookupError("every demo story has a training open")


def story_with_open_training(language):
    now = timezone.now()
    for story in SuccessStory.objects.live().filter(locale__language_code=language).order_by("path"):
        slugs = set(story.skill_areas.values_list("slug", flat=True))
        joinable = (
            TrainingEvent.objects.live()
            .filter(locale__language_code=language, skill_areas__slug__in=slugs)
            .upcoming(now)
            .still_registering(now)
        )
        if joinable.exists():
            return story, joinable
    raise LookupError("no demo story has a training open")


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_menu_folds_behind_a_details_toggle_that_holds_search_languages_and_menu(demo, client, path):
    header = soup(client.get(path)).find("header", class_="site-header")
    menu = header.find("details", class_="site-menu")
    assert menu is not None and menu.find("summary").get_text(strip=True) == "Menu"
    assert menu.find("form", role="search") and menu.find("nav", class_="language-switcher")
    assert menu.find("nav", class_="primary-nav").find_all("a")
    # The logo is the site's own SVG, decorative next to the name.
    logo = header.find("img", class_="site-brand__logo")
    assert logo["src"].endswith("img/logo.svg") and logo["alt"] == ""


def test_the_logo_is_a_valid_svg_document():
    import xml.etree.ElementTree as ET

    from django.conf import settings

    root = ET.parse(settings.BASE_DIR / "static" / "img" / "logo.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_open_trainings_register_button_comes_before_its_facts(demo, client, language):
    event = open_event(language)
    doc = soup(client.get(event.url))
    step = doc.find(id="next-step")
    link = step.find("a", class_="button--primary")
    assert link["href"] == event.url + event.reverse_subpage("register")
    html = str(doc)
    assert html.index('id="next-step"') < html.index('class="event-facts"')


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_full_training_offers_the_waiting_list_once_without_asking_the_contact(demo, client, language):
    event = open_event(language)
    event.places_taken = event.quota
    event.save_revision().publish()
    response = client.get(event.url)
    doc = soup(response)
    assert (
        doc.find(id="next-step").find("a", class_="button--primary")["href"].endswith(event.reverse_subpage("register"))
    )
    text = " ".join(doc.find("aside", class_="registration").get_text(" ").split())
    # One message, not both "ask the contact whether a place comes free" and "you can still join the waiting list".
    assert "whether a place becomes free" not in text and "apakah ada tempat" not in text.lower()
    assert "You can still join" not in text


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_campaigns_sign_up_is_linked_under_its_title(demo, client, language):
    campaign = open_campaign(language)
    doc = soup(client.get(campaign.url))
    header = doc.find("header", class_="campaign__header")
    assert header.find("a", href="#tertarik", class_="button--primary")
    assert doc.find(id="tertarik").find("form")


def test_faq_questions_are_disclosure_widgets_with_a_visible_marker(demo, client):
    from django.conf import settings

    doc = soup(client.get("/tentang/"))
    faq = doc.find("section", class_="faq")
    assert faq and faq.find("details").find("summary")
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert ".faq summary::before" in css and ".faq details[open] > summary::before" in css


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_story_without_an_open_training_offers_notify_me(demo, client, language):
    story, slugs = story_without_open_training(language)
    doc = soup(client.get(story.url))
    section = doc.find(id="kabari-saya")
    assert section is not None, "the story ends in a dead end"
    form = section.find("form")
    assert form["action"].endswith({"id": "/kabari-saya/", "en": "/notify-me/"}[language]) and form.find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )
    offered = {radio["value"] for radio in form.find_all("input", attrs={"name": "skill_area"})}
    assert offered == slugs


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_story_links_only_to_trainings_one_can_still_join(demo, client, language):
    story, joinable = story_with_open_training(language)
    doc = soup(client.get(story.url))
    links = {a["href"] for a in doc.find("section", class_="story-trainings").find_all("a")}
    assert links and links <= {event.url for event in joinable}
    assert doc.find(id="kabari-saya") is None


def notify_data(slug, **changes):
    data = {
        "skill_area": slug,
        "name": "Siti Aminah",
        "whatsapp": "0812 3456 7890",
        "kecamatan": "pahandut",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["id", "en"])
def test_notify_me_records_interest_once_and_thanks(demo, client, language):
    story, slugs = story_without_open_training(language)
    action = soup(client.get(story.url)).find(id="kabari-saya").find("form")["action"]
    slug = sorted(slugs)[0]
    response = client.post(action, notify_data(slug))
    assert response.status_code == 302 and response["Location"].endswith(
        {"id": "/kabari-saya/terima-kasih/", "en": "/notify-me/thank-you/"}[language]
    )
    interest = TrainingInterest.objects.get()
    assert interest.whatsapp == "+6281234567890" and interest.language == language
    assert interest.skill_area.slug == slug and interest.kecamatan == "pahandut"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and thanks["X-Robots-Tag"] == "noindex"
    # The same number again, in the other language: nothing new, and told so.
    other = "/en/" if language == "id" else "/"
    other_action = "/jadwal-pelatihan/kabari-saya/" if language == "en" else None
    again = client.post(other_action or action, notify_data(slug, whatsapp="+62 812-3456-7890"))
    assert again.status_code == 302 and again["Location"].endswith("?sudah=1")
    assert TrainingInterest.objects.count() == 1
    assert other


@pytest.mark.parametrize(
    "changes",
    [{"whatsapp": "12"}, {"consent": ""}, {"skill_area": "tidak-ada"}, {"name": "1234"}, {"website": "http://spam"}],
)
def test_notify_me_refuses_bad_input_with_400_and_stores_nothing(demo, client, changes):
    story, slugs = story_without_open_training("id")
    action = soup(client.get(story.url)).find(id="kabari-saya").find("form")["action"]
    response = client.post(action, notify_data(sorted(slugs)[0], **changes))
    assert response.status_code == 400
    assert soup(response).find(class_="form-errors")
    assert response["Cache-Control"] == "private, no-store"
    assert not TrainingInterest.objects.exists()


def test_the_notify_me_page_works_on_its_own_and_in_english(demo, client):
    slug = SkillArea.objects.filter(locale__language_code="en").first().slug
    response = client.get(f"/en/training-schedule/notify-me/?bidang={slug}")
    assert response.status_code == 200
    doc = soup(response)
    assert doc.find("html")["lang"] == "en"
    assert [radio["value"] for radio in doc.find_all("input", attrs={"name": "skill_area"})] == [slug]
    assert doc.find("form", class_="notify-me__form")["action"]


def test_the_home_page_lists_trainings_open_for_registration_first(demo, client):
    from events.listings import upcoming_for_home

    now = timezone.now()
    home = soup(client.get("/"))
    events = upcoming_for_home(TrainingEvent.objects.filter(locale__language_code="id").first().locale_id, now)
    assert events
    ranks = [0 if event.accepts_registrations and event.places_left > 0 else 1 for event in events]
    assert ranks == sorted(ranks)
    assert events[0].accepts_registrations, "the first upcoming training on the home page cannot be joined"
    assert events[0].title in home.get_text()


def test_coordinators_see_the_demand_per_skill_area_and_kecamatan(demo, client):
    area = SkillArea.objects.filter(locale__language_code="id").first()
    people = (("081200000001", "pahandut"), ("081200000002", "pahandut"), ("081200000003", "jekan-raya"))
    for number, kecamatan in people:
        TrainingInterest.objects.create(
            skill_area=area,
            name="Warga",
            whatsapp=number,
            kecamatan=kecamatan,
            language="id",
            consented_at=timezone.now(),
        )
    url = reverse("events_interest_demand")
    client.force_login(member(WRITER))
    refused = client.get(url)
    assert refused.status_code in (302, 403) and b"Pahandut" not in refused.content
    client.force_login(member(COORDINATOR))
    response = client.get(url)
    assert response.status_code == 200
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in soup(response).find("table", class_="listing").find("tbody").find_all("tr")
    ]
    assert rows[0] == [area.name, "Pahandut", "2"] and rows[1][2] == "1"


def test_the_registrations_list_puts_status_and_whatsapp_first_and_folds_the_rest_on_a_phone(demo, client):
    from django.contrib.auth import get_user_model

    assert Registration.objects.exists()
    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    response = client.get(reverse("registrations:index"))
    assert response.status_code == 200
    headers = soup(response).find("table", class_="listing").find("thead").find_all("th")
    labels = [th.get_text(" ", strip=True) for th in headers]
    hidden = [th.get_text(" ", strip=True) for th in headers if "registrations-phone-hidden" in (th.get("class") or [])]
    status_at = next(i for i, label in enumerate(labels) if "Status" in label)
    training_at = next(i for i, label in enumerate(labels) if "Training" in label or "Pelatihan" in label)
    assert status_at < training_at, labels
    assert len(hidden) == 2, labels
    assert b"css/admin-registrations.css" in response.content


@pytest.mark.parametrize("language", ["id", "en"])
def test_posters_carry_the_organiser_and_a_whatsapp_contact(demo, client, language):
    event = open_event(language)
    campaign = open_campaign(language)
    for page in (event, campaign):
        response = client.get(page.url + page.reverse_subpage("poster"))
        assert response.status_code == 200
        contact = soup(response).find(class_="poster__contact")
        assert contact is not None, page.url
        text = contact.get_text(" ", strip=True)
        assert "WhatsApp" in text and sum(ch.isdigit() for ch in text) >= 9, text
        assert contact.find("strong").get_text(strip=True), text
    assert event.contact_whatsapp in soup(client.get(event.url + event.reverse_subpage("poster"))).get_text()
