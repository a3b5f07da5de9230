"""After registering: the registrant's own page (manage, correct, cancel, data, delete) and the messages it causes.

Messages go through the real database queue and a real SMTP server (tests/journey_support.py);
the worker runs in this process here (`db_worker --batch`), and as its own process in
tests/test_journey_worker.py.
"""

import json
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest

from events.models import (
    ActivityAction,
    EventSession,
    MessageChannel,
    MessageKind,
    MessageStatus,
    Registration,
    RegistrationMessage,
    RegistrationStatus,
    Status,
    TrainingEvent,
)
from events.notifications import manage_token

from .events_support import NOW, Taxonomy, english_for, html, make_event, make_schedule, translate_event
from .journey_support import pending_tasks, run_worker
from .test_registration import day, form_data

pytestmark = pytest.mark.django_db

URL = "/jadwal-pelatihan/menjahit-dasar/daftar/"
EN_URL = "/en/training-schedule/en-menjahit-dasar/register/"


@pytest.fixture
def schedule(site_tree, locales, frozen):
    taxonomy = Taxonomy(*locales)
    index, en_index = make_schedule(site_tree, locales)
    return SimpleNamespace(index=index, en_index=en_index, taxonomy=taxonomy)


@pytest.fixture
def event(schedule):
    return make_event(schedule.index, schedule.taxonomy, [day(10), day(11)], quota=1, documents="KTP-el")


def manage_link(body):
    return re.search(r"https?://[^/\s]+(/\S+/(?:daftar/kelola|register/manage)/[\w-]+/)", body).group(1)


def messages_of(registration, kind):
    return RegistrationMessage.objects.filter(registration=registration, kind=kind)


