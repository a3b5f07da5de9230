"""Messages to registrants: what is said, on which channel, exactly once.

The change that causes a message (a registration, a cancellation, a promotion, a
published change of schedule) stores one `prepare_messages` task in its own
transaction: the database queue (django-tasks-db) is a table, so the task exists
if and only if the change was committed. The worker then creates one
`RegistrationMessage` per channel, whose unique key (registration, kind, channel,
key) means a retried or doubled task creates nothing new, and sends each email
through `send_message`, which holds the message's row locked while it sends, so
two workers never send the same one and a worker killed halfway leaves it
pending for the next attempt (events.upkeep queues it again). WhatsApp messages go
through the WhatsApp Business Cloud API when it is configured (events.whatsapp_cloud),
sent by the worker like emails; otherwise they wait in the coordinators' list
("messages to send"), each a wa.me link with the text in the registrant's
language, marked sent when the coordinator opens it.

Reminders are messages due later: their send task is stored with `run_after` at
the reminder's time, so no cron job or periodic command is needed (and `make run`
runs them like everything else). When their time comes the send task checks that
they still hold (the person is confirmed, the first session has not moved) and
skips them otherwise; a moved training gets new reminders with its change notice.
"""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from home.addresses import page_full_url
from home.forms import whatsapp_link
from home.localized import localized_snippets
from home.timezones import WIB

from . import whatsapp_cloud
from .models import (
    WORKER_CHANNELS,
    ActivityAction,
    MessageChannel,
    MessageKind,
    MessageStatus,
    Registration,
    RegistrationActivity,
    RegistrationMessage,
    RegistrationStatus,
)
from .surveys import SURVEY_KINDS, round_of, still_asks, survey_url

logger = logging.getLogger(__name__)

TOKEN_SALT = "events.manage-registration"


# --- the signed link to "manage my registration" -----------------------------------------


def manage_token(registration):
    """A signed, timestamped token naming one registration: the link in every message, no password needed.

    Django's "REFERENCE:timestamp:signature" with "-" for ":", because Wagtail routes
    only letters, digits, "_" and "-" in a path; neither the reference nor the
    timestamp contains "-", so the first two are the separators.
    """
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(registration.reference).replace(":", "-", 2)


def registration_for_token(token):
    """The reference a token names, or None when it is forged, altered or expired."""
    parts = (token or "").split("-", 2)
    if len(parts) != 3:
        return None
    try:
        return signing.TimestampSigner(salt=TOKEN_SALT).unsign(
            ":".join(parts), max_age=timedelta(days=settings.REGISTRATION_LINK_DAYS)
        )
    except signing.BadSignature:  # SignatureExpired is one
        return None


def event_in_language(registration):
    """The training's page in the registrant's language (the original page when it has no live translation)."""
    event = registration.event
    if event.locale.language_code != registration.language:
        translated = (
            type(event).objects.live().filter(translation_key=event.translation_key).exclude(pk=event.pk).first()
        )
        if translated is not None and translated.locale.language_code == registration.language:
            return translated
    return event


def manage_url(registration, event=None):
    event = event or event_in_language(registration)
    # On the public address (home.addresses): the link is opened from a phone, far from this request.
    return page_full_url(event) + event.reverse_subpage("manage", kwargs={"token": manage_token(registration)})


# --- what the change that causes a message stores ----------------------------------------


def log(registration, action, actor, note=""):
    RegistrationActivity.objects.create(registration=registration, action=action, actor=actor, note=note[:300])


def announce(registration_id, kind, key="", details=None):
    """Store the task that prepares a message, in the caller's transaction: it is sent only if that commits."""
    from .tasks import prepare_messages

    prepare_messages.enqueue(registration_id, kind, key, details or {})


# --- what the worker does --------------------------------------------------------------------


def channels_for(registration):
    channels = [MessageChannel.WHATSAPP_API if whatsapp_cloud.enabled() else MessageChannel.WHATSAPP_LINK]
    if registration.email:
        channels.insert(0, MessageChannel.EMAIL)
    return channels


def reminder_times(start, now):
    """When reminders before a first session at `start` are due: N days before, and the evening before (18:00 WIB)."""
    times = [start - timedelta(days=days) for days in settings.REGISTRATION_REMINDER_DAYS]
    if settings.REGISTRATION_REMINDER_EVENING_BEFORE:
        eve = start.astimezone(WIB).date() - timedelta(days=1)
        times.append(datetime.combine(eve, time(18, 0), tzinfo=WIB))
    return sorted({moment for moment in times if now < moment < start})


