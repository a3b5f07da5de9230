"""Completion at the end of the last session, certificates, and the public page that verifies them."""

import csv
import io
import re

import pytest
from django.core.management import call_command

from events.attendance import mark
from events.certificates import NUMBER_PATTERN, clean_number, new_number
from events.completion import compute, set_completion
from events.models import ActivityAction, Certificate, MessageKind, Registration, RegistrationMessage, TrainingEvent
from events.notifications import manage_token
from events.registration import erase

from .attendance_support import COORDINATORS, five_day_training, user
from .events_support import html, wib

pytestmark = pytest.mark.django_db

AFTER = wib(2026, 11, 17, 12, 30)  # half an hour after the last session


@pytest.fixture
def training(site_tree, locales, frozen):
    return five_day_training(site_tree, locales, people=3)


def attend(training, registration, sessions):
    for session in training.sessions[:sessions]:
        mark(registration, session, True, "koordinator", now=wib(2026, 11, 13, 9))


def test_default_rule_four_of_five_sessions_completes_three_does_not(training, time_machine):
    four, three, none = training.people
    attend(training, four, 4)
    attend(training, three, 3)
    assert compute(training.event.pk) is None  # sessions remain: nothing decided yet
    time_machine.move_to(AFTER)
    assert compute(training.event.pk) == 1
    four.refresh_from_db(), three.refresh_from_db(), none.refresh_from_db()
    assert (four.completed, three.completed, none.completed) == (True, False, False)
    assert Certificate.objects.get().registration == four
    assert four.activities.filter(action=ActivityAction.COMPLETED, note="4/5").exists()
    # The holder is told through the journey's messages (one per channel: the coordinators' WhatsApp list).
    assert RegistrationMessage.objects.filter(registration=four, kind=MessageKind.CERTIFICATE).exists()
    # A second run (the sweep) changes nothing and issues nothing twice.
    call_command("compute_completions", stdout=io.StringIO())
    assert compute(training.event.pk) == 1
    assert Certificate.objects.count() == 1


def test_a_custom_rule_half_the_sessions_and_the_final_assessment(training, time_machine):
    TrainingEvent.objects.filter(pk=training.event.pk).update(min_attendance_percent=50, requires_assessment=True)
    passed, failed = training.people[:2]
    attend(training, passed, 3)
    attend(training, failed, 5)
    Registration.objects.filter(pk=passed.pk).update(assessment_passed=True)
    time_machine.move_to(AFTER)
    assert compute(training.event.pk) == 1
    assert Registration.objects.get(pk=passed.pk).completed
    assert Registration.objects.get(pk=failed.pk).completed is False


def test_the_sweep_computes_a_training_whose_task_was_missed(training, time_machine):
    attend(training, training.people[0], 5)
    time_machine.move_to(AFTER)
    out = io.StringIO()
    call_command("compute_completions", stdout=out)
    assert "1 completed" in out.getvalue()
    assert TrainingEvent.objects.get(pk=training.event.pk).completion_computed_at is not None


def test_publishing_a_training_stores_its_completion_task_for_the_end_of_the_last_session(training, queue):
    from django_tasks_db.models import DBTaskResult

    training.event.save_revision().publish()
    task = DBTaskResult.objects.get(task_path="events.tasks.compute_completion")
    assert task.run_after == wib(2026, 11, 17, 12)
    assert task.args_kwargs["args"] == [training.event.pk]


def test_a_coordinator_corrects_completion_with_a_reason_and_the_computation_keeps_it(training, time_machine):
    siti = training.people[0]
    time_machine.move_to(AFTER)
    compute(training.event.pk)
    set_completion(siti, True, "Sakit dua hari, surat dokter ada", "koordinator")
    siti.refresh_from_db()
    assert siti.completed and siti.completion_overridden
    assert siti.activities.filter(action=ActivityAction.COMPLETION_SET, note__startswith="Sakit").exists()
    certificate = Certificate.objects.get(registration=siti)
    compute(training.event.pk)
    assert Registration.objects.get(pk=siti.pk).completed
    set_completion(siti, False, "Salah catat", "koordinator")
    certificate.refresh_from_db()
    assert certificate.revoked and certificate.revoked_reason == "Salah catat"


