"""Follow-up surveys (issue 17): the baseline at registration, rounds 3 and 6 months after the last session
in WIB, one reminder, one answer per round, and what happens to bad links, bad answers and deleted people.

The training (tests/attendance_support.py) runs Friday 13 to Tuesday 17 November 2026, its last
session ending at 12:00 WIB on the 17th. So, with the default settings (rounds at 3 and 6 months,
sent at 09:00 WIB, open 30 days, a reminder after 7), round 3 opens on 17 February 2027 at 09:00 WIB
(02:00 UTC) and closes on 19 March at 09:00 WIB; round 6 opens on 17 May 2027 at 09:00 WIB.
"""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from events.models import (
    MessageChannel,
    MessageKind,
    MessageStatus,
    Registration,
    RegistrationMessage,
    RegistrationStatus,
    SurveyAnswer,
)
from events.notifications import manage_token
from events.registration import erase
from events.surveys import add_months, closes_at, opens_at, survey_token, sweep

from .attendance_support import five_day_training
from .events_support import html, wib
from .journey_support import run_worker
from .test_registration import form_data

pytestmark = pytest.mark.django_db

ROUND_3_OPENS = wib(2027, 2, 17, 9)
ROUND_3_CLOSES = wib(2027, 3, 19, 9)
ROUND_6_OPENS = wib(2027, 5, 17, 9)
MINUTE = timedelta(minutes=1)

ANSWERS = {
    "work_status": "usaha",
    "income_band": "3",
    "helped": "5",
    "business": "mulai",
    "employs": "2",
    "sells_at": ["rumah", "medsos"],
    "story": "on",
    "website": "",
}


@pytest.fixture
def training(site_tree, locales, frozen):
    return five_day_training(site_tree, locales, people=3)


@pytest.fixture
def open_training(training):
    """A training still taking registrations, next to the one that ended."""
    from .events_support import make_event
    from .test_registration import day

    return make_event(training.index, training.taxonomy, [day(10), day(11)], title="Anyaman rotan", quota=3)


def registration_url(event):
    return event.get_url() + event.reverse_subpage("register")


def completer(training, n=0, *, consent=True, email="", baseline=None):
    person = training.people[n]
    person.completed = True
    person.follow_up_consent_at = wib(2026, 10, 20) if consent else None
    person.email = email
    person.save()
    if baseline:
        SurveyAnswer.objects.create(registration=person, event=training.event, round=0, **baseline)
    return person


def survey_path(registration, months, event):
    return event.get_url() + event.reverse_subpage("survey", kwargs={"token": survey_token(registration, months)})


def surveys_of(registration, kind=MessageKind.SURVEY):
    return RegistrationMessage.objects.filter(registration=registration, kind=kind)


# --- the baseline, at registration ---------------------------------------------------------------


def test_the_dates_of_a_round_are_months_after_the_last_sessions_day_in_wib(training):
    last_end = training.sessions[-1].end
    assert opens_at(last_end, 3) == ROUND_3_OPENS
    assert closes_at(last_end, 3) == ROUND_3_CLOSES
    assert opens_at(last_end, 6) == ROUND_6_OPENS
    # A session ending at 23:30 WIB on 30 November is already 1 December in UTC+0 terms of nothing:
    # the day is the day in WIB (16:30 UTC on 30 November).
    late = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
    assert opens_at(late, 3) == wib(2027, 2, 28, 9)  # 30 November + 3 months: February has no 30th
    assert add_months(datetime(2026, 5, 31).date(), 3) == datetime(2026, 8, 31).date()


def test_refusing_the_baseline_changes_nothing_about_the_registration(client, open_training):
    url = registration_url(open_training)
    baseline = {"work_status": "tidak-bekerja", "income_band": "0", "follow_up": "on"}
    assert client.post(url, form_data(number="0812 9999 0001", **baseline)).status_code == 302
    assert client.post(url, form_data(number="0812 9999 0002")).status_code == 302
    answered = Registration.objects.get(whatsapp="+6281299990001")
    refused = Registration.objects.get(whatsapp="+6281299990002")
    for registration in (answered, refused):
        assert registration.status == RegistrationStatus.CONFIRMED
    assert list(answered.messages.values_list("kind", "channel", "status")) == list(
        refused.messages.values_list("kind", "channel", "status")
    )
    assert answered.follow_up_consent_at is not None
    assert list(answered.survey_answers.values_list("round", "work_status", "income_band")) == [(0, "tidak-bekerja", 0)]
    assert refused.follow_up_consent_at is None
    assert not refused.survey_answers.exists()


