"""Seat allocation: who gets a place, who waits, and who moves up.

Every change that can take or free a place runs in one transaction that first
locks the training's row (SELECT … FOR UPDATE). Two people submitting in the
same instant are therefore counted one after the other, and the number of
confirmed registrations can never pass the quota. SQLite has no row locks, but
it lets only one transaction write at a time, which gives the same order.
"""

from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from .models import ActivityAction, MessageKind, Registration, RegistrationStatus, TrainingEvent
from .notifications import announce, log
from .surveys import forget as forget_answers
from .surveys import record_baseline

# Who did something to a registration, in its record (RegistrationActivity.actor).
REGISTRANT = "registrant"
SYSTEM = "system"


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
            # The duplicate check and the confirmed count in one query: the task row the
            # registration stores below then keeps the request within its old budget.
            found = Registration.objects.filter(event_id=event_id).aggregate(
                confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
                existing=Max("pk", filter=Q(whatsapp=data["whatsapp"])),
            )
            if found["existing"] is not None:
                return Outcome(Registration.objects.get(pk=found["existing"]), created=False)
            has_place = locked.places_taken + found["confirmed"] < locked.quota
            status = RegistrationStatus.CONFIRMED if has_place else RegistrationStatus.WAITLISTED
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
            record_baseline(registration, data, now)
            # One row in the task queue, in this transaction: the message is prepared by the worker.
            announce(registration.pk, MessageKind.RECEIVED)
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


def _key(registration):
    # The moment of the change tells one cancellation or promotion from a later one; retries share it.
    return registration.status_changed_at.isoformat()


def cancel(registration, actor=SYSTEM, *, announce_it=True):
    """Cancel a registration; a place it frees goes to the first on the waiting list (returned, or None).

    The registrant is told (unless `announce_it` is off: their data is being erased),
    and so is each person moved up, through tasks stored in this same transaction.
    """
    with transaction.atomic():
        locked = _lock(registration.event_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        _set_status(registration, RegistrationStatus.CANCELLED)
        log(registration, ActivityAction.CANCELLED, actor)
        if announce_it:
            announce(registration.pk, MessageKind.CANCELLED, _key(registration))
        return _fill_places(locked)


def _fill_places(locked):
    """Move people up from the waiting list while there are places; the last one moved up is returned."""
    promoted = None
    while _has_place(locked, locked.pk):
        waiting = _first_waiting(locked.pk)
        if waiting is None:
            break
        _set_status(waiting, RegistrationStatus.CONFIRMED)
        log(waiting, ActivityAction.PROMOTED, SYSTEM)
        announce(waiting.pk, MessageKind.PROMOTED, _key(waiting))
        promoted = waiting
    return promoted


def promote(event_id):
    """Give free places to the first on the waiting list (after a quota was raised, say); returns the last moved up."""
    with transaction.atomic():
        return _fill_places(_lock(event_id))


def confirm(registration, actor=SYSTEM):
    """Confirm one waiting or cancelled registration, if there is a place for it; the person is told."""
    with transaction.atomic():
        locked = _lock(registration.event_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CONFIRMED:
            return registration
        if not _has_place(locked, locked.pk):
            raise RegistrationRefused("full")
        _set_status(registration, RegistrationStatus.CONFIRMED)
        log(registration, ActivityAction.CONFIRMED, actor)
        announce(registration.pk, MessageKind.PROMOTED, _key(registration))
        return registration


# --- what a registrant may do themselves (the "manage my registration" page) -------------------

CORRECTABLE_FIELDS = ("full_name", "email", "kecamatan", "kelurahan")


def correct(registration, data):
    """Correct the registrant's own details; the record says which fields changed (not their values)."""
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        changed = [name for name in CORRECTABLE_FIELDS if getattr(locked, name) != data[name]]
        if not changed or locked.anonymised:
            return []
        for name in changed:
            setattr(locked, name, data[name])
        locked.save(update_fields=changed)
        log(locked, ActivityAction.CORRECTED, REGISTRANT, ", ".join(changed))
    return changed


def erase(registration):
    """Consent withdrawn: cancel (the place goes to the first waiting) and erase the person at once.

    The row stays, with its training, status, district, education and dates, so the
    programme's counts still add up; name, number, email, birth date, village and
    motivation are gone, and messages not yet sent are dropped. Returns False when it
    was already erased (a replayed request).
    """
    from .models import Certificate, MessageStatus, RegistrationMessage

    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.anonymised:
            return False
        cancel(locked, REGISTRANT, announce_it=False)
        locked.refresh_from_db()
        locked.full_name = ""
        # (event, whatsapp) stays unique: the same non-number purge_registrations gives.
        locked.whatsapp = f"anon-{locked.reference}"
        locked.email = ""
        locked.date_of_birth = None
        locked.kelurahan = ""
        locked.motivation = ""
        locked.follow_up_consent_at = None
        locked.anonymised = True
        locked.save()
        RegistrationMessage.objects.filter(registration=locked, status=MessageStatus.PENDING).update(
            status=MessageStatus.SKIPPED
        )
        RegistrationMessage.objects.filter(registration=locked).update(details={})
        # The verification page then says the holder's data was deleted, and shows no name.
        Certificate.objects.filter(registration=locked).update(holder_name="")
        forget_answers(locked)
        log(locked, ActivityAction.ERASED, REGISTRANT)
    return True
