"""The coordinators' attendance screens in the admin (/admin/kehadiran/…): check-in, scanned codes, completion, figures.

Only superusers and the "Koordinator Pelatihan" group (events migration 0011,
`events.change_attendance`) reach them; Wagtail sends anyone not logged in to the
login page, and an editor without the permission gets a 403 that names nobody.
Everything works as plain forms (POST, then a redirect back to the person's row);
static/js/check-in.js only saves the reload.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from home.forms import WhatsAppNumberField

from . import attendance as taking
from .certificates import print_path, revoke
from .completion import set_assessment, set_completion
from .models import (
    Certificate,
    EventSession,
    Registration,
    RegistrationStatus,
    TrainingEvent,
)
from .registration import RegistrationRefused

PERMISSION = "events.change_attendance"


def can_take_attendance(user):
    return user.is_active and user.has_perm(PERMISSION)


def _require(request):
    if not can_take_attendance(request.user):
        raise PermissionDenied


def _actor(request):
    return request.user.get_username()


def _originals():
    """Trainings in the source language: registrations always belong to those pages."""
    return TrainingEvent.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


# --- the list of trainings and today's sessions ---------------------------------------


def index(request):
    _require(request)
    now = timezone.now()
    sessions = EventSession.objects.filter(event__in=_originals(), start__lt=now + timedelta(days=1))
    today_sessions = [
        session
        for session in sessions.filter(end__gt=now - timedelta(days=1)).select_related("event").order_by("start")
        if session.local_start.date() == now.astimezone(session.local_start.tzinfo).date()
    ]
    trainings = (
        _originals()
        .with_schedule(now)
        .annotate(
            participants=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED), distinct=True
            ),
        )
        .order_by("-first_start")[:100]
    )
    return TemplateResponse(
        request,
        "events/admin/attendance_index.html",
        {"today_sessions": today_sessions, "trainings": trainings, "now": now},
    )


# --- one session: the check-in list ---------------------------------------------------


class WalkInForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=100)
    whatsapp = WhatsAppNumberField()


def session_check_in(request, session_id):
    _require(request)
    session = get_object_or_404(EventSession.objects.select_related("event"), pk=session_id)
    event = session.event
    if request.method == "POST":
        return _tick(request, session)
    rows = taking.check_in_rows(session)
    closed = taking.register_closed(event)
    return TemplateResponse(
        request,
        "events/admin/check_in.html",
        {
            "session": session,
            "event": event,
            "sessions": event.sorted_sessions,
            "rows": rows,
            "present_count": sum(1 for row in rows if row.present),
            "closed": closed,
            "walk_in_form": WalkInForm(),
            "training_url": reverse("events_attendance_training", args=[event.pk]),
        },
    )


def _wants_json(request):
    return request.headers.get("X-Requested-With") == "check-in"


def _tick(request, session):
    back = reverse("events_check_in", args=[session.pk])
    if request.POST.get("action") == "walk_in":
        return _walk_in(request, session, back)
    registration_id = request.POST.get("registration", "")
    present = request.POST.get("present")
    if not registration_id.isdigit() or present not in ("0", "1"):
        return HttpResponseBadRequest(gettext("This check-in was not understood. Nothing was changed."))
    registration = (
        Registration.objects.select_related("event").filter(pk=int(registration_id), anonymised=False).first()
    )
    if registration is None:
        return HttpResponseBadRequest(gettext("This registration does not exist. Nothing was changed."))
    try:
        taking.mark(registration, session, present == "1", _actor(request))
    except taking.CheckInRefused as refused:
        if _wants_json(request):
            return JsonResponse({"error": str(refused.message)}, status=409)
        messages.error(request, refused.message)
        return redirect(back)
    if _wants_json(request):
        return JsonResponse({"registration": registration.pk, "present": present == "1"})
    return redirect(f"{back}#p-{registration.pk}")


def _walk_in(request, session, back):
    form = WalkInForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give the walk-in's name and a valid WhatsApp number."))
        return redirect(back + "#walk-in")
    if taking.register_closed(session.event):
        messages.error(request, gettext("This training has ended: attendance can no longer be changed."))
        return redirect(back)
    try:
        registration = taking.walk_in(
            session.event_id, form.cleaned_data["full_name"], form.cleaned_data["whatsapp"], _actor(request), session
        )
    except RegistrationRefused as refused:
        if str(refused) == "full":
            messages.error(request, gettext("The training is full: a walk-in can only take a free place."))
        else:
            messages.error(
                request,
                gettext("This number is already registered without a confirmed place. Open the registration instead."),
            )
        return redirect(back + "#walk-in")
    messages.success(request, gettext("%(name)s is registered and marked present.") % {"name": registration.full_name})
    return redirect(f"{back}#p-{registration.pk}")


# --- a scanned check-in code ----------------------------------------------------------


def scan(request, token):
    """A participant's code opened on a coordinator's phone: present in the session running now."""
    _require(request)  # before anything about the token: nobody else learns whether it is valid
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    reference = taking.reference_for_check_in(token)
    registration = None
    if reference is not None:
        registration = Registration.objects.select_related("event").filter(reference=reference).first()
    if registration is None or registration.anonymised:
        return _scan_page(
            request,
            {"problem": gettext("This check-in code is not valid: it was altered or copied incompletely.")},
            400,
        )
    event = registration.event
    running, today = taking.sessions_for_scan(event)
    chosen = None
    if request.method == "POST":
        chosen = next((s for s in today if str(s.pk) == request.POST.get("session")), None)
        if chosen is None:
            return _scan_page(request, {"problem": gettext("Choose one of today's sessions.")}, 400)
    elif len(running) == 1:
        chosen = running[0]
    context = {"registration": registration, "event": event, "today": today}
    if chosen is None:
        if not today:
            problem = (
                gettext("This training has ended: attendance can no longer be changed.")
                if taking.register_closed(event)
                else gettext("This training has no session today. Nothing was changed.")
            )
            return _scan_page(request, context | {"problem": problem}, 409)
        return _scan_page(request, context | {"choose": True})
    existing = taking.current_attendance(registration, chosen)
    if existing is not None and existing.present:
        return _scan_page(request, context | {"session": chosen, "already": existing})
    try:
        taking.mark(registration, chosen, True, _actor(request))
    except taking.CheckInRefused as refused:
        return _scan_page(request, context | {"session": chosen, "problem": refused.message}, 409)
    return _scan_page(request, context | {"session": chosen, "marked": True})


def _scan_page(request, context, status=200):
    response = TemplateResponse(request, "events/admin/check_in_scan.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


# --- one training: sessions, completion, certificates ---------------------------------


def training(request, event_id):
    _require(request)
    event = get_object_or_404(TrainingEvent, pk=event_id)
    if request.method == "POST":
        return _training_action(request, event)
    sessions = list(
        EventSession.objects.filter(event=event)
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
        .order_by("start")
    )
    participants = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .annotate(attended=Count("attendance", filter=Q(attendance__present=True, attendance__session__event=event)))
        .select_related("certificate")
        .order_by("full_name", "pk")
    )
    for person in participants:
        certificate = getattr(person, "certificate", None)
        person.certificate_url = print_path(certificate.number, request.LANGUAGE_CODE) if certificate else ""
    return TemplateResponse(
        request,
        "events/admin/attendance_training.html",
        {
            "event": event,
            "sessions": sessions,
            "participants": participants,
            "session_count": len(sessions),
            "register_url": reverse("events_attendance_register", args=[event.pk]),
        },
    )


def _training_action(request, event):
    back = reverse("events_attendance_training", args=[event.pk])
    action = request.POST.get("action")
    registration_id = request.POST.get("registration", "")
    registration = (
        Registration.objects.select_related("event")
        .filter(pk=int(registration_id), event=event, status=RegistrationStatus.CONFIRMED)
        .first()
        if registration_id.isdigit()
        else None
    )
    if registration is None:
        return HttpResponseBadRequest(gettext("This registration does not exist. Nothing was changed."))
    reason = " ".join(request.POST.get("reason", "").split())[:300]
    if action == "assessment":
        set_assessment(registration, request.POST.get("passed") == "1", _actor(request))
        messages.success(request, gettext("The final assessment is recorded."))
    elif action in ("complete", "not_complete"):
        if not reason:
            messages.error(request, gettext("Give a reason: it is kept in the participant's record."))
            return redirect(f"{back}#p-{registration.pk}")
        set_completion(registration, action == "complete", reason, _actor(request))
        messages.success(request, gettext("Completion is corrected and the reason recorded."))
    elif action == "revoke":
        certificate = Certificate.objects.filter(registration=registration).first()
        if certificate is None or not reason:
            messages.error(request, gettext("Give a reason: it is kept in the participant's record."))
            return redirect(f"{back}#p-{registration.pk}")
        revoke(certificate, reason, _actor(request))
        messages.success(request, gettext("The certificate is revoked."))
    else:
        return HttpResponseBadRequest(gettext("Unknown action."))
    return redirect(f"{back}#p-{registration.pk}")


# --- figures ---------------------------------------------------------------------------


def figures_view(request):
    from .figures import figures

    _require(request)
    by_training, by_skill_area = figures(request.LANGUAGE_CODE)
    return TemplateResponse(
        request,
        "events/admin/attendance_figures.html",
        {"by_training": by_training, "by_skill_area": by_skill_area},
    )


def urlpatterns():
    from .attendance_register import AttendanceRegisterView

    return [
        path("kehadiran/", index, name="events_attendance"),
        path("kehadiran/angka/", figures_view, name="events_attendance_figures"),
        path("kehadiran/sesi/<int:session_id>/", session_check_in, name="events_check_in"),
        path("kehadiran/kode/<str:token>/", scan, name="events_check_in_scan"),
        path("kehadiran/pelatihan/<int:event_id>/", training, name="events_attendance_training"),
        path(
            "kehadiran/pelatihan/<int:event_id>/daftar-hadir/",
            AttendanceRegisterView.as_view(),
            name="events_attendance_register",
        ),
    ]
