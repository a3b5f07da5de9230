""" "A new batch opened": telling the Notify-me people (events.interest) when a training in their skill area opens.

Issue 15's machinery, with the interest in place of a registration:

- Publishing a training stores one `announce_new_batch` task in the publish's transaction
  (only when someone is waiting for one of its skill areas). If the training's registration
  opens later, the task waits until then (`run_after`). Either way the worker checks, when it
  runs, that the training is live and takes registrations *now*: nothing is announced that
  did not happen (a draft, a training unpublished again, registration not open).
- The worker creates one `InterestMessage` per person and channel; its unique key
  (interest, training, channel) means a retried task, or the English twin published
  too, creates nothing new: once per person per training.
- Each email is sent by its own task holding the message row locked, retried with the same
  growing wait as the registrants' messages; `notified_at` is set when one was sent.
- Every message carries a signed "stop" link that deletes the interest row (and its messages).

Channels: a WhatsApp message for everyone, sent by a coordinator from the admin's "Messages to
send" (a wa.me link with the text written, marked sent when opened), and email for those who
gave an address.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from home.addresses import page_full_url
from home.forms import whatsapp_link

from .models import (
    EventIndexPage,
    InterestMessage,
    MessageChannel,
    MessageStatus,
    Mode,
    TrainingEvent,
    TrainingInterest,
)
from .notifications import backoff

logger = logging.getLogger(__name__)

STOP_SALT = "events.notify-me-stop"
STOP_LINK_DAYS = 365


# --- the signed "stop telling me" link --------------------------------------------------------


def stop_token(interest):
    # "-" for ":" as in events.notifications.manage_token: Wagtail routes no ":".
    return signing.TimestampSigner(salt=STOP_SALT).sign(str(interest.pk)).replace(":", "-", 2)


def interest_for_token(token):
    parts = (token or "").split("-", 2)
    if len(parts) != 3:
        return None
    try:
        pk = signing.TimestampSigner(salt=STOP_SALT).unsign(":".join(parts), max_age=timedelta(days=STOP_LINK_DAYS))
    except signing.BadSignature:
        return None
    return TrainingInterest.objects.filter(pk=int(pk)).first() if pk.isdigit() else None


def stop_url(interest, language):
    index = EventIndexPage.objects.live().filter(locale__language_code=language).first()
    index = index or EventIndexPage.objects.live().first()
    return page_full_url(index) + index.reverse_subpage("notify_stop", kwargs={"token": stop_token(interest)})


# --- who is waiting for a training ---------------------------------------------------------


def waiting_for(event):
    """Interests in one of the training's skill areas (and its kecamatan, when it meets only in person there)."""
    keys = list(event.skill_areas.values_list("translation_key", flat=True))
    interests = TrainingInterest.objects.filter(skill_area_key__in=keys)
    venue = event.venue if event.venue_id and event.mode == Mode.IN_PERSON else None
    if venue is not None and venue.kecamatan:
        interests = interests.filter(kecamatan__in=(venue.kecamatan, ""))
    return interests


def announce_new_batch(sender, instance, **kwargs):
    """page_published handler: queue the "new batch" task when someone waits for this training's skill areas."""
    from django_tasks import default_task_backend

    from .tasks import prepare_new_batch_messages

    if not isinstance(instance, TrainingEvent):
        return
    event = TrainingEvent.objects.filter(pk=instance.pk).first()
    if event is None or not waiting_for(event).exists():
        return
    now = timezone.now()
    if event.accepts_registrations:
        prepare_new_batch_messages.enqueue(event.pk)
    elif event.registration_opens and event.registration_opens > now and default_task_backend.supports_defer:
        prepare_new_batch_messages.using(run_after=event.registration_opens).enqueue(event.pk)


def is_open(event):
    return event is not None and event.live and event.accepts_registrations


