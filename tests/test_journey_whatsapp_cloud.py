"""The WhatsApp Business Cloud API channel, against a local server that checks each request as the API documents it.

No call leaves the machine: `WHATSAPP_CLOUD_API_BASE` points at an http.server in a
thread of this test, which answers 200 (with a message id), 429, 500 or 400 on demand.
"""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from events.models import (
    ActivityAction,
    MessageChannel,
    MessageKind,
    MessageStatus,
    Registration,
    RegistrationMessage,
    RegistrationStatus,
)
from events.whatsapp_cloud import TEMPLATES

from .events_support import NOW, Taxonomy, english_for, make_event, make_schedule, translate_event
from .journey_support import run_worker
from .test_journey import EN_URL, URL
from .test_registration import day, form_data

pytestmark = pytest.mark.django_db

TOKEN, PHONE_ID, VERSION = "test-token-123", "109876543210", "v21.0"
TEMPLATE_NAMES = {name for name, _names in TEMPLATES.values()}


@pytest.fixture
def event(site_tree, locales, frozen):
    index, _en_index = make_schedule(site_tree, locales)
    return make_event(index, Taxonomy(*locales), [day(10), day(11)], quota=1)


class CloudAPI(BaseHTTPRequestHandler):
    """One POST /{version}/{phone id}/messages, checked; the answer is the next in `server.answers` (else 200)."""

    def do_POST(self):  # noqa: N802 - http.server's name
        server = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        problems = []
        if self.path != f"/{VERSION}/{PHONE_ID}/messages":
            problems.append(f"path {self.path}")
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            problems.append("no bearer token")
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            problems.append("not JSON")
        try:
            data = json.loads(body)
        except ValueError:
            data = {}
            problems.append("body is not JSON")
        template = data.get("template") or {}
        components = template.get("components") or [{}]
        parameters = components[0].get("parameters") or []
        if data.get("messaging_product") != "whatsapp" or data.get("type") != "template":
            problems.append("not a WhatsApp template message")
        if not str(data.get("to", "")).isdigit():
            problems.append(f"to {data.get('to')!r}")
        if template.get("name") not in TEMPLATE_NAMES:
            problems.append(f"template {template.get('name')!r}")
        if (template.get("language") or {}).get("code") not in ("id", "en"):
            problems.append(f"language {template.get('language')!r}")
        if len(components) != 1 or components[0].get("type") != "body" or not parameters:
            problems.append("components")
        for parameter in parameters:
            text = parameter.get("text", "")
            if parameter.get("type") != "text" or not text or "\n" in text or "\t" in text or "     " in text:
                problems.append(f"parameter {parameter!r}")
        with server.lock:
            server.requests.append(data)
            server.problems += problems
            status = 400 if problems else (server.answers.pop(0) if server.answers else 200)
        if status == 200:
            server.sent += 1
            answer = {
                "messaging_product": "whatsapp",
                "contacts": [{"input": data.get("to"), "wa_id": data.get("to")}],
                "messages": [{"id": f"wamid.TEST{server.sent}"}],
            }
        elif status == 400:
            answer = {
                "error": {
                    "message": "(#132001) Template name does not exist in the translation",
                    "type": "OAuthException",
                    "code": 132001,
                    "error_data": {"messaging_product": "whatsapp", "details": "template name not approved"},
                    "fbtrace_id": "AbC",
                }
            }
        else:
            answer = {"error": {"message": "Too many calls" if status == 429 else "Unknown error", "code": 4}}
        content = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args):
        pass


@pytest.fixture
def cloud_api(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), CloudAPI)
    server.requests, server.problems, server.answers, server.sent = [], [], [], 0
    server.lock = threading.Lock()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WHATSAPP_CLOUD_TOKEN, settings.WHATSAPP_CLOUD_PHONE_NUMBER_ID = TOKEN, PHONE_ID
    settings.WHATSAPP_CLOUD_API_BASE = f"http://127.0.0.1:{server.server_port}/"
    settings.WHATSAPP_CLOUD_API_VERSION = VERSION
    settings.WHATSAPP_CLOUD_TIMEOUT = 3
    yield server
    server.shutdown()
    server.server_close()


def api_messages(kind=MessageKind.RECEIVED):
    return RegistrationMessage.objects.filter(channel=MessageChannel.WHATSAPP_API, kind=kind)


