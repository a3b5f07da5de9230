"""What the events app adds to the editors' "Needs attention" panel (home.dashboard, home.registry)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home.registry import AttentionList

from .models import EventSession, RegistrationStatus, Status, TrainingEvent

REGISTRATION_CLOSING_WITHIN = timedelta(days=7)


def _edit(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def trainings_closing_soon(locale, now):
    """Live trainings whose registration is open and closes within 7 days, soonest first: one query."""
    return list(
        TrainingEvent.objects.live()
        .filter(
            locale=locale,
            registration_opens__lte=now,
            registration_closes__gt=now,
            registration_closes__lte=now + REGISTRATION_CLOSING_WITHIN,
        )
        .exclude(status=Status.CANCELLED)
        .with_places_left()
        .defer_streamfields()
        .order_by("registration_closes", "pk")
    )


def full_trainings_with_waiting_list(locale, now):
    """Live trainings not yet over, with no place left and someone waiting: one query."""
    return list(
        TrainingEvent.objects.live()
        .filter(locale=locale)
        .filter(Exists(EventSession.objects.filter(event=OuterRef("pk"), end__gt=now)))
        .with_places_left()
        .annotate(waiting_count=TrainingEvent.registration_count(RegistrationStatus.WAITLISTED))
        .filter(places_left_annotated=0, waiting_count__gt=0)
        .defer_streamfields()
        .order_by("title", "pk")
    )


def closing_soon_rows(events, request):
    return [
        {
            "title": event.title,
            "url": _edit(event.pk),
            "closes": event.registration_closes,
            "places_left": event.places_left_annotated,
        }
        for event in events
    ]


def waiting_list_rows(events, request):
    sees_registrations = request.user.has_perm("events.view_registration")
    return [
        {
            "title": event.title,
            "url": _edit(event.pk),
            "waiting": event.waiting_count,
            # Registrations belong to the Indonesian page, which this list shows.
            "registrations_url": f"{reverse('registrations:index')}?event={event.pk}" if sees_registrations else "",
        }
        for event in events
    ]


CLOSING_SOON = AttentionList(
    order=10,
    key="closing_soon",
    heading=_("Registration closes within 7 days"),
    items=trainings_closing_soon,
    rows=closing_soon_rows,
    template="events/admin/attention_closing_soon.html",
)
WAITING_LISTS = AttentionList(
    order=20,
    key="waiting_lists",
    heading=_("Full trainings with a waiting list"),
    items=full_trainings_with_waiting_list,
    rows=waiting_list_rows,
    template="events/admin/attention_waiting_list.html",
)
