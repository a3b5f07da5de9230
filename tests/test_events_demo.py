"""The demo training schedule: every state a visitor meets, in both languages."""

import pytest
from django.utils import timezone
from wagtail.models import Locale

from events.models import RegistrationState, Status, TrainingEvent

from .events_support import html

pytestmark = pytest.mark.django_db


def test_demo_has_trainings_in_every_state_in_both_languages(demo, client):
    now = timezone.now()
    events = list(TrainingEvent.objects.filter(locale__language_code="id").with_schedule(now))
    assert len(events) >= 8
    statuses = {event.status for event in events}
    assert {Status.CANCELLED, Status.RESCHEDULED, Status.SCHEDULED} <= statuses
    assert any(event.is_ongoing(now) for event in events)
    assert any(event.is_past(now) for event in events)
    assert any(event.next_start and event.first_start > now for event in events)
    assert any(event.registration_state(now) == RegistrationState.FULL for event in events)
    assert any(e.status == Status.RESCHEDULED and e.previous_start for e in events)
    assert len({area.slug for event in events for area in event.skill_areas.all()}) >= 4
    assert len({event.organizer_id for event in events}) >= 3
    english = TrainingEvent.objects.filter(locale__language_code="en")
    assert english.count() == len(events)
    assert not english.filter(live=False).exists()
    for url in ("/jadwal-pelatihan/", "/en/training-schedule/", "/jadwal-pelatihan/arsip/"):
        response = client.get(url)
        assert response.status_code == 200
        assert html(response).select(".event-card")
    home = html(client.get("/en/"))
    assert home.select_one(".hero a.button")["href"] == "/en/training-schedule/"
    for event in english:
        doc = html(client.get(event.url))
        indonesian = event.get_translation(Locale.objects.get(language_code="id"))
        assert doc.h1.get_text() == event.title != indonesian.title
        assert len(doc.select("table.schedule tbody tr")) == indonesian.sessions.count()


def test_demo_has_a_finished_training_with_attendance_completions_and_certificates(demo, client):
    from events.models import Attendance, Certificate, TrainingEvent

    finished = TrainingEvent.objects.get(slug="menjahit-seragam-sekolah")
    assert Attendance.objects.filter(session__event=finished).count() == 7 * 8
    certificates = Certificate.objects.filter(event=finished)
    assert certificates.count() == 5
    response = client.get(f"/sertifikat/{certificates.first().number}/")
    assert response.status_code == 200 and "Sertifikat ini asli" in response.content.decode()