def test_the_registration_form_asks_the_baseline_apart_from_the_consent(client, open_training):
    page = html(client.get(registration_url(open_training)))
    assert page.find("input", attrs={"name": "consent"}) is not None
    follow_up = page.find("input", attrs={"name": "follow_up"})
    assert follow_up is not None and not follow_up.has_attr("required") and not follow_up.has_attr("checked")
    assert "3 dan 6 bulan" in page.get_text(" ")
    assert {tag["value"] for tag in page.find_all("input", attrs={"name": "income_band"})} == {"", *"012345"}


def test_a_baseline_out_of_range_is_refused_and_nothing_is_stored(client, open_training):
    url = registration_url(open_training)
    response = client.post(url, form_data(number="0812 9999 0002", income_band="9", work_status="pensiun"))
    assert response.status_code == 400
    assert not Registration.objects.filter(whatsapp="+6281299990002").exists()
    assert not SurveyAnswer.objects.exists()


# --- rounds and the reminder, with a frozen clock ---------------------------------------------


def test_rounds_open_three_and_six_months_after_the_last_session_in_wib(training):
    asked = completer(training, 0, email="siti@example.org")
    completer(training, 1, consent=False)  # did not agree: never asked
    not_completed = training.people[2]
    not_completed.follow_up_consent_at = wib(2026, 10, 20)
    not_completed.save()  # agreed, but did not complete: never asked
    with time_machine.travel(ROUND_3_OPENS - MINUTE, tick=False):
        assert sweep() == 0
    with time_machine.travel(ROUND_3_OPENS, tick=False):
        assert sweep() == 2  # email and WhatsApp
        assert sweep() == 0  # once, however often the upkeep runs
    messages = surveys_of(asked)
    assert set(messages.values_list("channel", "key")) == {
        (MessageChannel.EMAIL, "3"),
        (MessageChannel.WHATSAPP_LINK, "3"),
    }
    assert RegistrationMessage.objects.filter(kind=MessageKind.SURVEY).exclude(registration=asked).count() == 0
    with time_machine.travel(ROUND_6_OPENS - MINUTE, tick=False):
        sweep()
        assert not surveys_of(asked).filter(key="6").exists()
    with time_machine.travel(ROUND_6_OPENS, tick=False):
        assert sweep() == 2
    assert surveys_of(asked).filter(key="6").count() == 2


def test_a_round_missed_by_the_upkeep_is_still_opened_while_it_is_open_and_never_after(training):
    completer(training, 0)
    with time_machine.travel(ROUND_3_CLOSES, tick=False):
        assert sweep() == 0  # too late: the round closed
    with time_machine.travel(ROUND_3_CLOSES - MINUTE, tick=False):
        assert sweep() == 1  # the WhatsApp message (no email)


def test_one_reminder_a_week_after_the_round_opened_if_unanswered(training):
    quiet = completer(training, 0)
    answered = completer(training, 1)
    with time_machine.travel(ROUND_3_OPENS, tick=False):
        sweep()
        RegistrationMessage.objects.filter(kind=MessageKind.SURVEY).update(
            status=MessageStatus.SENT, sent_at=ROUND_3_OPENS
        )
    SurveyAnswer.objects.create(registration=answered, event=training.event, round=3, work_status="bekerja")
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=7) - MINUTE, tick=False):
        assert sweep() == 0
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=7), tick=False):
        assert sweep() == 1
        assert sweep() == 0
    assert surveys_of(quiet, MessageKind.SURVEY_REMINDER).count() == 1
    assert not surveys_of(answered, MessageKind.SURVEY_REMINDER).exists()
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=20), tick=False):
        assert sweep() == 0  # only one