def prepare(event_id):
    event = TrainingEvent.objects.filter(pk=event_id).first()
    if not is_open(event):
        return []  # unpublished again, or registration not (or no longer) open: nothing to announce
    made = []
    with transaction.atomic():
        for interest in waiting_for(event):
            channels = [MessageChannel.WHATSAPP_LINK] + ([MessageChannel.EMAIL] if interest.email else [])
            for channel in channels:
                try:
                    with transaction.atomic():
                        made.append(
                            InterestMessage.objects.create(
                                interest=interest, event=event, event_key=event.translation_key, channel=channel
                            )
                        )
                except IntegrityError:
                    continue  # told already, by an earlier run or through the training's other language
        from .tasks import send_new_batch_message

        for message in made:
            if message.channel == MessageChannel.EMAIL:
                send_new_batch_message.enqueue(message.pk)
    return made


def event_in_language(event, language):
    if event.locale.language_code == language:
        return event
    translated = (
        TrainingEvent.objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=language)
        .first()
    )
    return translated or event


def render(message):
    interest = message.interest
    event = event_in_language(message.event, interest.language)
    with translation.override(interest.language):
        context = {
            "interest": interest,
            "event": event,
            "sessions": event.sorted_sessions,
            "event_url": page_full_url(event),
            "register_url": page_full_url(event) + event.reverse_subpage("register"),
            "stop_url": stop_url(interest, interest.language),
        }
        subject = render_to_string("events/messages/new_batch_subject.txt", context).strip()
        text = render_to_string("events/messages/new_batch_body.txt", context).strip() + "\n"
    return subject, text


def send(message_id):
    """Send one "new batch" email, once; retried after a failure, skipped when the training closed meanwhile."""
    from django_tasks import default_task_backend

    from .tasks import send_new_batch_message

    with transaction.atomic():
        message = (
            InterestMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("interest", "event")
            .filter(pk=message_id)
            .first()
        )
        if message is None or message.status != MessageStatus.PENDING:
            return
        if not is_open(TrainingEvent.objects.filter(pk=message.event_id).first()):
            message.status = MessageStatus.SKIPPED
            message.save(update_fields=["status"])
            return
        message.attempts += 1
        try:
            subject, text = render(message)
            send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [message.interest.email])
        except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
            logger.warning("New-batch message %s failed (attempt %s): %s", message.pk, message.attempts, error)
            message.last_error = f"{type(error).__name__}: {error}"[:300]
            if message.attempts >= settings.MESSAGE_MAX_ATTEMPTS:
                message.status = MessageStatus.FAILED
            message.save(update_fields=["attempts", "last_error", "status"])
            if message.status == MessageStatus.PENDING and default_task_backend.supports_defer:
                run_after = timezone.now() + backoff(message.attempts)
                send_new_batch_message.using(run_after=run_after).enqueue(message.pk)
            return
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at"])
        _mark_notified(message)


def _mark_notified(message):
    TrainingInterest.objects.filter(pk=message.interest_id, notified_at__isnull=True).update(
        notified_at=message.sent_at
    )


def whatsapp_due():
    """The WhatsApp messages a coordinator still has to send, for trainings still open (others are skipped)."""
    rows = []
    pending = InterestMessage.objects.filter(channel=MessageChannel.WHATSAPP_LINK, status=MessageStatus.PENDING)
    for message in pending.select_related("interest__skill_area", "event").order_by("event_id", "created_at")[:200]:
        if is_open(message.event):
            rows.append(message)
        else:
            InterestMessage.objects.filter(pk=message.pk, status=MessageStatus.PENDING).update(
                status=MessageStatus.SKIPPED
            )
    return rows


def mark_whatsapp_sent(message_id):
    """A coordinator opened the wa.me link: the message counts as sent, once. Returns the link, or None."""
    with transaction.atomic():
        message = (
            InterestMessage.objects.select_for_update(of=("self",))
            .select_related("interest", "event")
            .filter(pk=message_id, channel=MessageChannel.WHATSAPP_LINK)
            .first()
        )
        if message is None or message.status != MessageStatus.PENDING:
            return None
        _subject, text = render(message)
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.attempts += 1
        message.save(update_fields=["status", "sent_at", "attempts"])
        _mark_notified(message)
    return whatsapp_link(message.interest.whatsapp, text)
