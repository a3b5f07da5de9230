"""The worker as its own process: messages queued while no worker runs are all sent once one starts;
a worker killed (SIGKILL) while the mail server holds its message: what arrives, and how often.

The site and `manage.py db_worker` share a SQLite file here (each process its own
connection, as app servers and workers share PostgreSQL in production). About 45 s,
most of it `migrate` on the fresh file.
"""

import asyncio
import email
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .journey_support import Inbox, free_port

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Locale, Site
from events.models import EventIndexPage
from events.registration import register
from tests.events_support import Taxonomy, make_event

id_locale = Locale.objects.get(language_code="id")
en_locale = Locale.objects.get_or_create(language_code="en")[0]
taxonomy = Taxonomy(id_locale, en_locale)
index = EventIndexPage(title="Jadwal", slug="jadwal-uji", intro="Uji.")
Site.objects.get(is_default_site=True).root_page.add_child(instance=index)
start = timezone.now().replace(microsecond=0) + timedelta(days=10)
event = make_event(index, taxonomy, [(start, start + timedelta(hours=4))], quota=2)
for n in range(3):
    register(event, {"full_name": f"Peserta {n}", "whatsapp": f"+62812345670{n:02}",
                     "email": f"peserta{n}@example.org", "kecamatan": "pahandut"}, "id")
print("registered")
"""

CHECK = """
from events.models import RegistrationMessage
print(sorted(RegistrationMessage.objects.filter(channel="email", kind="diterima").values_list("status", "attempts")))
"""


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, **kwargs
    )


@pytest.fixture
def inbox():
    from aiosmtpd.controller import Controller

    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    yield handler
    controller.stop()


def site_env(database, port, tmp_path):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
    }


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """One migrated SQLite file for the module (migrate takes most of a minute); each test copies it."""
    directory = tmp_path_factory.mktemp("migrated")
    database = directory / "site.sqlite3"
    done = manage(site_env(database, 25, directory), "migrate", "--noinput", "-v0")
    assert done.returncode == 0, done.stderr[-2000:]
    return database


@pytest.fixture
def database(migrated, tmp_path):
    copy = tmp_path / "site.sqlite3"
    shutil.copyfile(migrated, copy)
    return copy


def start_worker(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_messages_queued_with_no_worker_are_sent_when_db_worker_starts(tmp_path, database, inbox):
    env = site_env(database, inbox.port, tmp_path)
    setup = manage(env, "shell", "-c", SETUP)
    assert "registered" in setup.stdout, setup.stderr
    time.sleep(1)
    assert inbox.messages == []  # no worker: nothing sent, all waiting in the queue

    worker = start_worker(env)
    try:
        deadline = time.monotonic() + 90
        while len(inbox.messages) < 3 and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.3)
        time.sleep(1)  # anything more it would send
    finally:
        worker.terminate()
        _out, errors = worker.communicate(timeout=30)
    assert sorted(address for message in inbox.messages for address in message["to"]) == [
        "peserta0@example.org",
        "peserta1@example.org",
        "peserta2@example.org",
    ], errors[-2000:]
    bodies = {message["to"][0]: message["body"] for message in inbox.messages}
    assert "Anda terdaftar" in bodies["peserta0@example.org"]
    assert "daftar tunggu" in bodies["peserta2@example.org"]  # quota 2: the third waits
    assert manage(env, "shell", "-c", CHECK).stdout.strip().splitlines()[-1] == str([("terkirim", 1)] * 3)


# --- A worker killed halfway ---------------------------------------------------------------

STATE = """
from django_tasks_db.models import DBTaskResult
from events.models import Registration, RegistrationMessage
m = RegistrationMessage.objects.get(channel="email", kind="diterima")
sends = DBTaskResult.objects.filter(task_path="events.tasks.send_message")
print([m.status, m.attempts, Registration.objects.get().status,
       sorted(r.status for r in sends if r.args_kwargs["args"] == [m.pk])])
"""

ONE = SETUP.replace("for n in range(3):", "for n in range(1):")


class StallingInbox(Inbox):
    """Holds the first message's DATA without answering until `release` (a mail server gone slow).

    `accept_first`: it has already taken that message (it will deliver it) when it stalls,
    which is the one moment a killed worker cannot know whether its message went out.
    """

    def __init__(self, accept_first):
        super().__init__()
        self.accept_first = accept_first
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if not self.stalled.is_set():
            self.stalled.set()
            if self.accept_first:
                self._keep(envelope)
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Too late"
        self._keep(envelope)
        return "250 OK"

    def _keep(self, envelope):
        parsed = email.message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append({"to": envelope.rcpt_tos, "message_id": parsed["Message-ID"]})


def killed_while_sending(tmp_path, database, accept_first):
    """Register one person; a worker starts sending, is killed with SIGKILL; then a new worker runs."""
    from aiosmtpd.controller import Controller

    handler = StallingInbox(accept_first)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    env = {**site_env(database, port, tmp_path), "SEND_STALLED_MINUTES": "0"}
    try:
        assert "registered" in manage(env, "shell", "-c", ONE).stdout
        first = start_worker(env)
        assert handler.stalled.wait(90), "the worker never reached the mail server"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        after_kill = manage(env, "shell", "-c", STATE).stdout.strip().splitlines()[-1]
        handler.release.set()
        assert manage(env, "schedule_upkeep").returncode == 0  # as make run does before starting the worker
        second = start_worker(env)
        try:
            deadline = time.monotonic() + 90
            wanted = 2 if accept_first else 1
            while len(handler.messages) < wanted and time.monotonic() < deadline and second.poll() is None:
                time.sleep(0.3)
            time.sleep(2)  # anything more it would send
        finally:
            second.terminate()
            _out, errors = second.communicate(timeout=30)
        final = manage(env, "shell", "-c", STATE).stdout.strip().splitlines()[-1]
    finally:
        handler.release.set()
        controller.stop()
    return after_kill, final, handler.messages, errors


def test_a_worker_killed_while_the_mail_server_holds_the_message_leaves_it_to_the_next_worker_which_sends_it_once(
    tmp_path, database
):
    after_kill, final, received, errors = killed_while_sending(tmp_path, database, accept_first=False)
    # Killed mid-send: nothing recorded, the registration as it was, the send task left "running".
    assert after_kill == str(["antre", 0, "terdaftar", ["RUNNING"]])
    # The next worker's upkeep queues it again: it arrives once, the lost try counted as an attempt.
    assert len(received) == 1 and received[0]["to"] == ["peserta0@example.org"], errors[-2000:]
    assert final == str(["terkirim", 2, "terdaftar", ["FAILED", "SUCCESSFUL"]])


def test_a_worker_killed_after_the_mail_server_took_the_message_sends_it_again_with_the_same_message_id(
    tmp_path, database
):
    """The honest limit: at least once. Killed between the server's acceptance and the commit, the
    worker cannot know the message went out; it is sent again, with the same Message-ID."""
    after_kill, final, received, errors = killed_while_sending(tmp_path, database, accept_first=True)
    assert after_kill == str(["antre", 0, "terdaftar", ["RUNNING"]])
    assert len(received) == 2, errors[-2000:]
    assert received[0]["message_id"] == received[1]["message_id"] and received[0]["message_id"].startswith("<pesan-")
    assert final == str(["terkirim", 2, "terdaftar", ["FAILED", "SUCCESSFUL"]])