def test_the_survey_email_is_sent_once_through_the_worker_with_a_link_that_works(client, training, queue, smtp):
    person = completer(training, 0, email="siti@example.org")
    with time_machine.travel(ROUND_3_OPENS, tick=False):
        sweep()
        run_worker()
        run_worker()
    [mail] = smtp.to("siti@example.org")
    assert "3 bulan" in mail["body"]
    link = re.search(r"https?://[^/\s]+(/\S+/survei/[\w-]+/)", mail["body"]).group(1)
    assert surveys_of(person).get(channel=MessageChannel.EMAIL).status == MessageStatus.SENT
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=1), tick=False):
        response = client.get(link)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert html(response).find("input", attrs={"name": "work_status"}) is not None


# --- answering ---------------------------------------------------------------------------------


def test_one_answer_per_round_with_the_baseline_copied(client, training):
    person = completer(training, 0, baseline={"work_status": "tidak-bekerja", "income_band": 1})
    url = survey_path(person, 3, training.event)
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=2), tick=False):
        assert client.post(url, ANSWERS).status_code == 302
        again = client.post(url, ANSWERS | {"income_band": "5"})
        assert again.status_code == 409
        assert "sudah" in html(again).get_text(" ").lower() or "terima kasih" in html(again).get_text(" ").lower()
        assert client.get(url).status_code == 200
    answer = SurveyAnswer.objects.get(registration=person, round=3)
    assert (answer.work_status, answer.income_band, answer.helped, answer.business, answer.employs) == (
        "usaha",
        3,
        5,
        "mulai",
        2,
    )
    assert answer.sells_at == ["rumah", "medsos"]
    assert (answer.baseline_work_status, answer.baseline_income_band) == ("tidak-bekerja", 1)
    assert answer.story_consent_at is not None
    assert SurveyAnswer.objects.filter(registration=person).count() == 2  # the baseline and round 3


@pytest.mark.parametrize(
    "changes",
    [
        {"income_band": "9"},
        {"helped": "0"},
        {"employs": "-1"},
        {"employs": "banyak"},
        {"work_status": "pensiun"},
        {"sells_at": ["tidak-menjual", "pasar"]},
        {"business": ""},  # half filled
        {"sells_at": []},
    ],
)
def test_bad_or_half_filled_answers_get_400_and_store_nothing(client, training, changes):
    person = completer(training, 0)
    url = survey_path(person, 3, training.event)
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=2), tick=False):
        response = client.post(url, ANSWERS | changes)
    assert response.status_code == 400
    assert html(response).find(class_="form-errors") is not None
    assert not SurveyAnswer.objects.exists()


def test_forged_altered_expired_and_deleted_links_get_404(client, training):
    person = completer(training, 0)
    event = training.event
    good = survey_path(person, 3, event)
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=1), tick=False):
        assert client.get(good).status_code == 200
        forged = event.get_url() + event.reverse_subpage("survey", kwargs={"token": f"{person.reference}-3-xyz"})
        assert client.get(forged).status_code == 404
        other_round = good.replace(f"{person.reference}-3-", f"{person.reference}-6-")
        assert client.get(other_round).status_code == 404
        not_open_yet = client.get(survey_path(person, 6, event))
        assert not_open_yet.status_code == 404
        assert "belum dibuka" in html(not_open_yet).get_text(" ")
    with time_machine.travel(ROUND_3_CLOSES, tick=False):
        closed = client.get(good)
        assert closed.status_code == 404
        assert "19 Maret 2027" in html(closed).get_text(" ")
        assert client.post(good, ANSWERS).status_code == 404
    assert not SurveyAnswer.objects.exists()
    erase(person)
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=1), tick=False):
        gone = client.get(good)
    assert gone.status_code == 404
    assert "dihapus" in html(gone).get_text(" ")


def test_do_not_ask_me_again_stops_every_round(client, training):
    person = completer(training, 0)
    url = survey_path(person, 3, training.event)
    with time_machine.travel(ROUND_3_OPENS, tick=False):
        sweep()
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=1), tick=False):
        response = client.post(url, {"berhenti": "1"})
        assert response.status_code == 200
        assert client.get(url).status_code == 404
    person.refresh_from_db()
    assert person.follow_up_consent_at is None
    assert not surveys_of(person).filter(status=MessageStatus.PENDING).exists()
    with time_machine.travel(ROUND_6_OPENS, tick=False):
        assert sweep() == 0
    assert not SurveyAnswer.objects.exists()