def create_messages(registration, kind, key="", details=None, due_at=None):
    """One message per channel for this registration; those that already exist are left alone. Returns the new ones."""
    created = []
    for channel in channels_for(registration):
        try:
            with transaction.atomic():
                created.append(
                    RegistrationMessage.objects.create(
                        registration=registration,
                        kind=kind,
                        channel=channel,
                        key=key,
                        details=details or {},
                        due_at=due_at or timezone.now(),
                    )
                )
        except IntegrityError:
            continue  # made by an earlier run of the same task
    return created


def schedule_reminders(registration, now=None):
    now = now or timezone.now()
    start = registration.event.schedule_start
    if start is None:
        return []
    made = []
    for due in reminder_times(start, now):
        made += create_messages(registration, MessageKind.REMINDER, key=reminder_key(start, due), due_at=due)
    return made


def reminder_key(start, due):
    # Whole seconds since the epoch: ISO times with microseconds overflow the key's 64 characters.
    return f"{_stamp(start)}|{_stamp(due)}"


def _stamp(moment):
    return str(int(moment.timestamp()))


def enqueue_sending(messages):
    from django_tasks import default_task_backend

    from .tasks import send_message

    for message in messages:
        if message.channel not in WORKER_CHANNELS:
            continue
        if message.due_at <= timezone.now():
            send_message.enqueue(message.pk)
        elif default_task_backend.supports_defer:
            send_message.using(run_after=message.due_at).enqueue(message.pk)
        # (A backend that cannot wait, such as the immediate one of the tests, sends no reminders.)


def prepare(registration_id, kind, key="", details=None):
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.anonymised:
        return
    with transaction.atomic():
        made = create_messages(registration, kind, key, details)
        if kind in (MessageKind.RECEIVED, MessageKind.PROMOTED) or (kind == MessageKind.CHANGED and key):
            made += schedule_reminders(registration)
        enqueue_sending(made)


def still_holds(message):
    """Whether a message is still true when it is sent; a reminder is not once cancelled or moved."""
    registration = message.registration
    if registration.anonymised:
        return False
    if message.kind == MessageKind.CERTIFICATE:
        from .models import Certificate

        return Certificate.objects.filter(number=message.key, revoked_at__isnull=True).exists()
    if message.kind in SURVEY_KINDS:
        return still_asks(message)
    if message.kind == MessageKind.REMINDER:
        start = registration.event.schedule_start
        return (
            registration.status == RegistrationStatus.CONFIRMED
            and registration.event.status != "dibatalkan"  # Status.CANCELLED: no reminder of a cancelled training
            and start is not None
            and message.key.startswith(_stamp(start) + "|")
            and timezone.now() < start
        )
    return True


def message_context(message):
    """What a message says, whatever its channel: the training in the registrant's language, sessions, place."""
    registration = message.registration
    event = event_in_language(registration)
    with translation.override(registration.language):
        venue = localized_snippets([event.venue], event.locale_id)[0] if event.has_venue else None
        return {
            "registration": registration,
            "kind": message.kind,
            "event": event,
            "sessions": event.sorted_sessions,
            "venue": venue,
            "position": registration.waiting_position(),
            "confirmed": registration.status == RegistrationStatus.CONFIRMED,
            "waiting": registration.status == RegistrationStatus.WAITLISTED,
            "manage_url": manage_url(registration, event),
            "details": message.details,
            "certificate_url": _certificate_url(message),
            "verification_url": _certificate_url(message, verification=True),
            "survey_url": _survey_url(message, event),
            "survey_months": round_of(message),
        }


def render(message, context=None):
    """(subject, text) of a message, in the registrant's language."""
    context = context or message_context(message)
    with translation.override(message.registration.language):
        subject = render_to_string("events/messages/subject.txt", context).strip()
        text = render_to_string("events/messages/body.txt", context).strip() + "\n"
    return subject, text


def _certificate_url(message, verification=False):
    """For a certificate message (its key is the number): the certificate, or its check, in the holder's language."""
    if message.kind != MessageKind.CERTIFICATE or not message.key:
        return ""
    from .certificates import print_url, verification_url

    make = verification_url if verification else print_url
    return make(message.key, message.registration.language)


def _survey_url(message, event):
    months = round_of(message)
    return survey_url(message.registration, months, event) if months is not None else ""


