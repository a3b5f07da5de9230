"""The worker's upkeep: a task that runs every UPKEEP_MINUTES and queues its own next run.

A self-rescheduling task rather than cron, so that `make run` (whose worker runs it)
and every deployment with a worker do it with nothing else to set up; `manage.py
schedule_upkeep` (in `make run`, `make serve` and `make release`) starts the chain, and
starts it again if it ever broke. It does three things:

1. **Work whose worker died.** A worker killed while it ran `prepare_messages` or
   `send_message` leaves that task RUNNING for ever in django-tasks-db, and the work
   undone: the task's transaction died with it, so no message was created, or the
   message stays pending with nothing recorded. A task of these two still running after
   SEND_STALLED_MINUTES is closed as failed and queued again with the same arguments
   (both are idempotent: the messages' unique key, the message's status). The message
   of a send counts the lost try as an attempt, so one that kills its worker every
   time ends as failed after MESSAGE_MAX_ATTEMPTS instead of looping. A message whose
   row is still locked is being sent by a live worker (PostgreSQL): left alone.
2. **Pruning.** Finished task results older than TASK_RESULTS_KEEP_DAYS are deleted.
   They hold only ids and the old → new facts of change notices; what a message said is
   never stored (it is written from the registration when sent), and the registrations
   themselves are anonymised by `purge_registrations`.
3. **Follow-up surveys.** The survey rounds and reminders that came due are opened as
   messages (events.surveys): a round is a date months after a training, so a run
   every few minutes opens it within minutes of its hour.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ActivityAction, MessageStatus, RegistrationMessage

logger = logging.getLogger(__name__)

UPKEEP = "events.tasks.upkeep"
SEND = "events.tasks.send_message"
PREPARE = "events.tasks.prepare_messages"
WORKER_STOPPED = "The worker stopped while running this task; it was queued again."


def schedule_next(now=None, at_once=False):
    """Queue the next upkeep (in UPKEEP_MINUTES, or `at_once`), unless one is already waiting; whether it did."""
    from django_tasks import default_task_backend
    from django_tasks_db.models import DBTaskResult

    from .tasks import upkeep

    if not default_task_backend.supports_defer:
        return False  # the tests' immediate backend: nothing runs later
    if DBTaskResult.objects.filter(task_path=UPKEEP, status="READY").exists():
        return False
    now = now or timezone.now()
    upkeep.using(run_after=now + timedelta(minutes=0 if at_once else settings.UPKEEP_MINUTES)).enqueue()
    return True


def run():
    now = timezone.now()
    schedule_next(now)  # first: a worker killed during this run does not break the chain
    recovered = recover_stalled(now)
    pruned = prune(now)
    surveys = sweep_surveys(now)
    return {"recovered": recovered, "pruned": pruned, "surveys": surveys}


def sweep_surveys(now):
    from .surveys import sweep

    return sweep(now)


def recover_stalled(now):
    from django_tasks_db.models import DBTaskResult

    from .tasks import prepare_messages, send_message

    stalled = DBTaskResult.objects.filter(
        status="RUNNING",
        task_path__in=(SEND, PREPARE),
        started_at__lte=now - timedelta(minutes=settings.SEND_STALLED_MINUTES),
    )
    recovered = 0
    for result in stalled:
        args = result.args_kwargs.get("args", [])
        with transaction.atomic():
            if result.task_path == SEND:
                if not _count_lost_attempt(args[0]):
                    continue  # being sent right now by a live worker
                send_message.enqueue(*args)
            else:
                prepare_messages.enqueue(*args)
            DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
                status="FAILED",
                finished_at=now,
                exception_class_path="events.upkeep.WorkerStopped",
                traceback=WORKER_STOPPED,
            )
        recovered += 1
        logger.warning("Task %s (%s) was left running by a stopped worker; queued again.", result.pk, args)
    return recovered


def _count_lost_attempt(message_id):
    """The send of a dead worker was one attempt; False when a live worker holds the message now."""
    from .notifications import _message_note, log

    message = (
        RegistrationMessage.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("registration")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return not RegistrationMessage.objects.filter(pk=message_id).exists()  # locked, or gone
    if message.status != MessageStatus.PENDING:
        return True  # sent, failed or skipped since: the new task will find nothing to do
    message.attempts += 1
    message.last_error = "WorkerStopped: the worker stopped while sending; sent again"
    if message.attempts >= settings.MESSAGE_MAX_ATTEMPTS:
        message.status = MessageStatus.FAILED
        log(message.registration, ActivityAction.MESSAGE_FAILED, "system", _message_note(message))
    message.save(update_fields=["attempts", "last_error", "status"])
    return True


def prune(now):
    from django_tasks_db.models import DBTaskResult

    old = DBTaskResult.objects.filter(
        status__in=("SUCCESSFUL", "FAILED"), finished_at__lt=now - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    )
    count, _by_model = old.delete()
    return count
