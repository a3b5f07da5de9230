"""WhatsApp Business Cloud API: messages the worker sends itself, as approved templates.

On only when `WHATSAPP_CLOUD_TOKEN` and `WHATSAPP_CLOUD_PHONE_NUMBER_ID` are set; then
every WhatsApp message is created on this channel instead of the coordinators' wa.me
list. A message a business starts must use a template approved in Meta's manager, so
each kind of message maps to one template name and its body parameters, in order
(`TEMPLATES`; the README lists them for the operator who creates the templates).

The call is `POST {base}/{version}/{phone number id}/messages` with a bearer token and
a JSON body; the answer carries the message's id ("wamid.…"), kept on the row. An
answer that may succeed later (429, 5xx, a timeout, no connection, or one of Meta's
throttling error codes) raises `TryLater`; any other refusal (an invalid number, a
template not approved) raises `Refused` with the API's own error, shown to coordinators.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from home.formats import format_moment
from home.forms import whatsapp_link

from .models import MessageKind

logger = logging.getLogger(__name__)


class TryLater(Exception):
    """The API could not take the message now: retried after the usual wait."""


class Refused(Exception):
    """The API refused the message for good: it is failed at once, with the API's reason."""


# Meta answers some throttling and outages with HTTP 400 and one of these codes
# (rate limits 4, 80007, 130429; spam and pair rate limits 131048, 131056; service
# unavailable 1, 2, 131000, 131016, 133004): those are tried again like a 429.
RETRYABLE_ERROR_CODES = {1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004}

# (kind, confirmed?) → (template name, body parameters in order). A `None` confirmed
# means the same template whatever the status.
TEMPLATES = {
    (MessageKind.RECEIVED, True): ("pelatihan_terdaftar", ("name", "training", "reference", "when", "where", "link")),
    (MessageKind.RECEIVED, False): ("pelatihan_daftar_tunggu", ("name", "training", "reference", "position", "link")),
    (MessageKind.PROMOTED, None): ("pelatihan_naik", ("name", "training", "reference", "when", "where", "link")),
    (MessageKind.REMINDER, None): ("pelatihan_pengingat", ("name", "training", "when", "where", "link")),
    (MessageKind.CHANGED, None): ("pelatihan_perubahan", ("name", "training", "changes", "link")),
    (MessageKind.CANCELLED, None): ("pelatihan_batal", ("name", "training", "reference", "link")),
    (MessageKind.CERTIFICATE, None): ("pelatihan_sertifikat", ("name", "training", "certificate", "verification")),
    (MessageKind.SURVEY, None): ("pelatihan_survei", ("name", "training", "months", "survey")),
    (MessageKind.SURVEY_REMINDER, None): ("pelatihan_survei_pengingat", ("name", "training", "survey")),
}

# A template parameter may not hold line breaks, tabs or long runs of spaces, nor be empty.
PARAMETER_LIMIT = 1000


def enabled():
    return bool(settings.WHATSAPP_CLOUD_TOKEN and settings.WHATSAPP_CLOUD_PHONE_NUMBER_ID)


def endpoint():
    base = settings.WHATSAPP_CLOUD_API_BASE.rstrip("/")
    return f"{base}/{settings.WHATSAPP_CLOUD_API_VERSION}/{settings.WHATSAPP_CLOUD_PHONE_NUMBER_ID}/messages"


def template_for(kind, confirmed):
    return TEMPLATES.get((kind, confirmed)) or TEMPLATES[(kind, None)]


def _parameter(text):
    text = " ".join(str(text).split())[:PARAMETER_LIMIT]
    return {"type": "text", "text": text or "–"}


def parameters(context):
    """The values a template's body parameters name, in the registrant's language (active here)."""
    event, registration = context["event"], context["registration"]
    sessions = context["sessions"]
    details = context["details"] or {}
    venue = context["venue"]
    if event.is_online:
        where = _("Online")
    else:
        where = f"{venue.name}, {venue.full_address}" if venue else "–"
    changes = "; ".join(f"{c['label']}: {c['old']} → {c['new']}" for c in details.get("changes", []))
    if event.status_notice:
        changes = f"{changes}. {event.status_notice}" if changes else event.status_notice
    return {
        "name": registration.full_name,
        "training": event.title,
        "reference": registration.reference,
        "when": format_moment(sessions[0].start) if sessions else "–",
        "where": where,
        "position": str(context["position"] or "–"),
        "changes": changes,
        "link": context["manage_url"],
        "certificate": context["certificate_url"],
        "verification": context["verification_url"],
        "months": str(context["survey_months"] or "–"),
        "survey": context["survey_url"],
    }


def payload(message, context):
    """The request body the API documents for a template message."""
    registration = message.registration
    name, names = template_for(message.kind, context["confirmed"])
    with translation.override(registration.language):
        values = parameters(context)
    language = settings.WHATSAPP_CLOUD_LANGUAGES.get(registration.language, registration.language)
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        # The number as wa.me takes it: country code and digits, no "+".
        "to": whatsapp_link(registration.whatsapp).removeprefix("https://wa.me/"),
        "type": "template",
        "template": {
            "name": name,
            "language": {"code": language},
            "components": [{"type": "body", "parameters": [_parameter(values[n]) for n in names]}],
        },
    }


def _error_text(status, body):
    """The API's own words for a refusal: "(#131026) Message undeliverable: details"."""
    try:
        error = json.loads(body).get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    if not error:
        return error, f"HTTP {status}: {body[:200].decode('utf-8', 'replace') if body else ''}".strip()
    details = (error.get("error_data") or {}).get("details", "")
    text = f"HTTP {status} (#{error.get('code', '?')}) {error.get('message', '')}"
    return error, f"{text}: {details}" if details else text


def send(body):
    """POST one message; its id on success. Raises TryLater or Refused."""
    request = urllib.request.Request(
        endpoint(),
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {settings.WHATSAPP_CLOUD_TOKEN}",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.WHATSAPP_CLOUD_TIMEOUT) as response:
            answer = response.read()
    except urllib.error.HTTPError as error:
        status, content = error.code, error.read()
        details, text = _error_text(status, content)
        if status == 429 or status >= 500 or details.get("code") in RETRYABLE_ERROR_CODES:
            raise TryLater(text) from None
        raise Refused(text) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:  # no connection, or too slow
        raise TryLater(f"{type(error).__name__}: {error}") from None
    try:
        ids = [item.get("id", "") for item in json.loads(answer).get("messages", [])]
    except (ValueError, AttributeError):
        ids = []
    if not ids or not ids[0]:
        # Accepted (2xx) without an id: sending it again could deliver it twice, so it counts as sent.
        logger.warning("WhatsApp Cloud API accepted a message without an id: %r", answer[:200])
        return ""
    return ids[0]
