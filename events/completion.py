"""Completion: who finished a training, computed once its last session has ended.

The rule is the training's own: at least `min_attendance_percent` of its sessions
attended (80 % by default) and, when `requires_assessment` is on, the final
assessment passed (ticked by the coordinator). When a training is published its
`compute_completion` task is stored to run at the end of the last session
(django-tasks `run_after`); `manage.py compute_completions` (the same work, safe to
repeat) catches any training whose task was missed. A coordinator's correction
(with a reason, in the registrant's record) is never overwritten by the computation.
Everyone who completed gets a certificate (events.certificates).
"""

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from .certificates import issue, revoke
from .models import ActivityAction, Attendance, EventSession, Registration, RegistrationStatus, TrainingEvent
from .notifications import log
from .registration import SYSTEM, _lock


def attended_counts(event_id):
    """{registration id: sessions attended} for one training, in one query."""
    rows = (
        Attendance.objects.filter(registration__event_id=event_id, present=True, session__event_id=event_id)
        .values("registration_id")
        .annotate(n=Count("pk"))
    )
    return {row["registration_id"]: row["n"] for row in rows}


def meets_rule(event, attended, sessions, assessment_passed):
    """Whether `attended` of `sessions` sessions (and the assessment) meet the training's rule."""
    if sessions == 0:
        return False
    # In whole numbers: 4 of 5 sessions is exactly 80 %, never 79.999….
    enough = attended * 100 >= event.min_attendance_percent * sessions
    return enough and (assessment_passed or not event.requires_assessment)


def compute(event_id, now=None):
    """Decide completion for every confirmed participant, issue the certificates; None while sessions remain.

    Returns the number of participants who completed. Safe to run again: decisions a
    coordinator made by hand stay, certificates are issued once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(event_id)
        event = TrainingEvent.objects.get(pk=locked.pk)
        sessions = EventSession.objects.filter(event_id=event_id).aggregate(n=Count("pk"), end=Max("end"))
        if sessions["end"] is None or now < sessions["end"]:
            return None
        counts = attended_counts(event_id)
        completed = 0
        participants = Registration.objects.filter(event_id=event_id, status=RegistrationStatus.CONFIRMED)
        for registration in participants.select_related("certificate"):
            registration.event = event
            if not registration.completion_overridden:
                attended = counts.get(registration.pk, 0)
                decided = meets_rule(event, attended, sessions["n"], registration.assessment_passed)
                if registration.completed != decided:
                    registration.completed = decided
                    registration.save(update_fields=["completed"])
                    log(
                        registration,
                        ActivityAction.COMPLETED,
                        SYSTEM,
                        f"{attended}/{sessions['n']}",
                    )
            if registration.completed:
                completed += 1
                issue(registration)
        TrainingEvent.objects.filter(pk=event_id).update(completion_computed_at=now)
    return completed


def set_completion(registration, completed, reason, actor):
    """A coordinator's decision, with a reason: logged, kept against later computations; the certificate follows."""
    with transaction.atomic():
        _lock(registration.event_id)
        registration = Registration.objects.select_related("event").get(pk=registration.pk)
        registration.completed = completed
        registration.completion_overridden = True
        registration.save(update_fields=["completed", "completion_overridden"])
        log(registration, ActivityAction.COMPLETION_SET, actor, reason)
        if completed and registration.event.completion_computed_at is not None:
            issue(registration)
        elif not completed:
            certificate = getattr(registration, "certificate", None)
            if certificate is not None and not certificate.revoked:
                revoke(certificate, reason, actor)
    return registration


def set_assessment(registration, passed, actor):
    """The coordinator ticks the final assessment; completion is computed again if it already was."""
    with transaction.atomic():
        changed = (
            Registration.objects.filter(pk=registration.pk)
            .exclude(assessment_passed=passed)
            .update(assessment_passed=passed)
        )
        if changed:
            log(registration, ActivityAction.ASSESSMENT, actor, "1" if passed else "0")
    if changed and registration.event.completion_computed_at is not None:
        compute(registration.event_id)
    return bool(changed)


def due_trainings(now=None):
    """Original pages of trainings whose last session has ended and whose completion was never computed."""
    now = now or timezone.now()
    return (
        TrainingEvent.objects.filter(completion_computed_at__isnull=True, registrations__isnull=False)
        .annotate(last=Max("sessions__end"))
        .filter(last__lte=now)
        .filter(~Q(status="dibatalkan"))
        .values_list("pk", flat=True)
        .distinct()
    )


def sweep(now=None):
    """Compute every training that is due (the management command, and a safety net for missed tasks)."""
    done = {}
    for event_id in list(due_trainings(now)):
        done[event_id] = compute(event_id, now)
    return done


def schedule(event):
    """Store the completion task for the end of `event`'s last session (on publish); once per end time."""
    from django_tasks import default_task_backend

    from .tasks import compute_completion

    # Registrations belong to the training's original page, whichever language was published.
    original = TrainingEvent.objects.filter(translation_key=event.translation_key).order_by("pk").first()
    end = event.schedule_end
    if original is None or end is None or original.completion_computed_at is not None:
        return
    # A training already over is left to `compute_completions` (its participants may not be ticked yet).
    if end > timezone.now() and default_task_backend.supports_defer:
        compute_completion.using(run_after=end).enqueue(original.pk)
