"""Registering for a training online: the form, seats and waiting list, duplicates, confirmation, refusals."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import translation

from events.models import Registration, RegistrationStatus, Status, TrainingEvent
from events.registration import RegistrationRefused, cancel, confirm, promote

from .events_support import NOW, Taxonomy, english_for, html, make_event, make_schedule, translate_event

pytestmark = pytest.mark.django_db

URL = "/jadwal-pelatihan/menjahit-dasar/daftar/"


@pytest.fixture
def schedule(site_tree, locales, frozen):
    taxonomy = Taxonomy(*locales)
    index, en_index = make_schedule(site_tree, locales)
    return SimpleNamespace(index=index, en_index=en_index, taxonomy=taxonomy)


def day(offset_days, hour=8, length_hours=4):
    start = NOW.replace(hour=hour, minute=0) + timedelta(days=offset_days)
    return (start, start + timedelta(hours=length_hours))


@pytest.fixture
def event(schedule):
    return make_event(schedule.index, schedule.taxonomy, [day(10), day(11)], quota=3, min_age=17, max_age=45)


def form_data(number="0812 3456 7001", **overrides):
    data = {
        "full_name": "Siti Aminah",
        "whatsapp": number,
        "email": "",
        "date_of_birth": "17/08/1995",
        "kecamatan": "pahandut",
        "kelurahan": "Langkai",
        "education": "sma",
        "motivation": "Ingin membuka usaha jahit.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def confirmed(event):
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


# --- the form -------------------------------------------------------------------


def test_event_page_links_to_the_form_which_has_every_field_and_a_privacy_notice(client, event):
    doc = html(client.get("/jadwal-pelatihan/menjahit-dasar/"))
    assert doc.select_one("aside.registration a.button--primary")["href"] == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    doc = html(response)
    names = {field["name"] for field in doc.select("form input, form select, form textarea")}
    assert {"full_name", "whatsapp", "email", "date_of_birth", "kecamatan", "kelurahan", "education"} <= names
    assert {"motivation", "consent", "website", "csrfmiddlewaretoken"} <= names
    assert doc.select_one(".form-trap")["aria-hidden"] == "true"
    assert "Pelindungan Data Pribadi" in doc.select_one(".privacy-notice").get_text()


def test_registration_is_confirmed_then_shown_with_its_reference_after_a_redirect(client, event):
    response = client.post(URL, form_data())
    registration = Registration.objects.get()
    assert response.status_code == 302
    # A signed link: the page shows the code and status, so it opens only for whoever registered.
    assert response["Location"].startswith(f"{URL}selesai/")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.whatsapp == "+6281234567001"
    assert registration.language == "id"
    assert registration.consent_at is not None
    page = client.get(response["Location"])
    doc = html(page)
    assert doc.h1.get_text() == "Anda sudah terdaftar"
    assert registration.reference in doc.select_one(".reference").get_text()
    assert doc.select_one('a[href="/jadwal-pelatihan/menjahit-dasar/ical/"]')
    assert "Aula Kelurahan" in doc.get_text()
    # No personal data on a page anyone with the link can open.
    assert "Siti" not in page.content.decode() and "7001" not in page.content.decode()
    # Reloading the confirmation page does not register again.
    client.get(response["Location"])
    assert Registration.objects.count() == 1


def test_english_form_registers_for_the_same_training_in_english(client, schedule, event):
    translate_event(event, english_for(event))
    response = client.post("/en/training-schedule/en-menjahit-dasar/register/", form_data())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.event_id == event.pk  # the original page, whatever the language
    assert registration.language == "en"
    doc = html(client.get(response["Location"]))
    assert doc.h1.get_text() == "You are registered"
    # Places left are counted once, in both languages.
    english = TrainingEvent.objects.get(locale__language_code="en")
    assert english.places_left == event.quota - 1 == TrainingEvent.objects.get(pk=event.pk).places_left


def test_full_training_puts_people_on_the_waiting_list_with_their_position(client, event):
    for n in range(3):
        assert client.post(URL, form_data(f"0812 3456 70{n:02}")).status_code == 302
    assert html(client.get("/jadwal-pelatihan/menjahit-dasar/")).select_one("aside.registration--full")
    first = client.post(URL, form_data("0812 3456 7100"))
    second = client.post(URL, form_data("0812 3456 7101"))
    assert confirmed(event) == 3
    waiting = list(Registration.objects.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk"))
    assert [r.waiting_position() for r in waiting] == [1, 2]
    assert "nomor 2 dalam daftar tunggu" in html(client.get(second["Location"])).get_text()
    assert html(client.get(first["Location"])).h1.get_text() == "Anda masuk daftar tunggu"
    assert TrainingEvent.objects.get(pk=event.pk).places_left == 0


def test_cancelling_a_confirmed_place_promotes_the_first_on_the_waiting_list(client, event):
    for n in range(5):
        client.post(URL, form_data(f"0812 3456 70{n:02}"))
    first_confirmed = Registration.objects.get(whatsapp="+6281234567000")
    promoted = cancel(first_confirmed)
    assert promoted.whatsapp == "+6281234567003"
    assert promoted.status == RegistrationStatus.CONFIRMED
    assert confirmed(event) == 3
    last = Registration.objects.get(whatsapp="+6281234567004")
    assert last.waiting_position() == 1
    # Confirming a waiting person past the quota is refused; after raising the quota, promote fills it.
    with pytest.raises(RegistrationRefused):
        confirm(last)
    TrainingEvent.objects.filter(pk=event.pk).update(quota=4)
    assert promote(event.pk).pk == last.pk
    assert confirmed(event) == 4
    # Cancelling twice frees nothing twice.
    assert cancel(first_confirmed) is None


def test_places_taken_offline_count_against_the_quota(client, schedule):
    event = make_event(schedule.index, schedule.taxonomy, [day(10)], quota=3, places_taken=2)
    client.post(URL, form_data("0812 3456 7000"))
    client.post(URL, form_data("0812 3456 7001"))
    assert confirmed(event) == 1
    assert TrainingEvent.objects.get(pk=event.pk).places_left == 0


def test_same_number_twice_is_told_it_is_registered_and_nothing_is_duplicated(client, event):
    first = client.post(URL, form_data("0812-3456-7001"))
    reference = Registration.objects.get().reference
    again = client.post(URL, form_data("+62 812 3456 7001", full_name="Orang Lain", email="lain@example.org"))
    assert again.status_code == 302
    assert again["Location"] == f"{URL}sudah/" != first["Location"]
    assert Registration.objects.count() == 1
    assert Registration.objects.get().full_name == "Siti Aminah"  # nothing already stored changed
    # Told that the number is registered and how to reach it, but never its code or status.
    doc = html(client.get(again["Location"]))
    assert "sudah terdaftar" in doc.get_text()
    assert reference not in doc.get_text() and not doc.select_one(".event-facts, .reference")
    assert doc.select_one('form[action$="/daftar/kelola/"] input[name="reference"]')


def test_confirmation_email_goes_out_in_the_registrants_language(client, schedule, event, mailoutbox):
    client.post(URL, form_data("0812 3456 7001", email="siti@example.org"))
    translate_event(event, english_for(event))
    client.post("/en/training-schedule/en-menjahit-dasar/register/", form_data("0812 3456 7002", email="a@example.org"))
    client.post(URL, form_data("0812 3456 7003"))  # no email given: none sent
    assert len(mailoutbox) == 2
    indonesian, english = mailoutbox
    references = list(Registration.objects.order_by("pk").values_list("reference", flat=True))
    assert indonesian.to == ["siti@example.org"]
    assert references[0] in indonesian.subject and "Anda terdaftar" in indonesian.subject
    assert "Anda terdaftar" in indonesian.body and "/daftar/kelola/" in indonesian.body
    assert english.subject.startswith("You are registered: EN Menjahit dasar")
    assert "You are registered" in english.body and references[1] in english.body


# --- refusals and bad input -------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "harus diisi"),
        ({"full_name": "A" * 101}, "full_name", "paling banyak 100"),
        ({"full_name": "<script>alert(1)</script>"}, "full_name", "huruf saja"),
        ({"full_name": "x'; DROP TABLE events_registration; --"}, "full_name", "huruf saja"),
        ({"full_name": "Siti 😀"}, "full_name", "huruf saja"),
        ({"whatsapp": "12345"}, "whatsapp", "Masukkan nomor ponsel Indonesia"),
        ({"whatsapp": ""}, "whatsapp", "harus diisi"),
        ({"email": "bukan-email"}, "email", "alamat email"),
        ({"date_of_birth": "kemarin"}, "date_of_birth", "17/08/1995"),
        ({"date_of_birth": "01/01/2015"}, "date_of_birth", "17 tahun ke atas"),
        ({"date_of_birth": "01/01/1960"}, "date_of_birth", "sampai 45 tahun"),
        ({"date_of_birth": "01/01/2030"}, "date_of_birth", "tanggal lahir Anda yang sebenarnya"),
        ({"kecamatan": "atlantis"}, "kecamatan", "pilihan yang valid"),
        ({"kelurahan": "<b>x</b>"}, "kelurahan", "huruf dan angka"),
        ({"motivation": "x" * 501}, "motivation", "paling banyak 500"),
        ({"consent": ""}, "consent", "persetujuan Anda"),
    ],
)
def test_bad_input_gets_a_translated_error_and_stores_nothing(client, event, overrides, field, message):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 400
    doc = html(response)
    error = doc.select_one(f"#id_{field}_error")
    assert error is not None, doc.select_one(".form-errors")
    assert message in error.get_text()
    assert doc.select_one(".form-errors")["role"] == "alert"
    assert "<script>alert" not in response.content.decode()
    assert Registration.objects.count() == 0


def test_english_errors_are_in_english(client, schedule, event):
    translate_event(event, english_for(event))
    response = client.post("/en/training-schedule/en-menjahit-dasar/register/", form_data(consent=""))
    assert "We can only accept your data with your consent." in html(response).select_one("#id_consent_error").text
    assert Registration.objects.count() == 0


def test_unicode_names_are_accepted_as_written(client, event):
    client.post(URL, form_data(full_name="Ni Luh Putu Ayu Wulandari-Ñúñez"))
    assert Registration.objects.get().full_name == "Ni Luh Putu Ayu Wulandari-Ñúñez"


def test_minimum_education_is_checked(client, schedule):
    make_event(schedule.index, schedule.taxonomy, [day(10)], min_education="sma")
    response = client.post(URL, form_data(education="smp"))
    assert "paling tidak: SMA/SMK" in html(response).select_one("#id_education_error").get_text()
    assert Registration.objects.count() == 0


def test_honeypot_filled_by_a_bot_stores_nothing(client, event):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "tidak dapat dikirim" in html(response).select_one(".form-errors").get_text()
    assert Registration.objects.count() == 0


def test_rate_limit_refuses_with_a_translated_message(client, event, settings):
    settings.PUBLIC_FORM_RATE = "2/h"
    assert client.post(URL, form_data("0812 3456 7001")).status_code == 302
    assert client.post(URL, form_data("0812 3456 7002")).status_code == 302
    response = client.post(URL, form_data("0812 3456 7003"))
    assert response.status_code == 429
    assert "Terlalu banyak formulir" in html(response).select_one(".form-errors").get_text()
    assert Registration.objects.count() == 2


def test_csrf_protection_stays_on(event):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, form_data()).status_code == 403
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "sessions", "reason"),
    [
        ({"status": Status.CANCELLED, "status_notice": "Batal."}, [day(10)], "dibatalkan"),
        ({"registration_opens": NOW + timedelta(days=1)}, [day(10)], "belum dibuka"),
        ({"registration_closes": NOW - timedelta(hours=1)}, [day(10)], "sudah ditutup"),
        ({"registration_closes": NOW - timedelta(days=3)}, [day(-2)], "sudah selesai"),
    ],
)
def test_closed_cancelled_or_past_trainings_say_why_and_refuse_posts(client, schedule, fields, sessions, reason):
    make_event(schedule.index, schedule.taxonomy, sessions, **fields)
    page = html(client.get(URL))
    assert page.select_one("main form") is None
    assert reason in page.select_one(".form-errors").get_text()
    response = client.post(URL, form_data())
    assert response.status_code == 409
    assert reason in html(response).get_text()
    assert Registration.objects.count() == 0


def test_forged_event_id_or_unknown_training_changes_nothing(client, schedule, event):
    other = make_event(schedule.index, schedule.taxonomy, [day(20)], title="Anyaman", slug="anyaman")
    # The training comes from the URL only: an "event" field in the body is ignored.
    client.post(URL, form_data(event=str(other.pk)))
    assert Registration.objects.get().event_id == event.pk
    assert client.post("/jadwal-pelatihan/tidak-ada/daftar/", form_data("0812 3456 7999")).status_code == 404
    assert client.get(f"{URL}selesai/ZZZZZZZZ/").status_code == 404
    # A reference only opens under its own training.
    reference = Registration.objects.get().reference
    assert client.get(f"/jadwal-pelatihan/anyaman/daftar/selesai/{reference}/").status_code == 404
    assert Registration.objects.count() == 1


def test_a_huge_body_is_a_clean_400_and_stores_nothing(client, event):
    response = client.post(URL, form_data(motivation="x" * (10 * 1024 * 1024)))
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_registration_post_makes_a_small_bounded_number_of_queries(client, event, queue, django_assert_max_num_queries):
    client.get(URL)  # warm the site frame's cache, as a visitor's second page would
    # 10 are Wagtail finding the site, locale and page; the rest: sessions, places left, then in one
    # transaction the locked training row, the duplicate check, the confirmed count and the insert
    # (plus the two savepoint statements the test's own transaction adds).
    with django_assert_max_num_queries(17):
        response = client.post(URL, form_data())
    assert response.status_code == 302
    # (With the database queue, as the site runs, see tests/test_journey.py: the same budget.)


def test_public_pages_never_show_registrants(client, event):
    client.post(URL, form_data(full_name="Rahasia Sekali", email="rahasia@example.org"))
    for url in ("/jadwal-pelatihan/", "/jadwal-pelatihan/menjahit-dasar/", URL):
        body = client.get(url).content.decode()
        assert "Rahasia" not in body and "rahasia@" not in body and "7001" not in body


def test_event_page_and_listing_count_places_from_confirmed_registrations(client, event):
    client.post(URL, form_data("0812 3456 7001"))
    cancel(Registration.objects.get())
    client.post(URL, form_data("0812 3456 7002"))
    assert "2 dari 3 tempat" in html(client.get("/jadwal-pelatihan/menjahit-dasar/")).get_text()
    assert TrainingEvent.objects.filter(pk=event.pk).with_places_left().get().places_left_annotated == 2


def test_date_of_birth_in_iso_format_from_date_pickers_is_accepted(client, event):
    client.post(URL, form_data(date_of_birth="1995-08-17"))
    assert Registration.objects.get().date_of_birth == date(1995, 8, 17)


def test_translation_of_the_confirmation_heading():
    with translation.override("id"):
        assert str(RegistrationStatus.WAITLISTED.label) == "Dalam daftar tunggu"


def test_demo_has_a_full_training_with_a_waiting_list(demo, client):
    # The only test here that loads the whole demo (on the real clock: its dates count from today).
    marketing = TrainingEvent.objects.get(slug="pemasaran-digital-umkm")
    rows = Registration.objects.filter(event=marketing)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 4
    assert rows.filter(status=RegistrationStatus.WAITLISTED).count() == 3
    assert marketing.places_left == 0
    doc = html(client.get(marketing.url))
    assert doc.select_one("aside.registration--full a.button--primary")["href"].endswith("/daftar/")
    # Counts only: no registrant's name on the public page.
    assert "Siti Rahmawati" not in doc.get_text()