class Deliverer:
    """Delivery on one channel; raises on failure (the caller retries)."""

    @staticmethod
    def email(message, context):
        subject, text = render(message, context)
        # The same Message-ID on every attempt: a copy sent again after a worker died just after
        # the mail server accepted it (README, "The worker") is recognisably the same message.
        headers = {"Message-ID": message_id_header(message)}
        EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [message.registration.email], headers=headers).send()
        return ""

    @staticmethod
    def whatsapp_api(message, context):
        return whatsapp_cloud.send(whatsapp_cloud.payload(message, context))


def message_id_header(message):
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
    return f"<pesan-{message.pk}.{int(message.created_at.timestamp())}@{domain}>"


def backoff(attempts):
    """Minutes to wait after the n-th failed attempt: 1, 2, 4, 8, … at most an hour."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def _retry_later(message):
    """Queue the next attempt in this same transaction, so a failure recorded is never a retry lost."""
    from django_tasks import default_task_backend

    from .tasks import send_message

    if default_task_backend.supports_defer:
        send_message.using(run_after=timezone.now() + backoff(message.attempts)).enqueue(message.pk)


def send(message_id):
    """Send one message (email or Cloud API), once: one already sent, or being sent by another worker, is left alone.

    A failure that may pass (a mail server down, the API's 429 or 5xx, a timeout) is
    retried after a growing wait, up to MESSAGE_MAX_ATTEMPTS; the API's refusal of the
    message itself (an invalid number, a template not approved) fails it at once. Either
    way the error is kept on the row for coordinators, and nothing else is undone.
    """
    with transaction.atomic():
        # skip_locked: a second worker holding it is sending it now; leave it to that one.
        # of=self: only the message row, never the training (registrations lock that one).
        message = (
            RegistrationMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("registration__event")
            .filter(pk=message_id)
            .first()
        )
        if message is None or message.status != MessageStatus.PENDING:
            return
        if not still_holds(message):
            message.status = MessageStatus.SKIPPED
            message.save(update_fields=["status"])
            return
        if message.channel == MessageChannel.WHATSAPP_API and not whatsapp_cloud.enabled():
            # The API was switched off since: the coordinators send it from their phones (once).
            twin = RegistrationMessage.objects.filter(
                registration_id=message.registration_id,
                kind=message.kind,
                key=message.key,
                channel=MessageChannel.WHATSAPP_LINK,
            )
            if twin.exists():
                message.status = MessageStatus.SKIPPED
            else:
                message.channel = MessageChannel.WHATSAPP_LINK
            message.save(update_fields=["channel", "status"])
            return
        message.attempts += 1
        try:
            context = message_context(message)
            deliver = Deliverer.whatsapp_api if message.channel == MessageChannel.WHATSAPP_API else Deliverer.email
            provider_id = deliver(message, context)
        except Exception as error:  # noqa: BLE001 - any failure of the mail server or the API is recorded
            logger.warning("Message %s failed (attempt %s): %s", message.pk, message.attempts, error)
            message.last_error = f"{type(error).__name__}: {error}"[:300]
            if isinstance(error, whatsapp_cloud.Refused) or message.attempts >= settings.MESSAGE_MAX_ATTEMPTS:
                message.status = MessageStatus.FAILED
                log(message.registration, ActivityAction.MESSAGE_FAILED, "system", _message_note(message))
            message.save(update_fields=["attempts", "last_error", "status"])
            if message.status == MessageStatus.PENDING:
                _retry_later(message)
            return
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.provider_id = provider_id or ""
        message.save(update_fields=["attempts", "status", "sent_at", "provider_id"])
        log(message.registration, ActivityAction.MESSAGE_SENT, "system", _message_note(message))


def _message_note(message):
    return f"{message.get_kind_display()} · {message.get_channel_display()}"


def whatsapp_message_link(message):
    """The wa.me link that opens the coordinator's WhatsApp with the message written in the registrant's language."""
    _subject, text = render(message)
    return whatsapp_link(message.registration.whatsapp, text)


def mark_whatsapp_sent(message, user):
    """A coordinator opened the message's wa.me link: it counts as sent (once)."""
    with transaction.atomic():
        locked = RegistrationMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status != MessageStatus.PENDING:
            return False
        locked.status = MessageStatus.SENT
        locked.sent_at = timezone.now()
        locked.attempts += 1
        locked.save(update_fields=["status", "sent_at", "attempts"])
        log(locked.registration, ActivityAction.MESSAGE_SENT, user.get_username(), _message_note(locked))
    return True