@pytest.mark.parametrize(
    ("language", "url", "words"),
    [
        ("id", URL, {"confirmed": "Anda terdaftar", "waiting": "daftar tunggu", "moved": "menjadi milik Anda"}),
        ("en", EN_URL, {"confirmed": "You are registered", "waiting": "waiting list", "moved": "it is yours"}),
    ],
)
def test_register_manage_correct_cancel_promote_download_delete(
    client, schedule, event, queue, smtp, language, url, words
):
    translate_event(event, english_for(event))
    first = client.post(url, form_data("0812 3456 7001", email="siti@example.org"))
    second = client.post(url, form_data("0812 3456 7002", full_name="Budi Santoso", email="budi@example.org"))
    assert first.status_code == second.status_code == 302
    siti, budi = Registration.objects.order_by("pk")
    assert (siti.status, budi.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    # Nothing was sent in the request: it waits in the queue for the worker.
    assert smtp.messages == [] and pending_tasks() == 2
    run_worker()
    received_siti, received_budi = smtp.to("siti@example.org"), smtp.to("budi@example.org")
    assert len(received_siti) == len(received_budi) == 1
    assert words["confirmed"] in received_siti[0]["body"] and "KTP-el" in received_siti[0]["body"]
    # On the waiting list: the position, and nothing to bring until a place is confirmed.
    assert words["waiting"] in received_budi[0]["body"] and "KTP-el" not in received_budi[0]["body"]
    assert " 1" in received_budi[0]["body"]
    # Each message is also waiting in the coordinators' WhatsApp list, once.
    assert messages_of(siti, MessageKind.RECEIVED).filter(channel=MessageChannel.WHATSAPP_LINK).count() == 1

    # The confirmation page and the link in the message both lead to the manage page.
    done = html(client.get(first["Location"]))
    link = manage_link(received_siti[0]["body"])
    assert done.select_one(f'a[href="{link}"]')
    page = client.get(link)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert siti.reference in html(page).select_one(".reference").get_text()

    # Correct: bad data is refused with a message and nothing changes; good data is saved and logged.
    bad = client.post(link, {"action": "correct", "full_name": "<b>x</b>", "email": "no", "kelurahan": "Langkai"})
    assert bad.status_code == 400 and Registration.objects.get(pk=siti.pk).full_name == "Siti Aminah"
    good = client.post(
        link,
        {
            "action": "correct",
            "full_name": "Siti Aminah Putri",
            "email": "siti@example.org",
            "kecamatan": "jekan-raya",
            "kelurahan": "Palangka",
        },
    )
    assert good.status_code == 302
    siti.refresh_from_db()
    assert (siti.full_name, siti.kecamatan, siti.kelurahan) == ("Siti Aminah Putri", "jekan-raya", "Palangka")

    # Cancel: a confirmation step first, then the place goes to Budi at once, who is told.
    assert client.get(link + ("batal/" if language == "id" else "cancel/")).status_code == 200
    assert Registration.objects.get(pk=siti.pk).status == RegistrationStatus.CONFIRMED
    assert client.post(link, {"action": "cancel"}).status_code == 302
    assert client.post(link, {"action": "cancel"}).status_code == 302  # a double click changes nothing
    budi.refresh_from_db()
    assert budi.status == RegistrationStatus.CONFIRMED
    run_worker()
    run_worker()  # a second worker run finds nothing more to send
    assert len(smtp.to("budi@example.org")) == 2 and words["moved"] in smtp.to("budi@example.org")[1]["body"]
    assert len(smtp.to("siti@example.org")) == 2  # received, then cancelled
    assert messages_of(budi, MessageKind.PROMOTED).filter(status=MessageStatus.SENT).count() == 1
    assert messages_of(budi, MessageKind.PROMOTED).filter(channel=MessageChannel.WHATSAPP_LINK).count() == 1

    # Download: a readable page and a JSON file, with the record of what was done.
    readable = client.get(link + "data/")
    assert readable.status_code == 200 and "Siti Aminah Putri" in readable.content.decode()
    download = client.get(link + "data/json/")
    assert download["Content-Type"].startswith("application/json") and "attachment" in download["Content-Disposition"]
    held = json.loads(download.content)
    assert held["personal_data"]["full_name"] == "Siti Aminah Putri"
    assert len(held["record"]) >= 4  # registered, corrected, cancelled, messages sent
    assert {m["status"] for m in held["messages"]} >= {str(MessageStatus.SENT.label)}

    # Delete: a confirmation step, then the person is gone at once; the row stays for the counts.
    assert client.get(link + ("hapus/" if language == "id" else "erase/")).status_code == 200
    assert client.post(link, {"action": "erase"}).status_code == 302
    erased = Registration.objects.get(pk=siti.pk)
    assert erased.anonymised and erased.full_name == erased.email == erased.kelurahan == ""
    assert "7001" not in erased.whatsapp and erased.date_of_birth is None
    assert erased.activities.filter(action=ActivityAction.ERASED).count() == 1
    # Replayed: a clear answer, nothing else changes.
    assert client.post(link, {"action": "erase"}).status_code == 410
    assert client.get(link).status_code == 410
    assert erased.activities.filter(action=ActivityAction.ERASED).count() == 1
    run_worker()
    # Exactly once each: received ×2, cancelled for Siti, moved up for Budi; nothing for the erasure.
    assert len(smtp.messages) == 4


def test_a_forged_altered_or_expired_link_is_refused(client, event, queue, time_machine):
    client.post(URL, form_data())
    registration = Registration.objects.get()
    token = manage_token(registration)
    base = URL + "kelola/"
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    other = token.replace(registration.reference, "ZZZZZZZZ")
    for bad in (forged, other, "nonsense", "a-b-c"):
        response = client.get(base + bad + "/")
        assert response.status_code == 404 and "tidak berlaku" in response.content.decode()
        assert client.post(base + bad + "/", {"action": "cancel"}).status_code == 404
    time_machine.move_to(NOW + timedelta(days=200))
    assert client.get(base + token + "/").status_code == 404
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_cancel_after_the_training_started_is_refused(client, event, queue, time_machine):
    client.post(URL, form_data())
    link = URL + "kelola/" + manage_token(Registration.objects.get()) + "/"
    time_machine.move_to(NOW + timedelta(days=10, hours=1))
    response = client.post(link, {"action": "cancel"})
    assert response.status_code == 409 and "sudah dimulai" in response.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_someone_elses_number_shows_no_code_or_status(client, event, queue):
    client.post(URL, form_data("0812 3456 7001"))
    owner = Registration.objects.get()
    stranger = client.post(URL, form_data("0812 3456 7001", full_name="Orang Lain"))
    assert stranger.status_code == 302 and owner.reference not in stranger["Location"]
    page = client.get(stranger["Location"]).content.decode()
    assert owner.reference not in page and "daftar tunggu" not in page.lower()
    assert not html(client.get(stranger["Location"])).select_one(".event-facts, .reference")
    # A guessed code with the number: the same answer whether the code exists or not.
    wrong = client.post(URL + "kelola/", {"reference": "ABCDEFGH", "whatsapp": "0812 3456 7001", "website": ""})
    right_code_other_number = client.post(
        URL + "kelola/", {"reference": owner.reference, "whatsapp": "0812 3456 7999", "website": ""}
    )
    assert wrong.status_code == right_code_other_number.status_code == 400
    assert (
        html(wrong).select_one(".form-errors, .errorlist").get_text()
        == html(right_code_other_number).select_one(".form-errors, .errorlist").get_text()
    )
    # The owner, with both, gets in.
    right = client.post(URL + "kelola/", {"reference": owner.reference.lower(), "whatsapp": "+6281234567001"})
    assert right.status_code == 302 and "/daftar/kelola/" in right["Location"]


def test_code_and_number_lookup_is_rate_limited(client, event, queue, settings):
    settings.PUBLIC_FORM_RATE = "3/h"
    for _ in range(3):
        client.post(URL + "kelola/", {"reference": "ABCDEFGH", "whatsapp": "0812 3456 7001"})
    assert client.post(URL + "kelola/", {"reference": "ABCDEFGH", "whatsapp": "0812 3456 7001"}).status_code == 429


def test_the_registration_post_keeps_its_query_budget(client, event, queue, django_assert_max_num_queries):
    client.get(URL)
    # The same 17 as before the messages: one more row (the task) replaced the email sent in the request.
    with django_assert_max_num_queries(17):
        response = client.post(URL, form_data(email="siti@example.org"))
    assert response.status_code == 302
    assert pending_tasks() == 1


def test_a_mail_server_that_refuses_is_retried_later_and_sent_once(client, event, queue, smtp, time_machine):
    smtp.fail = 1
    client.post(URL, form_data(email="siti@example.org"))
    run_worker()
    message = RegistrationMessage.objects.get(channel=MessageChannel.EMAIL, kind=MessageKind.RECEIVED)
    assert (message.status, message.attempts, smtp.messages) == (MessageStatus.PENDING, 1, [])
    assert "451" in message.last_error
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED  # the registration stands
    time_machine.move_to(NOW + timedelta(minutes=2))
    run_worker()
    message.refresh_from_db()
    assert (message.status, message.attempts, len(smtp.messages)) == (MessageStatus.SENT, 2, 1)


def test_a_mail_server_that_is_down_is_retried_and_then_shown_as_failed(client, event, queue, settings, time_machine):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.MESSAGE_MAX_ATTEMPTS = 3
    client.post(URL, form_data(email="siti@example.org"))
    for minutes in (0, 2, 5):
        time_machine.move_to(NOW + timedelta(minutes=minutes))
        run_worker()
    message = RegistrationMessage.objects.get(channel=MessageChannel.EMAIL, kind=MessageKind.RECEIVED)
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 3)
    assert pending_tasks() == 2  # only the two reminders, due later


