"""Many people pressing "Register" in the same instant: the quota holds and nobody is registered twice.

Real threads, each with its own database connection, posting the real form.
Only PostgreSQL can show this: it runs the transactions side by side and the
row lock is what orders them. SQLite lets one writer at a time through anyway.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from events.models import Registration, RegistrationStatus, TrainingEvent

from .events_support import Taxonomy, make_event, make_schedule

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: SQLite serialises all writers, so it cannot show concurrent seat allocation.",
    ),
    # serialized_rollback: each test starts from what the migrations made (locales, root page, site).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

URL = "/jadwal-pelatihan/menjahit-dasar/daftar/"


@pytest.fixture(scope="module", autouse=True)
def migrated_rows_put_back(django_db_blocker):
    """serialized_rollback restores the migrations' rows at the start of each test here and leaves the
    database flushed at the end. With the suite spread over workers, other modules may run after this
    one on the same worker: give them back the rows (and the content type ids they have cached)."""
    yield
    from django.contrib.contenttypes.models import ContentType

    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(serialized)
    ContentType.objects.clear_cache()


@pytest.fixture
def event(site_tree, locales, settings):
    settings.PUBLIC_FORM_RATE = "10000/h"  # every thread comes from 127.0.0.1
    taxonomy = Taxonomy(*locales)
    index, _en = make_schedule(site_tree, locales)
    start = timezone.now() + timedelta(days=10)
    return make_event(index, taxonomy, [(start, start + timedelta(hours=4))], quota=5)


def post_all_at_once(numbers):
    barrier = threading.Barrier(len(numbers))
    statuses, errors = [], []

    def submit(number):
        try:
            client = Client()
            barrier.wait(timeout=30)
            response = client.post(
                URL,
                {
                    "full_name": "Peserta Serentak",
                    "whatsapp": number,
                    "date_of_birth": "17/08/1995",
                    "kecamatan": "pahandut",
                    "kelurahan": "Langkai",
                    "education": "sma",
                    "consent": "on",
                },
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(number,)) for number in numbers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return statuses


def test_twenty_simultaneous_registrations_fill_five_places_exactly(event):
    statuses = post_all_at_once([f"0812 3456 {7000 + n}" for n in range(20)])
    assert statuses == [302] * 20
    rows = Registration.objects.filter(event=event)
    assert rows.count() == 20
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 5
    waiting = [r.waiting_position() for r in rows.filter(status=RegistrationStatus.WAITLISTED)]
    assert sorted(waiting) == list(range(1, 16))
    assert TrainingEvent.objects.get(pk=event.pk).places_left == 0


def test_the_same_number_sent_ten_times_at_once_is_stored_once(event):
    statuses = post_all_at_once(["0812 3456 7001"] * 10)
    assert statuses == [302] * 10
    assert Registration.objects.filter(event=event).count() == 1
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
