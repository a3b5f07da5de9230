"""Both public forms answer the same way (home.public_forms), in both languages, and count clients the same way."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client

from campaigns.models import InterestSignup
from events.models import Registration
from tests.campaigns_support import TODAY, make_campaign, make_campaign_index, translate_campaign
from tests.events_support import NOW, Taxonomy, english_for, html, make_event, make_schedule, translate_event

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "full_name": "Siti Aminah",
    "whatsapp": "0812 3456 7001",
    "email": "",
    "date_of_birth": "17/08/1995",
    "kecamatan": "pahandut",
    "kelurahan": "Langkai",
    "education": "sma",
    "motivation": "",
    "consent": "on",
    "website": "",
}
SIGN_UP = {"name": "Sari Dewi", "whatsapp": "0812-3456-7890", "kecamatan": "pahandut", "consent": "on", "website": ""}

CONSENT_ERROR = {
    "id": "Kami hanya dapat menerima data Anda dengan persetujuan Anda.",
    "en": "We can only accept your data with your consent.",
}
NUMBER_ERROR = {"id": "Masukkan nomor ponsel Indonesia", "en": "Enter an Indonesian mobile number"}
TOO_MANY = {"id": "Terlalu banyak formulir", "en": "Too many forms were sent"}


@pytest.fixture
def forms(site_tree, locales, frozen):
    """The registration form of an open training and the sign-up form of a running campaign, in both languages."""
    _id, en_locale = locales
    schedule, _en_schedule = make_schedule(site_tree, locales)
    start = NOW.replace(hour=8) + timedelta(days=10)
    event = make_event(schedule, Taxonomy(*locales), [(start, start + timedelta(hours=4))])
    translate_event(event, english_for(event))
    campaigns, _en_campaigns = make_campaign_index(site_tree, locales)
    campaign = make_campaign(campaigns, start=TODAY - timedelta(days=5), end=TODAY + timedelta(days=10))
    en_campaign = translate_campaign(campaign, en_locale, title="Learn to sew", slug="learn-to-sew")
    return {
        "registration": SimpleNamespace(
            url={"id": event.url + "daftar/", "en": "/en/training-schedule/en-menjahit-dasar/register/"},
            data=REGISTRATION,
            rows=Registration.objects,
        ),
        "sign-up": SimpleNamespace(
            url={"id": campaign.url + "tertarik/", "en": en_campaign.url + "interested/"},
            data=SIGN_UP,
            rows=InterestSignup.objects,
        ),
    }


both_forms = pytest.mark.parametrize("kind", ["registration", "sign-up"])
both_languages = pytest.mark.parametrize("language", ["id", "en"])


@both_forms
@both_languages
@pytest.mark.parametrize(
    ("field", "value", "messages"), [("consent", "", CONSENT_ERROR), ("whatsapp", "12345", NUMBER_ERROR)]
)
def test_an_invalid_form_is_a_400_with_the_translated_error_and_stores_nothing(
    client, forms, kind, language, field, value, messages
):
    form = forms[kind]
    response = client.post(form.url[language], {**form.data, field: value})
    assert response.status_code == 400
    doc = html(response)
    assert doc.html["lang"] == language
    assert messages[language] in doc.select_one(f"#id_{field}_error").get_text()
    assert doc.select_one(".form-errors")["role"] == "alert"
    # What was typed is in the page again: no shared cache may keep it.
    assert "no-store" in response["Cache-Control"]
    assert not form.rows.exists()


@both_forms
@both_languages
def test_a_filled_honeypot_is_a_400_and_stores_nothing(client, forms, kind, language):
    form = forms[kind]
    response = client.post(form.url[language], {**form.data, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not form.rows.exists()


@both_forms
@both_languages
def test_a_valid_form_is_stored_once_and_redirects_and_the_same_number_again_stores_nothing(
    client, forms, kind, language
):
    form = forms[kind]
    response = client.post(form.url[language], form.data)
    assert response.status_code == 302
    assert response["Location"].startswith(form.url[language])
    assert not response["Location"].endswith("?sudah=1")
    stored = form.rows.get()
    assert stored.language == language
    again = client.post(form.url[language], form.data)
    # A registration's page shows its code and status: a number already registered is sent to
    # a page that says so without showing them (events.manage_views.already).
    already = "sudah/" if language == "id" else "already/"
    expected = form.url[language] + already if kind == "registration" else response["Location"] + "?sudah=1"
    assert (again.status_code, again["Location"]) == (302, expected)
    assert form.rows.count() == 1
    assert client.get(response["Location"]).status_code == 200


@both_forms
@both_languages
def test_the_rate_limit_answers_429_with_a_translated_message_and_stores_nothing(
    client, forms, kind, language, settings
):
    settings.PUBLIC_FORM_RATE = "1/h"
    form = forms[kind]
    assert client.post(form.url[language], form.data).status_code == 302
    response = client.post(form.url[language], {**form.data, "whatsapp": "0812 3456 7999"})
    assert response.status_code == 429
    assert TOO_MANY[language] in html(response).select_one(".form-errors").get_text()
    assert "no-store" in response["Cache-Control"]
    assert form.rows.count() == 1


def test_the_rate_limit_and_the_admin_lockout_read_one_client_address(client, forms, settings, monkeypatch):
    import home.client

    settings.TRUSTED_PROXY_COUNT = 1
    settings.PUBLIC_FORM_RATE = "1/h"
    seen = []
    read = home.client.client_address

    def spy(request):
        address = read(request)
        seen.append((request.path, address))
        return address

    # Both libraries find the function by its dotted path on each request, so the spy stands in for both.
    monkeypatch.setattr(home.client, "client_address", spy)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    visitor = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    client.post("/admin/login/", {"username": "someone", "password": "wrong"}, **visitor)
    sign_up = forms["sign-up"]
    assert client.post(sign_up.url["id"], sign_up.data, **visitor).status_code == 302
    assert {address for path, address in seen if path in ("/admin/login/", sign_up.url["id"])} == {"203.0.113.9"}
    assert {path for path, _address in seen} >= {"/admin/login/", sign_up.url["id"]}

    # The same visitor forging a first hop is still counted as itself; another one behind the proxy is not.
    forged = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.9"}
    again = {**sign_up.data, "whatsapp": "0812 3456 7002"}
    assert Client().post(sign_up.url["id"], again, **forged).status_code == 429
    other = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert Client().post(sign_up.url["id"], again, **other).status_code == 302