def test_reminders_wait_in_the_queue_until_their_time(client, event, queue, smtp, time_machine):
    client.post(URL, form_data(email="siti@example.org"))
    run_worker()
    reminders = RegistrationMessage.objects.filter(kind=MessageKind.REMINDER, channel=MessageChannel.EMAIL)
    # 2 days before, and the evening before (18:00 WIB).
    assert sorted(r.due_at for r in reminders) == [day(8)[0], day(9, hour=18)[0]]
    assert len(smtp.messages) == 1
    time_machine.move_to(day(8)[0] + timedelta(minutes=1))
    run_worker()
    assert len(smtp.messages) == 2 and "Pengingat" in smtp.messages[1]["subject"]
    # Cancelled before the evening reminder: it is not sent.
    from events.registration import cancel

    cancel(Registration.objects.get())
    time_machine.move_to(day(9, hour=18)[0] + timedelta(minutes=1))
    run_worker()
    assert [m["subject"] for m in smtp.messages].count(smtp.messages[1]["subject"]) == 1
    assert reminders.filter(status=MessageStatus.SKIPPED).count() == 1


def test_publishing_a_postponed_training_tells_each_registrant_once(client, event, queue, smtp):
    client.post(URL, form_data("0812 3456 7001", email="siti@example.org"))
    client.post(URL, form_data("0812 3456 7002", full_name="Budi Santoso"))  # waiting, WhatsApp only
    client.post(URL, form_data("0812 3456 7003", full_name="Dewi Lestari"))
    cancel_me = Registration.objects.get(whatsapp="+6281234567003")
    from events.registration import cancel

    cancel(cancel_me)
    run_worker()
    before = len(smtp.messages)
    page = TrainingEvent.objects.get(pk=event.pk)
    page.status = Status.RESCHEDULED
    page.status_notice = "Aula sedang diperbaiki."
    page.previous_start = day(10)[0]
    page.sessions = [
        EventSession(start=s + timedelta(days=7), end=e + timedelta(days=7)) for s, e in (day(10), day(11))
    ]
    page.save_revision().publish()
    run_worker()
    notices = RegistrationMessage.objects.filter(kind=MessageKind.CHANGED)
    # One per confirmed and waiting registrant on the coordinators' WhatsApp list; email where one was given.
    assert sorted(
        notices.filter(channel=MessageChannel.WHATSAPP_LINK).values_list("registration__whatsapp", flat=True)
    ) == [
        "+6281234567001",
        "+6281234567002",
    ]
    assert notices.filter(channel=MessageChannel.EMAIL).count() == 1
    mail = smtp.messages[before:]
    assert len(mail) == 1 and "Perubahan pelatihan" in mail[0]["subject"]
    assert "Diundur ke tanggal baru" in mail[0]["body"] or "→" in mail[0]["body"]
    assert "Aula sedang diperbaiki." in mail[0]["body"]
    # Published again with nothing registrants rely on changed: nothing more.
    page = TrainingEvent.objects.get(pk=event.pk)
    page.summary = "Ringkasan baru."
    page.save_revision().publish()
    run_worker()
    assert notices.count() == 3 and len(smtp.messages) == before + 1