def test_each_message_is_sent_once_as_a_template_in_the_registrants_language(client, event, queue, cloud_api):
    translate_event(event, english_for(event))
    client.post(URL, form_data("0812 3456 7001"))
    client.post(EN_URL, form_data("0812 3456 7002", full_name="Budi Santoso"))  # full: waiting, in English
    run_worker()
    run_worker()  # a second run sends nothing more
    assert cloud_api.problems == []
    assert len(cloud_api.requests) == 2
    siti, budi = cloud_api.requests
    assert siti["to"] == "6281234567001" and budi["to"] == "6281234567002"
    assert (siti["template"]["name"], siti["template"]["language"]["code"]) == ("pelatihan_terdaftar", "id")
    assert (budi["template"]["name"], budi["template"]["language"]["code"]) == ("pelatihan_daftar_tunggu", "en")
    values = [p["text"] for p in siti["template"]["components"][0]["parameters"]]
    siti_row = Registration.objects.get(whatsapp="+6281234567001")
    assert values[:3] == ["Siti Aminah", event.title, siti_row.reference]
    assert "WIB" in values[3] and "/daftar/kelola/" in values[5]
    waiting_values = [p["text"] for p in budi["template"]["components"][0]["parameters"]]
    assert waiting_values[3] == "1"  # number 1 on the waiting list
    # The id the API gave is kept; nothing waits in the coordinators' wa.me list.
    assert sorted(api_messages().values_list("provider_id", "status", "attempts")) == [
        ("wamid.TEST1", MessageStatus.SENT, 1),
        ("wamid.TEST2", MessageStatus.SENT, 1),
    ]
    assert not RegistrationMessage.objects.filter(channel=MessageChannel.WHATSAPP_LINK).exists()


def test_a_429_is_retried_after_a_wait_and_delivered_once(client, event, queue, cloud_api, time_machine):
    cloud_api.answers = [429]
    client.post(URL, form_data())
    run_worker()
    message = api_messages().get()
    assert (message.status, message.attempts, cloud_api.sent) == (MessageStatus.PENDING, 1, 0)
    assert "429" in message.last_error
    time_machine.move_to(NOW + timedelta(minutes=2))
    run_worker()
    run_worker()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.provider_id) == (MessageStatus.SENT, 2, "wamid.TEST1")
    assert cloud_api.sent == 1 and len(cloud_api.requests) == 2 and cloud_api.problems == []
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_a_500_every_time_fails_after_the_retry_limit_and_coordinators_see_it(
    admin_client, client, event, queue, cloud_api, settings, time_machine
):
    settings.MESSAGE_MAX_ATTEMPTS = 3
    cloud_api.answers = [500] * 10
    client.post(URL, form_data())
    for minutes in (0, 2, 5, 10):
        time_machine.move_to(NOW + timedelta(minutes=minutes))
        run_worker()
    message = api_messages().get()
    assert (message.status, message.attempts, len(cloud_api.requests)) == (MessageStatus.FAILED, 3, 3)
    assert "HTTP 500" in message.last_error
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED  # the state it announced stands
    assert registration.activities.filter(action=ActivityAction.MESSAGE_FAILED).count() == 1
    outbox = admin_client.get("/admin/registrations/pesan/").content.decode()
    assert "HTTP 500" in outbox and registration.reference in outbox
    page = admin_client.get(f"/admin/registrations/{registration.pk}/status/").content.decode()
    assert "HTTP 500" in page


def test_a_400_fails_at_once_with_the_apis_reason(admin_client, client, event, queue, cloud_api):
    cloud_api.answers = [400]
    client.post(URL, form_data())
    run_worker()
    message = api_messages().get()
    assert (message.status, message.attempts, len(cloud_api.requests)) == (MessageStatus.FAILED, 1, 1)
    assert "#132001" in message.last_error and "template name not approved" in message.last_error
    run_worker()
    assert len(cloud_api.requests) == 1  # never tried again
    outbox = admin_client.get("/admin/registrations/pesan/").content.decode()
    assert "#132001" in outbox


def test_without_the_settings_whatsapp_messages_wait_in_the_coordinators_list(client, event, queue, settings):
    assert settings.WHATSAPP_CLOUD_TOKEN == "" and settings.WHATSAPP_CLOUD_PHONE_NUMBER_ID == ""
    client.post(URL, form_data())
    run_worker()
    assert not api_messages().exists()
    waiting = RegistrationMessage.objects.get(channel=MessageChannel.WHATSAPP_LINK, kind=MessageKind.RECEIVED)
    assert waiting.status == MessageStatus.PENDING


def test_an_api_message_still_waiting_when_the_api_is_switched_off_goes_to_the_coordinators_list(
    client, event, queue, cloud_api, settings, time_machine
):
    cloud_api.answers = [500]
    client.post(URL, form_data())
    run_worker()
    assert api_messages().get().status == MessageStatus.PENDING  # to be tried again
    settings.WHATSAPP_CLOUD_TOKEN = ""
    time_machine.move_to(NOW + timedelta(minutes=2))
    run_worker()
    assert len(cloud_api.requests) == 1
    message = RegistrationMessage.objects.get(kind=MessageKind.RECEIVED)
    assert (message.channel, message.status) == (MessageChannel.WHATSAPP_LINK, MessageStatus.PENDING)