def test_certificate_numbers_are_long_random_and_read_without_ambiguous_letters():
    numbers = {new_number(wib(2026, 12, 1)) for _ in range(2000)}
    assert len(numbers) == 2000
    for number in numbers:
        assert NUMBER_PATTERN.match(number) and number.startswith("PKR-2026-")
        assert not set(number[9:]) & set("01OIL")
    assert clean_number(" pkr-2026-abcdefghjk ") == "PKR-2026-ABCDEFGHJK"
    for junk in ["", "PKR-2026-ABC", "PKR-2026-ABCDEFGHJ0", "<script>", "PKR-20x6-ABCDEFGHJK", "x" * 500]:
        assert clean_number(junk) is None


# --- the public verification page ---------------------------------------------------------------


@pytest.fixture
def certified(training, time_machine):
    siti = training.people[0]
    attend(training, siti, 5)
    time_machine.move_to(AFTER)
    compute(training.event.pk)
    return Certificate.objects.get(registration=siti)


def test_a_genuine_certificate_shows_the_training_the_dates_and_the_name_as_printed(client, certified):
    response = client.get(f"/sertifikat/{certified.number}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = html(response)
    text = page.select_one(".certificate-check").text
    assert "Sertifikat ini asli" in text and "Peserta 00" in text and "Menjahit dasar" in text
    assert "13 November 2026" in text and "17 November 2026" in text
    assert "+62812" not in response.content.decode()  # only what is printed
    # English, at the translated path.
    english = client.get(f"/en/certificate/{certified.number}/")
    assert english.status_code == 200
    assert "This certificate is genuine" in english.content.decode()
    assert client.get(f"/en/sertifikat/{certified.number}/").status_code == 404
    assert client.get(f"/certificate/{certified.number}/").status_code == 404


@pytest.mark.parametrize("number", ["PKR-2026-ABCDEFGHJK", "PKR-2026-AAAAAAAAA%3C", "junk", "PKR-2026-" + "Z" * 300])
def test_unknown_and_junk_numbers_get_the_same_not_found_page(client, certified, number):
    response = client.get(f"/sertifikat/{number}/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    assert "Tidak ada sertifikat dengan nomor ini" in response.content.decode()
    assert certified.number not in response.content.decode()


def test_a_revoked_certificate_says_so_at_once(client, certified):
    assert "Sertifikat ini asli" in client.get(f"/sertifikat/{certified.number}/").content.decode()
    from events.certificates import revoke

    revoke(certified, "Data kehadiran dipalsukan", "koordinator")
    response = client.get(f"/sertifikat/{certified.number}/")
    text = response.content.decode()
    assert "telah dicabut" in text and "Peserta 00" not in text and "dipalsukan" not in text
    assert "Peserta 00" not in client.get(f"/sertifikat/{certified.number}/cetak/").content.decode()


def test_a_holder_who_deleted_their_data_is_no_longer_named(client, certified):
    erase(certified.registration)
    response = client.get(f"/en/certificate/{certified.number}/")
    text = response.content.decode()
    assert "asked for their personal data to be deleted" in text
    assert "Peserta 00" not in text
    assert "Peserta 00" not in client.get(f"/en/certificate/{certified.number}/print/").content.decode()


@pytest.mark.parametrize("people", [2, 30])
def test_the_verification_page_makes_the_same_queries_whatever_the_number_of_participants(
    client, site_tree, locales, frozen, time_machine, people, django_assert_max_num_queries
):
    training = five_day_training(site_tree, locales, people=people, quota=40)
    for person in training.people:
        attend(training, person, 5)
    time_machine.move_to(AFTER)
    compute(training.event.pk)
    number = Certificate.objects.first().number
    client.get(f"/sertifikat/{number}/")
    with django_assert_max_num_queries(8):
        assert client.get(f"/sertifikat/{number}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/sertifikat/{number}/cetak/").status_code == 200


def test_the_certificate_page_has_everything_printed_on_it(client, certified):
    response = client.get(f"/sertifikat/{certified.number}/cetak/")
    assert response.status_code == 200
    page = html(response)
    text = re.sub(r"\s+", " ", page.select_one(".certificate").text)
    for expected in [
        "Pelatihan Palangka Raya",
        "Sertifikat Pelatihan",
        "Peserta 00",
        "Menjahit dasar",
        "13 November 2026 – 17 November 2026",
        "5 sesi",
        "20 jam",
        "Balai Latihan Kerja",
        "Yayasan Perempuan",
        "Drs. Budi Santoso",
        "Kepala UPTD BLK Palangka Raya",
        certified.number,
    ]:
        assert expected in text, expected
    assert page.select_one(".certificate__qr svg") is not None
    assert f"/sertifikat/{certified.number}/" in text


def test_the_participant_finds_the_certificate_on_the_manage_page(client, training, certified):
    event = training.event
    page = html(
        client.get(event.url + event.reverse_subpage("manage", kwargs={"token": manage_token(certified.registration)}))
    )
    link = page.select_one(".certificate-link a")
    assert link["href"] == f"/sertifikat/{certified.number}/cetak/"
    # The check-in code is gone once the training is over.
    assert page.select_one(".check-in-code") is None


def test_the_certificate_message_links_the_certificate_in_the_holders_language(certified):
    from events.notifications import render

    Registration.objects.filter(pk=certified.registration_id).update(language="en")
    message = RegistrationMessage.objects.filter(kind=MessageKind.CERTIFICATE).first()
    subject, text = render(message)
    assert subject.startswith("Your certificate")
    assert f"/en/certificate/{certified.number}/print/" in text
    assert f"/en/certificate/{certified.number}/" in text


# --- coordinators: the training's page, figures, the register export ----------------------------


@pytest.fixture
def coordinator(client):
    client.force_login(user("koordinator", group=COORDINATORS))
    return client


def test_coordinator_revokes_from_the_training_page_with_a_reason(coordinator, training, certified):
    url = f"/admin/kehadiran/pelatihan/{training.event.pk}/"
    assert certified.number in coordinator.get(url).content.decode()
    coordinator.post(url, {"action": "revoke", "registration": certified.registration_id, "reason": ""})
    certified.refresh_from_db()
    assert not certified.revoked  # no reason, no revocation
    coordinator.post(url, {"action": "revoke", "registration": certified.registration_id, "reason": "Keliru"})
    certified.refresh_from_db()
    assert certified.revoked and certified.revoked_by == "koordinator"


def test_figures_per_training_and_skill_area(coordinator, training, certified):
    page = coordinator.get("/admin/kehadiran/angka/").content.decode()
    assert "Menjahit" in page
    from events.figures import figures

    by_training, by_area = figures("id")
    assert (by_training[0].registered, by_training[0].attended, by_training[0].completed) == (3, 1, 1)
    assert by_training[0].no_show_percent == 67
    assert by_area[0].label == "Menjahit" and by_area[0].completed == 1


def test_the_attendance_register_exports_sessions_by_participants_safely(coordinator, training, certified):
    Registration.objects.filter(pk=training.people[1].pk).update(full_name="=HYPERLINK(1)")
    response = coordinator.get(f"/admin/kehadiran/pelatihan/{training.event.pk}/daftar-hadir/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows[0]) == 3 + 5 + 2
    assert rows[0][3].startswith("1. 13 November 2026")
    siti = next(row for row in rows if row[1] == "Peserta 00")
    assert siti[3:8] == ["hadir"] * 5 and siti[8] == "5" and siti[9] == "ya"
    assert any(row[1] == "'=HYPERLINK(1)" for row in rows)
    assert (
        coordinator.get(f"/admin/kehadiran/pelatihan/{training.event.pk}/daftar-hadir/?export=xlsx").status_code == 200
    )
