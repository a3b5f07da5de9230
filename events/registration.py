"""Seat allocation: who gets a place, who waits, and who moves up.

Every change that can take or free a place runs in one transaction that first
locks the training's row (SELECT … FOR UPDATE). Two people submitting in the
same instant are therefore counted one after the other, and the number of
confirmed registrations can never pass the quota. SQLite has no row locks, but
it lets only one transaction write at a time, which gives the same order.
"""

import logging
from typing import NamedTuple

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Registration, RegistrationStatus, TrainingEvent

logger = logging.getLogger(__name__)


class RegistrationRefused(Exception):
    """A coordinator's action that would break a rule (for example, confirming past the quota)."""


class Outcome(NamedTuple):
    """What the public form's save hands back (home.public_forms): the registration, and whether it is new."""

    registration: Registration
    created: bool


def _locked():
    # of=("self",) locks only the training's own row, not the shared wagtailcore_page row,
    # so editors saving other pages are never held up by registrations.
    # translation_key: the page cache learns from it which training's places changed, without a query.
    return TrainingEvent.objects.select_for_update(of=("self",)).only("pk", "quota", "places_taken", "translation_key")


def _lock(event_id):
    return _locked().get(pk=event_id)


def _confirmed_count(event_id):
    return Registration.objects.filter(event_id=event_id, status=RegistrationStatus.CONFIRMED).count()


def _has_place(event, event_id):
    return event.places_taken + _confirmed_count(event_id) < event.quota


def register(event, data, language):
    """Register a person (form data) for `event`; a number already registered gets its registration back.

    Returns an Outcome; `created` is False when this WhatsApp number was already registered.
    """
    try:
        with transaction.atomic():
            # The original page of the training, found and locked in one query.
            locked = _locked().filter(translation_key=event.translation_key).order_by("pk").first()
            event_id = locked.pk
            existing = Registration.objects.filter(event_id=event_id, whatsapp=data["whatsapp"]).first()
            if existing is not None:
                return Outcome(existing, created=False)
            status = RegistrationStatus.CONFIRMED if _has_place(locked, event_id) else RegistrationStatus.WAITLISTED
            now = timezone.now()
            registration = Registration.objects.create(
                event=locked,
                status=status,
                created_at=now,
                status_changed_at=now,
                consent_at=now,
                language=language,
                **{name: data.get(name) or default for name, default in _PERSONAL_FIELDS.items()},
            )
    except IntegrityError:
        # Only reachable without a row lock (a database without SELECT … FOR UPDATE):
        # the same number won the race, so hand back the registration that won.
        existing = Registration.objects.filter(
            event__translation_key=event.translation_key, whatsapp=data["whatsapp"]
        ).first()
        if existing is None:
            raise
        return Outcome(existing, created=False)
    return Outcome(registration, created=True)


_PERSONAL_FIELDS = {
    "full_name": "",
    "whatsapp": "",
    "email": "",
    "date_of_birth": None,
    "kecamatan": "",
    "kelurahan": "",
    "education": "",
    "motivation": "",
}


def _set_status(registration, status):
    registration.status = status
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at"])


def _first_waiting(event_id):
    return (
        Registration.objects.filter(event_id=event_id, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )


def cancel(registration):
    """Cancel a registration; a place it frees goes to the first on the waiting list (returned, or None)."""
    with transaction.atomic():
        locked = _lock(registration.event_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        _set_status(registration, RegistrationStatus.CANCELLED)
        return _fill_places(locked)


def _fill_places(locked):
    """Move people up from the waiting list while there are places; the last one moved up is returned."""
    promoted = None
    while _has_place(locked, locked.pk):
        waiting = _first_waiting(locked.pk)
        if waiting is None:
            break
        _set_status(waiting, RegistrationStatus.CONFIRMED)
        promoted = waiting
    return promoted


def promote(event_id):
    """Give free places to the first on the waiting list (after a quota was raised, say); returns the last moved up."""
    with transaction.atomic():
        return _fill_places(_lock(event_id))


def confirm(registration):
    """Confirm one waiting or cancelled registration, if there is a place for it."""
    with transaction.atomic():
        locked = _lock(registration.event_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CONFIRMED:
            return registration
        if not _has_place(locked, locked.pk):
            raise RegistrationRefused("full")
        _set_status(registration, RegistrationStatus.CONFIRMED)
        return registration


def send_confirmation(registration, event, confirmation_url):
    """Email the registrant in the language they registered in; a mail failure never loses the registration."""
    if not registration.email:
        return False
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "position": registration.waiting_position(),
            "confirmation_url": confirmation_url,
        }
        subject = render_to_string("events/email/registration_subject.txt", context).strip()
        body = render_to_string("events/email/registration_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    except Exception:  # noqa: BLE001 - the registration is stored; the page shows the same facts
        logger.exception("Could not send the registration email for %s", registration.reference)
        return False
    return True
