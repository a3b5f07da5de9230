"""Two coordinators tick the same person for the same session in the same instant: one row, no error, nothing lost.

Real threads, each with its own database connection and its own logged-in client,
posting the real check-in form. Only PostgreSQL runs the two upserts side by side.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from events.models import Attendance

from .attendance_support import COORDINATORS, five_day_training, user
from .test_registration_concurrency import migrated_rows_put_back  # noqa: F401 - the module's autouse fixture

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: SQLite serialises all writers, so it cannot show two ticks at once.",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def tick_all_at_once(session, registration, choices):
    barrier = threading.Barrier(len(choices))
    statuses, errors = [], []

    def tick(index, present):
        try:
            client = Client()
            client.force_login(user(f"koordinator{index}", group=COORDINATORS))
            barrier.wait(timeout=30)
            response = client.post(
                f"/admin/kehadiran/sesi/{session.pk}/", {"registration": registration.pk, "present": present}
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tick, args=(n, present)) for n, present in enumerate(choices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses, errors


def test_two_coordinators_ticking_the_same_person_at_once_leave_one_row_and_the_last_write(site_tree, locales, frozen):
    training = five_day_training(site_tree, locales, people=1)
    session, siti = training.sessions[2], training.people[0]
    for _round in range(5):
        statuses, errors = tick_all_at_once(session, siti, ["1", "0", "1", "0"])
        assert errors == []
        assert statuses == [302] * 4
        rows = list(Attendance.objects.filter(registration=siti, session=session))
        assert len(rows) == 1
        # The row is one of the writes, whole: who ticked matches what they ticked.
        index = int(rows[0].marked_by.removeprefix("koordinator"))
        assert rows[0].present == (["1", "0", "1", "0"][index] == "1")
        from django.contrib.auth import get_user_model

        get_user_model().objects.filter(username__startswith="koordinator").delete()
