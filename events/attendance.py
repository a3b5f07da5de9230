"""Attendance: who was at which session, ticked by a coordinator from a list or by scanning a code.

One `Attendance` row per (registration, session), written with a single upsert
(INSERT … ON CONFLICT DO UPDATE): when two coordinators tick the same person at
once, both writes succeed, the later one is what stays, and no tick is lost to an
error. Only confirmed registrations of the session's own training can be ticked,
and only until the training's last session ends; after that the register is
closed and completion is computed (events.completion).
"""

from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, CharField, DateTimeField, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ActivityAction, Attendance, Registration, RegistrationStatus
from .notifications import log
from .registration import RegistrationRefused, _lock

CHECK_IN_SALT = "events.check-in"

# A scanned code counts for a session from this long before it starts until it ends.
CHECK_IN_OPENS_BEFORE = timedelta(hours=1)


class CheckInRefused(Exception):
    """A tick that breaks a rule: `message` says why, in the coordinator's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- the participant's check-in code -----------------------------------------------


def check_in_token(registration):
    """A signed token naming one registration (never expires: it is printed and kept), "-" for ":"."""
    return signing.Signer(salt=CHECK_IN_SALT).sign(registration.reference).replace(":", "-")


def reference_for_check_in(token):
    """The reference a check-in token names, or None when it is forged or altered."""
    reference, _sep, signature = (token or "").partition("-")
    if not reference or not signature:
        return None
    try:
        return signing.Signer(salt=CHECK_IN_SALT).unsign(f"{reference}:{signature}")
    except signing.BadSignature:
        return None


def check_in_url(registration):
    """The admin address the participant's code holds, on the public address (a coordinator's phone opens it)."""
    from django.urls import reverse

    from home.addresses import absolute_url

    return absolute_url(reverse("events_check_in_scan", kwargs={"token": check_in_token(registration)}))


def check_in_qr(registration):
    """The participant's check-in code as inline SVG (made on the server), or "" without a confirmed place."""
    from home.sharing import qr_svg

    if registration.status != RegistrationStatus.CONFIRMED or registration.anonymised:
        return ""
    return qr_svg(check_in_url(registration), omitsize=True)


# --- the rules ---------------------------------------------------------------------


def register_closed(event, now=None):
    """The register closes when the training's last session ends."""
    end = event.schedule_end
    return end is not None and (now or timezone.now()) >= end


def check(registration, session, now=None):
    """Raise CheckInRefused when `registration` may not be ticked for `session`."""
    if session.event_id != registration.event_id:
        raise CheckInRefused(_("This session belongs to another training. Nothing was changed."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise CheckInRefused(_("This registration was cancelled. Nothing was changed."))
    if registration.status == RegistrationStatus.WAITLISTED:
        raise CheckInRefused(
            _("This person is on the waiting list, without a place. Confirm them first. Nothing was changed.")
        )
    if register_closed(registration.event, now):
        raise CheckInRefused(_("This training has ended: attendance can no longer be changed."))


def mark(registration, session, present, actor, now=None):
    """Record present/absent for one person and session; the last write wins. Returns the row."""
    check(registration, session, now)
    now = now or timezone.now()
    Attendance.objects.bulk_create(
        [Attendance(registration=registration, session=session, present=present, marked_by=actor, marked_at=now)],
        update_conflicts=True,
        unique_fields=["registration", "session"],
        update_fields=["present", "marked_by", "marked_at"],
    )
    return Attendance(registration=registration, session=session, present=present, marked_by=actor, marked_at=now)


def current_attendance(registration, session):
    return Attendance.objects.filter(registration=registration, session=session).first()


def sessions_for_scan(event, now=None):
    """(running now, today's others) among the training's sessions, in WIB days."""
    from home.timezones import WIB

    now = now or timezone.now()
    today = now.astimezone(WIB).date()
    today_sessions = [s for s in event.sorted_sessions if s.start.astimezone(WIB).date() == today]
    running = [s for s in today_sessions if s.start - CHECK_IN_OPENS_BEFORE <= now < s.end]
    return running, today_sessions


# --- the check-in list -------------------------------------------------------------


def check_in_rows(session):
    """Every confirmed participant of the session's training, with their tick for it: one query, whatever the number."""
    ticks = Attendance.objects.filter(registration=OuterRef("pk"), session=session)
    return list(
        Registration.objects.filter(event_id=session.event_id, status=RegistrationStatus.CONFIRMED)
        .annotate(
            present=Subquery(ticks.values("present")[:1], output_field=BooleanField()),
            marked_by=Subquery(ticks.values("marked_by")[:1], output_field=CharField()),
            marked_at=Subquery(ticks.values("marked_at")[:1], output_field=DateTimeField()),
        )
        .only("pk", "reference", "full_name", "walk_in", "status", "event_id")
        .order_by("full_name", "pk")
    )


# --- walk-ins ------------------------------------------------------------------------


def walk_in(event_id, full_name, whatsapp, actor, session=None):
    """Add a person who came without registering: a confirmed registration if a place is free, marked present.

    It goes through the same lock on the training as every registration, so the
    quota holds. A number already registered and confirmed is simply marked present.
    Raises RegistrationRefused("full") when no place is free, ("exists") for a number
    already registered but not confirmed.
    """
    from .registration import _confirmed_count

    with transaction.atomic():
        locked = _lock(event_id)
        existing = Registration.objects.filter(event_id=event_id, whatsapp=whatsapp).first()
        if existing is not None:
            if existing.status != RegistrationStatus.CONFIRMED:
                raise RegistrationRefused("exists")
            registration = existing
        else:
            if locked.places_taken + _confirmed_count(event_id) >= locked.quota:
                raise RegistrationRefused("full")
            now = timezone.now()
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        event_id=event_id,
                        status=RegistrationStatus.CONFIRMED,
                        full_name=full_name,
                        whatsapp=whatsapp,
                        created_at=now,
                        status_changed_at=now,
                        walk_in=True,
                    )
            except IntegrityError as error:  # the same number registered online this instant
                raise RegistrationRefused("exists") from error
            log(registration, ActivityAction.WALK_IN, actor)
        registration.event = locked
        if session is not None:
            registration.event = session.event
            mark(registration, session, True, actor)
    return registration
