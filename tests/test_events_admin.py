"""Editors create and change trainings in the Wagtail admin; impossible schedules are refused with a clear message."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import time_machine
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import TrainingEvent

from .events_support import NOW, Taxonomy, make_event, make_schedule, wib

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(site_tree, locales):
    with time_machine.travel(NOW, tick=False):
        taxonomy = Taxonomy(*locales)
        index, en_index = make_schedule(site_tree, locales)
        yield SimpleNamespace(index=index, taxonomy=taxonomy)


def post_data(taxonomy, sessions, **overrides):
    """What the page editor's form sends; times are typed in WIB, the site's time zone."""
    data = {
        "title": "Menjahit dasar",
        "slug": "menjahit-dasar",
        "summary": "Belajar menjahit.",
        "skill_areas": [taxonomy.sewing.pk],
        "organizer": taxonomy.blk.pk,
        "mode": "tatap-muka",
        "venue": taxonomy.hall.pk,
        "online_url": "",
        "audience": "",
        "min_age": "",
        "max_age": "",
        "min_education": "",
        "documents": "",
        "cost": "0",
        "quota": "16",
        "places_taken": "0",
        "min_attendance_percent": "80",
        "registration_opens": "2026-11-01 08:00",
        "registration_closes": "2026-11-20 16:00",
        "contact_name": "Ibu Sari",
        "contact_whatsapp": "0812 3456 7890",
        "status": "terjadwal",
        "status_notice": "",
        "previous_start": "",
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(
        nested_form_data(
            {
                "body": streamfield([]),
                "sessions": inline_formset([{"start": start, "end": end} for start, end in sessions], min=1),
                "comments": inline_formset([]),
            }
        )
    )
    data.update(overrides)
    return data


def create(admin_client, schedule, sessions, **overrides):
    return admin_client.post(
        f"/admin/pages/add/events/trainingevent/{schedule.index.pk}/",
        post_data(schedule.taxonomy, sessions, **overrides),
    )


def error_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


TWO_DAYS = [("2026-11-23 08:00", "2026-11-23 12:00"), ("2026-11-24 08:00", "2026-11-24 12:00")]


def test_editor_creates_a_training_with_sessions_in_wib(admin_client, schedule):
    response = create(admin_client, schedule, TWO_DAYS)
    assert response.status_code == 302, error_text(response)
    event = TrainingEvent.objects.get(slug="menjahit-dasar")
    assert event.live
    assert [(s.start, s.end) for s in event.sorted_sessions] == [
        (wib(2026, 11, 23, 8), wib(2026, 11, 23, 12)),
        (wib(2026, 11, 24, 8), wib(2026, 11, 24, 12)),
    ]
    # Stored as an instant: 08:00 WIB is 01:00 UTC.
    assert event.sorted_sessions[0].start == datetime(2026, 11, 23, 1, tzinfo=UTC)


def test_session_ending_before_it_starts_is_refused(admin_client, schedule):
    response = create(admin_client, schedule, [("2026-11-23 12:00", "2026-11-23 08:00")])
    assert response.status_code == 200
    assert "Sesi ini selesai sebelum mulai. Buat waktu selesai lebih lambat dari waktu mulai." in error_text(response)
    assert not TrainingEvent.objects.exists()


def test_overlapping_sessions_are_refused_with_what_to_fix(admin_client, schedule):
    sessions = [("2026-11-23 08:00", "2026-11-23 12:00"), ("2026-11-23 11:00", "2026-11-23 15:00")]
    response = create(admin_client, schedule, sessions)
    assert response.status_code == 200
    text = error_text(response)
    # The admin speaks the editor's language; Indonesian by default.
    assert "Sesi yang mulai Senin, 23 November 2026, 11.00 WIB bertabrakan dengan sesi" in text
    assert "Ubah waktunya agar satu sesi selesai sebelum sesi berikutnya mulai." in text
    assert not TrainingEvent.objects.exists()


def test_overlap_message_is_in_english_for_an_english_speaking_editor(admin_client, admin_user, schedule):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    sessions = [("2026-11-23 08:00", "2026-11-23 12:00"), ("2026-11-23 11:00", "2026-11-23 15:00")]
    text = error_text(create(admin_client, schedule, sessions))
    assert "The session starting Monday, November 23, 2026, 11:00 WIB overlaps the session from" in text
    assert "Change the times so that one ends before the next begins." in text


def test_sessions_that_touch_are_not_an_overlap(admin_client, schedule):
    sessions = [("2026-11-23 08:00", "2026-11-23 12:00"), ("2026-11-23 12:00", "2026-11-23 15:00")]
    assert create(admin_client, schedule, sessions).status_code == 302


def test_registration_closing_after_the_last_session_is_refused(admin_client, schedule):
    response = create(admin_client, schedule, TWO_DAYS, registration_closes="2026-11-25 08:00")
    assert response.status_code == 200
    text = error_text(response)
    assert "Pendaftaran ditutup setelah sesi terakhir selesai" in text
    assert "Pilih waktu penutupan sebelum pelatihan berakhir." in text
    assert not TrainingEvent.objects.exists()


def test_registration_closing_before_it_opens_is_refused(admin_client, schedule):
    response = create(admin_client, schedule, TWO_DAYS, registration_opens="2026-11-21 08:00")
    assert response.status_code == 200
    assert "Pendaftaran harus ditutup setelah dibuka." in error_text(response)


def test_a_training_needs_at_least_one_session(admin_client, schedule):
    response = create(admin_client, schedule, [])
    assert response.status_code == 200
    assert not TrainingEvent.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"mode": "daring", "venue": ""}, "Isi tautan pertemuan daring: pelatihan ini berlangsung daring."),
        ({"venue": ""}, "Pilih tempat: pelatihan ini berlangsung tatap muka."),
        ({"status": "diundur", "status_notice": "Diundur."}, "Isi tanggal mulai yang semula"),
        ({"status": "dibatalkan"}, "Beri tahu peserta apa yang berubah"),
        ({"min_age": "40", "max_age": "18"}, "Usia maksimal lebih kecil dari usia minimal."),
        ({"places_taken": "20"}, "Tempat yang terisi melebihi kuota."),
    ],
)
def test_incomplete_trainings_are_refused_with_what_to_fix(admin_client, schedule, overrides, message):
    response = create(admin_client, schedule, TWO_DAYS, **overrides)
    assert response.status_code == 200
    assert message in error_text(response)


def test_editing_into_an_overlap_is_refused_and_keeps_the_stored_schedule(admin_client, schedule):
    with time_machine.travel(NOW, tick=False):
        event = make_event(
            schedule.index,
            schedule.taxonomy,
            [(wib(2026, 11, 23, 8), wib(2026, 11, 23, 12)), (wib(2026, 11, 24, 8), wib(2026, 11, 24, 12))],
            slug="menjahit-dasar",
        )
    stored = event.sorted_sessions
    data = post_data(
        schedule.taxonomy,
        [("2026-11-23 08:00", "2026-11-23 12:00"), ("2026-11-23 10:00", "2026-11-23 12:30")],
    )
    data["sessions-INITIAL_FORMS"] = "2"
    data["sessions-0-id"], data["sessions-1-id"] = str(stored[0].pk), str(stored[1].pk)
    response = admin_client.post(f"/admin/pages/{event.pk}/edit/", data)
    assert response.status_code == 200
    assert "bertabrakan dengan sesi" in error_text(response)
    event.refresh_from_db()
    assert [(s.start, s.end) for s in TrainingEvent.objects.get(pk=event.pk).sorted_sessions] == [
        (wib(2026, 11, 23, 8), wib(2026, 11, 23, 12)),
        (wib(2026, 11, 24, 8), wib(2026, 11, 24, 12)),
    ]
    # The same edit without the overlap goes through, keeping each session's identity.
    data["sessions-1-start"], data["sessions-1-end"] = "2026-11-25 08:00", "2026-11-25 12:00"
    assert admin_client.post(f"/admin/pages/{event.pk}/edit/", data).status_code == 302
    after = TrainingEvent.objects.get(pk=event.pk).sorted_sessions
    assert [s.key for s in after] == [s.key for s in stored]
    assert after[1].start == wib(2026, 11, 25, 8)


def test_editor_finds_the_training_page_type_only_under_the_schedule(admin_client, schedule):
    home_add = admin_client.get(f"/admin/pages/{schedule.index.get_parent().pk}/add_subpage/")
    assert b"trainingevent" not in home_add.content
    index_add = admin_client.get(f"/admin/pages/{schedule.index.pk}/add_subpage/")
    # The schedule holds only trainings, so Wagtail goes straight to its form.
    assert index_add.status_code == 302
    assert "/add/events/trainingevent/" in index_add["Location"]
    assert admin_client.get(index_add["Location"]).status_code == 200


def test_editor_previews_a_new_training_before_saving_it(admin_client, schedule):
    url = f"/admin/pages/add/events/trainingevent/{schedule.index.pk}/preview/"
    response = admin_client.post(url, post_data(schedule.taxonomy, TWO_DAYS, places_taken="4"))
    assert response.json()["is_valid"] is True
    preview = admin_client.get(url)
    assert preview.status_code == 200
    doc = BeautifulSoup(preview.content, "html.parser")
    assert doc.h1.get_text() == "Menjahit dasar"
    assert [row.th.get_text(strip=True) for row in doc.select("table.schedule tbody tr")] == [
        "Senin, 23 November 2026",
        "Selasa, 24 November 2026",
    ]
    assert "12 dari 16 tempat" in doc.select_one(".event-facts-box").get_text()
    assert not TrainingEvent.objects.exists()
