"""The worker as its own process: messages queued while no worker runs are all sent once one starts.

The site and `manage.py db_worker` share a SQLite file here (each process its own
connection, as app servers and workers share PostgreSQL in production). About 45 s,
most of it `migrate` on the fresh file.
"""

import os
import subprocess
import sys
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


def test_messages_queued_with_no_worker_are_sent_when_db_worker_starts(tmp_path, inbox):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(inbox.port),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
    }
    assert manage(env, "migrate", "--noinput", "-v0").returncode == 0
    setup = manage(env, "shell", "-c", SETUP)
    assert "registered" in setup.stdout, setup.stderr
    time.sleep(1)
    assert inbox.messages == []  # no worker: nothing sent, all waiting in the queue

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
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