def test_the_survey_page_is_english_all_through_in_english(client, training):
    from .events_support import english_for, translate_event

    english = translate_event(
        training.event,
        english_for(training.event, **{"Kepala UPTD BLK Palangka Raya": "Head of the Palangka Raya BLK"}),
    )
    person = completer(training, 0)
    person.language = "en"
    person.save()
    url = survey_path(person, 3, english)
    assert url.startswith("/en/") and "/survey/" in url
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=1), tick=False):
        response = client.get(url)
    assert response.status_code == 200
    text = html(response).get_text(" ")
    for words in ("How are you doing?", "What is your work now?", "Did the training help you?", "Send my answers"):
        assert words in text
    for indonesian in ("Bagaimana", "Pekerjaan", "Kirim"):
        assert indonesian not in text


# --- the person's own data, and deletion ---------------------------------------------------------


def test_the_person_sees_their_answers_and_deleting_leaves_only_anonymous_rows(client, training):
    person = completer(training, 0, baseline={"work_status": "bekerja", "income_band": 2})
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=2), tick=False):
        client.post(survey_path(person, 3, training.event), ANSWERS)
    event = training.event
    token = manage_token(person)
    with time_machine.travel(ROUND_3_OPENS + timedelta(days=3), tick=False):
        data = client.get(event.get_url() + event.reverse_subpage("manage_data_json", kwargs={"token": token}))
    held = json.loads(data.content)
    assert held["follow_up_surveys_agreed_at"]
    assert [answer["round"] for answer in held["survey_answers"]] == ["Saat mendaftar", "3 bulan setelah pelatihan"]
    assert held["survey_answers"][1]["sells_at"] == [
        "Dari rumah atau ke tetangga",
        "Lewat WhatsApp, Facebook atau Instagram",
    ]
    erase(person)
    rows = SurveyAnswer.objects.filter(event=event)
    assert rows.count() == 2
    assert not rows.filter(registration__isnull=False).exists()
    assert not rows.filter(story_consent_at__isnull=False).exists()
    # The pair survives for the figures: round 3 still says where the person started.
    assert rows.get(round=3).baseline_income_band == 2
    person.refresh_from_db()
    assert person.follow_up_consent_at is None


def test_the_cloud_api_sends_surveys_and_certificates_as_their_own_templates(training, settings):
    from events import whatsapp_cloud
    from events.notifications import create_messages, message_context

    settings.WHATSAPP_CLOUD_TOKEN, settings.WHATSAPP_CLOUD_PHONE_NUMBER_ID = "token", "12345"
    person = completer(training, 0)
    with time_machine.travel(ROUND_3_OPENS, tick=False):
        [message] = create_messages(person, MessageKind.SURVEY, key="3")
        body = whatsapp_cloud.payload(message, message_context(message))
    assert message.channel == MessageChannel.WHATSAPP_API
    template = body["template"]
    assert template["name"] == "pelatihan_survei"
    values = [parameter["text"] for parameter in template["components"][0]["parameters"]]
    assert values[:3] == [person.full_name, training.event.title, "3"]
    assert "/survei/" in values[3]
    [certificate] = create_messages(person, MessageKind.CERTIFICATE, key="NO-1")
    assert whatsapp_cloud.payload(certificate, message_context(certificate))["template"]["name"] == (
        "pelatihan_sertifikat"
    )


def test_the_retention_command_keeps_surveyed_completers_until_their_last_round_closed(training):
    import io

    from django.core.management import call_command

    surveyed = completer(training, 0, baseline={"work_status": "bekerja", "income_band": 2})
    SurveyAnswer.objects.create(registration=surveyed, event=training.event, round=3, work_status="usaha")
    other = training.people[1]
    with time_machine.travel(wib(2027, 6, 1), tick=False):  # 6 months on, round 6 still open
        call_command("purge_registrations", "--months", "6", stdout=io.StringIO())
    surveyed.refresh_from_db()
    other.refresh_from_db()
    assert other.anonymised and not surveyed.anonymised
    with time_machine.travel(wib(2027, 7, 1), tick=False):  # round 6 closed on 16 June
        call_command("purge_registrations", "--months", "6", stdout=io.StringIO())
    surveyed.refresh_from_db()
    assert surveyed.anonymised and surveyed.follow_up_consent_at is None
    assert SurveyAnswer.objects.filter(event=training.event).count() == 2
    assert not SurveyAnswer.objects.filter(registration__isnull=False).exists()
