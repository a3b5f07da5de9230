"""The registrants' journey in tests: the real database queue, a real SMTP server (aiosmtpd), the worker."""

import email
import socket
import threading
from email.policy import default as default_policy
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts; `fail` makes it answer 451 instead."""

    def __init__(self):
        self.messages = []
        self.fail = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail:
                self.fail -= 1
                return "451 Try again later"
            parsed = email.message_from_bytes(envelope.content, policy=default_policy)
            self.messages.append(
                {"to": envelope.rcpt_tos, "subject": str(parsed["subject"]), "body": parsed.get_content()}
            )
        return "250 OK"

    def to(self, address):
        return [message for message in self.messages if address in message["to"]]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port, with Django's SMTP backend pointed at it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_TIMEOUT = 5
    yield inbox
    controller.stop()


@pytest.fixture
def queue(settings):
    """The database queue the site runs on (the rest of the suite runs tasks at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker():
    """What `manage.py db_worker` does, in this process and this test's transaction: every task due, then stop.

    The worker drops connections it finds outside autocommit (close_old_connections), which
    inside a test's transaction would be the test's own on PostgreSQL: that check is left
    out here, and kept in tests/test_journey_worker.py, where the worker is its own process.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def pending_tasks(prefix="events.tasks."):
    """Tasks waiting in the queue (by default the events app's; Wagtail's index updates wait there too)."""
    from django_tasks_db.models import DBTaskResult

    # Not the completion task a published training stores for the end of its last session (events.completion).
    waiting = DBTaskResult.objects.filter(status="READY", task_path__startswith=prefix)
    return waiting.exclude(task_path="events.tasks.compute_completion").count()
