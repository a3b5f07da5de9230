"""The worker's upkeep (events.upkeep): work a dead worker left running is queued again; old task results are pruned.

The worker killed with SIGKILL as its own process is in tests/test_journey_worker.py;
here the state it leaves (a task RUNNING for ever, nothing recorded) is made directly.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.models import MessageChannel, MessageKind, MessageStatus, Registration, RegistrationMessage
from events.notifications import prepare
from events.upkeep import PREPARE, SEND, UPKEEP, recover_stalled, schedule_next

from .events_support import NOW, Taxonomy, make_event, make_schedule
from .journey_support import run_worker
from .test_journey import URL
from .test_registration import day, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(site_tree, locales, frozen):
    index, _en_index = make_schedule(site_tree, locales)
    return make_event(index, Taxonomy(*locales), [day(10), day(11)], quota=1)


def left_running(task_path, minutes_ago=11):
    """What a worker killed while running the tasks due now leaves behind."""
    return (
        DBTaskResult.objects.ready()
        .filter(task_path=task_path)
        .update(status="RUNNING", started_at=timezone.now() - timedelta(minutes=minutes_ago))
    )


def email(kind=MessageKind.RECEIVED):
    return RegistrationMessage.objects.get(channel=MessageChannel.EMAIL, kind=kind)


def test_a_registration_whose_preparing_worker_died_still_gets_its_messages(client, event, queue, smtp):
    client.post(URL, form_data(email="siti@example.org"))
    assert left_running(PREPARE) == 1
    run_worker()
    assert smtp.messages == [] and not RegistrationMessage.objects.exists()  # stuck, as a dead worker leaves it
    schedule_next(at_once=True)
    run_worker()
    assert len(smtp.to("siti@example.org")) == 1
    assert DBTaskResult.objects.get(task_path=PREPARE, status="FAILED").traceback.startswith("The worker stopped")
    run_worker()
    assert len(smtp.messages) == 1


def test_a_send_whose_worker_died_is_sent_again_once_and_counts_as_an_attempt(client, event, queue, smtp, time_machine):
    smtp.fail = 1
    client.post(URL, form_data(email="siti@example.org"))
    run_worker()
    assert (email().status, email().attempts) == (MessageStatus.PENDING, 1)
    time_machine.move_to(NOW + timedelta(minutes=2))
    assert left_running(SEND, minutes_ago=0) == 1  # the retry was claimed by a worker that then died
    run_worker()
    assert smtp.messages == []
    # Not yet stalled for SEND_STALLED_MINUTES: left alone (a slow live worker may still finish it).
    schedule_next(at_once=True)
    run_worker()
    assert smtp.messages == [] and email().attempts == 1
    time_machine.move_to(NOW + timedelta(minutes=15))
    schedule_next(at_once=True)
    run_worker()
    message = email()
    assert (message.status, message.attempts, len(smtp.messages)) == (MessageStatus.SENT, 3, 1)
    assert Registration.objects.get().status == "terdaftar"  # the state it announced stands


def test_a_message_that_kills_its_worker_every_time_ends_as_failed(client, event, queue, settings, time_machine):
    settings.MESSAGE_MAX_ATTEMPTS = 2
    client.post(URL, form_data(email="siti@example.org"))
    DBTaskResult.objects.filter(task_path=PREPARE).delete()
    prepare(Registration.objects.get().pk, MessageKind.RECEIVED)  # what the worker's first task does
    for minutes in (20, 40, 60):
        # Each time, the send is claimed by a worker that dies; only the upkeep moves it on.
        left_running(SEND, minutes_ago=15)
        time_machine.move_to(NOW + timedelta(minutes=minutes))
        recover_stalled(timezone.now())
    message = email()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 2)
    assert "WorkerStopped" in message.last_error
    # Three dead sends closed; after the second the message is failed, and the third's new task finds nothing to do.
    assert DBTaskResult.objects.filter(task_path=SEND, status="FAILED").count() == 3


def test_upkeep_queues_itself_once_and_prunes_old_finished_task_results(queue, time_machine, settings):
    time_machine.move_to(NOW)
    call_command("schedule_upkeep", verbosity=0)
    call_command("schedule_upkeep", verbosity=0)  # run again: still one
    assert DBTaskResult.objects.filter(task_path=UPKEEP, status="READY").count() == 1
    old = DBTaskResult.objects.get(task_path=UPKEEP)
    DBTaskResult.objects.filter(pk=old.pk).update(
        status="SUCCESSFUL", finished_at=NOW - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS + 1)
    )
    recent = DBTaskResult.objects.create(
        task_path=SEND,
        args_kwargs={"args": [1], "kwargs": {}},
        status="SUCCESSFUL",
        finished_at=NOW - timedelta(days=1),
        backend_name="default",
        run_after=NOW,
    )
    call_command("schedule_upkeep", verbosity=0)
    run_worker()
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()  # finished long ago: pruned
    assert DBTaskResult.objects.filter(pk=recent.pk).exists()
    # The run queued the next one, UPKEEP_MINUTES later, and only one.
    waiting = DBTaskResult.objects.filter(task_path=UPKEEP, status="READY")
    assert waiting.count() == 1
    assert abs(waiting.get().run_after - (NOW + timedelta(minutes=settings.UPKEEP_MINUTES))) < timedelta(seconds=5)
    time_machine.move_to(waiting.get().run_after + timedelta(seconds=1))
    run_worker()
    assert DBTaskResult.objects.filter(task_path=UPKEEP, status="READY").count() == 1
    assert DBTaskResult.objects.filter(task_path=UPKEEP, status="SUCCESSFUL").count() == 2
