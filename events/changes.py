"""Change notices: an editor publishes a training whose dates, times, venue, mode or status changed.

What registrants were told is what the previously published revision said, so the
notice compares the new live page with that revision: publishing again with no such
change (a new summary, a typo) sends nothing. One notice per confirmed and waiting
registrant, in their language, stored as one task each in the publish's transaction.
"""

from django.db import transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from home.formats import format_day, format_time

from .models import MessageKind, Registration, RegistrationStatus, Status, TrainingEvent
from .notifications import announce

FACTS = ("sessions", "venue", "mode", "status")


def facts(event):
    """The facts a registrant relies on, as comparable values."""
    return {
        "sessions": [(s.start, s.end) for s in sorted(event.sessions.all(), key=lambda s: s.start)],
        "venue": event.venue,
        "mode": event.mode,
        "status": event.status,
    }


def _shown(name, value):
    if name == "sessions":
        return "; ".join(f"{format_day(start)}, {format_time(start)}–{format_time(end)} WIB" for start, end in value)
    if name == "venue":
        return f"{value.name}, {value.full_address}" if value else "—"
    if name == "mode":
        return str(dict(TrainingEvent._meta.get_field("mode").choices).get(value, value))
    return str(dict(Status.choices).get(value, value))


def _labels():
    return {"sessions": _("When"), "venue": _("Where"), "mode": capfirst(_("mode")), "status": _("Status")}


def describe(old, new, language):
    """The changes in `language`: label, old and new, for the message's details."""
    with translation.override(language):
        labels = _labels()
        return [
            {"label": str(labels[name]), "old": _shown(name, old[name]), "new": _shown(name, new[name])}
            for name in FACTS
            if old[name] != new[name]
        ]


def previous_published(page, revision):
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=revision.pk)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry else None


def announce_changes(sender, instance, revision=None, **kwargs):
    """page_published handler: queue a change notice to each registrant when what they rely on changed."""
    if revision is None or not isinstance(instance, TrainingEvent):
        return
    registrations = list(
        Registration.objects.filter(
            event_id=instance.pk,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
            anonymised=False,
        ).only("pk", "language")
    )
    if not registrations:  # a translation, or nobody registered yet
        return
    before = previous_published(instance, revision)
    if before is None:
        return
    old, new = facts(before), facts(TrainingEvent.objects.get(pk=instance.pk))
    if old == new:
        return
    with transaction.atomic():
        by_language = {}
        for registration in registrations:
            language = registration.language
            if language not in by_language:
                by_language[language] = describe(old, new, language)
            announce(
                registration.pk, MessageKind.CHANGED, f"revision-{revision.pk}", {"changes": by_language[language]}
            )


def schedule_completion(sender, instance, **kwargs):
    """page_published handler: completion is computed when the training's last session ends (events.completion)."""
    if isinstance(instance, TrainingEvent):
        from .completion import schedule

        schedule(instance)
