"""A new batch opened: Notify-me people hear of a training in their skill area once it is open (events.new_batch).

Through the real database queue, the worker and a real SMTP server (tests/journey_support.py).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import InterestMessage, MessageChannel, MessageStatus, TrainingInterest
from events.new_batch import stop_token

from .events_support import NOW, english_for, make_event, translate_event
from .journey_support import pending_tasks, run_worker
from .test_journey import schedule  # noqa: F401 - the fixture
from .test_registration import day

pytestmark = pytest.mark.django_db


def interest(area, number="+6281234567001", *, email="rina@example.org", language="id", kecamatan="pahandut"):
    return TrainingInterest.objects.create(
        skill_area=area,
        name="Rina Wati",
        whatsapp=number,
        email=email,
        kecamatan=kecamatan,
        language=language,
        consented_at=timezone.now(),
    )


def test_a_published_open_training_tells_each_waiting_person_once_in_their_language(schedule, queue, smtp):  # noqa: F811
    areas = schedule.taxonomy
    rina = interest(areas.sewing)
    english_area = areas.sewing.get_translation(schedule.en_index.locale)
    ben = interest(english_area, "+6281234567002", email="ben@example.org", language="en")
    other = interest(areas.weaving, "+6281234567003", email="other@example.org")
    no_email = interest(areas.sewing, "+6281234567004", email="")

    event = make_event(schedule.index, areas, [day(10), day(11)])
    translate_event(event, english_for(event))  # the English twin published too: still one message each
    run_worker()

    assert [m["subject"] for m in smtp.to("rina@example.org")] == ["Pendaftaran dibuka: Menjahit dasar"]
    body = smtp.to("rina@example.org")[0]["body"]
    assert "Menjahit dasar" in body and "/jadwal-pelatihan/menjahit-dasar/daftar/" in body
    english = smtp.to("ben@example.org")
    assert [m["subject"] for m in english] == ["Registration is open: EN Menjahit dasar"]
    assert "/en/training-schedule/en-menjahit-dasar/register/" in english[0]["body"]
    assert smtp.to("other@example.org") == []  # another skill area
    assert InterestMessage.objects.filter(channel=MessageChannel.EMAIL, status=MessageStatus.SENT).count() == 2
    rina.refresh_from_db(), ben.refresh_from_db(), other.refresh_from_db(), no_email.refresh_from_db()
    assert rina.notified_at and ben.notified_at and not other.notified_at and not no_email.notified_at
    # Everyone waiting also has one WhatsApp message for the coordinators to send.
    whatsapp = InterestMessage.objects.filter(channel=MessageChannel.WHATSAPP_LINK, status=MessageStatus.PENDING)
    assert sorted(whatsapp.values_list("interest__whatsapp", flat=True)) == [
        rina.whatsapp,
        ben.whatsapp,
        no_email.whatsapp,
    ]

    # Published again (an edit): nothing new is sent.
    event.save_revision().publish()
    run_worker()
    assert len(smtp.to("rina@example.org")) == 1 and pending_tasks() == 0


def test_nothing_is_announced_for_a_draft_or_a_training_not_open_yet(schedule, queue, smtp):  # noqa: F811
    interest(schedule.taxonomy.sewing)
    make_event(schedule.index, schedule.taxonomy, [day(10)], publish=False)
    later = make_event(
        schedule.index,
        schedule.taxonomy,
        [day(40)],
        title="Menjahit lanjut",
        registration_opens=NOW + timedelta(days=5),
        registration_closes=NOW + timedelta(days=30),
    )
    run_worker()  # the task for `later` waits until its registration opens
    assert smtp.messages == [] and InterestMessage.objects.count() == 0
    assert later.registration_state().value == "not-yet-open"


def test_a_training_elsewhere_is_not_announced_to_someone_waiting_in_another_kecamatan(schedule, queue, smtp):  # noqa: F811
    interest(schedule.taxonomy.sewing, kecamatan="bukit-batu")
    make_event(schedule.index, schedule.taxonomy, [day(10)])  # in person, in Pahandut
    run_worker()
    assert smtp.messages == []


def test_a_mail_server_failure_is_retried_and_the_message_sent_once(schedule, queue, smtp, time_machine):  # noqa: F811
    interest(schedule.taxonomy.sewing)
    smtp.fail = 1
    make_event(schedule.index, schedule.taxonomy, [day(10)])
    run_worker()
    message = InterestMessage.objects.get(channel=MessageChannel.EMAIL)
    assert message.status == MessageStatus.PENDING and message.attempts == 1
    assert "451" in message.last_error
    time_machine.move_to(NOW + timedelta(minutes=2))  # the retry waits a minute (backoff)
    run_worker()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(smtp.to("rina@example.org")) == 1


def test_the_stop_link_asks_first_then_deletes_the_interest(schedule, queue, smtp, client):  # noqa: F811
    rina = interest(schedule.taxonomy.sewing)
    make_event(schedule.index, schedule.taxonomy, [day(10)])
    run_worker()
    link = re.search(r"https?://[^/\s]+(/\S+/kabari-saya/berhenti/[\w-]+/)", smtp.messages[0]["body"]).group(1)
    shown = client.get(link)
    assert shown.status_code == 200 and TrainingInterest.objects.filter(pk=rina.pk).exists()  # a GET deletes nothing
    assert "Hentikan dan hapus data saya" in shown.content.decode()
    done = client.post(link)
    assert done.status_code == 200 and not TrainingInterest.objects.filter(pk=rina.pk).exists()
    assert InterestMessage.objects.count() == 0
    assert client.post(link).status_code == 200  # a second click: the same calm answer
    forged = link.replace(stop_token(rina)[:4], "XXXX")
    assert client.get(forged).status_code == 404
    # Under the English schedule the link has English words.
    english = f"/en/training-schedule/notify-me/stop/{stop_token(rina)}/"
    assert client.get(english).status_code == 404  # deleted already, so the link is no longer valid


def test_coordinators_send_the_whatsapp_message_once_from_the_messages_to_send(schedule, queue, smtp, client):  # noqa: F811
    from urllib.parse import unquote

    from django.contrib.auth import get_user_model

    waiting = interest(schedule.taxonomy.sewing, email="")
    make_event(schedule.index, schedule.taxonomy, [day(10)])
    run_worker()
    client.force_login(get_user_model().objects.create_superuser("koordinator", "k@example.org", "x"))
    outbox = client.get("/admin/registrations/pesan/")
    assert outbox.status_code == 200 and "Rina Wati" in outbox.content.decode()
    message = InterestMessage.objects.get(channel=MessageChannel.WHATSAPP_LINK)
    opened = client.post(f"/admin/registrations/pesan/minat/{message.pk}/kirim/")
    assert opened.status_code == 302 and opened["Location"].startswith("https://wa.me/6281234567001")
    text = unquote(opened["Location"])
    assert "/jadwal-pelatihan/menjahit-dasar/daftar/" in text and "/kabari-saya/berhenti/" in text
    again = client.post(f"/admin/registrations/pesan/minat/{message.pk}/kirim/")
    assert again.status_code == 302 and "wa.me" not in again["Location"]  # sent once
    waiting.refresh_from_db()
    assert waiting.notified_at is not None
    assert "Rina Wati" not in client.get("/admin/registrations/pesan/").content.decode()
