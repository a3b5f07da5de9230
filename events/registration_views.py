"""The public registration form of a training (home.public_forms' flow) and its confirmation page."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from home.localized import localized_snippets
from home.public_forms import already_sent, handle_public_form

from .attendance import check_in_qr
from .models import REGISTERING_STATES, Registration, RegistrationState, RegistrationStatus
from .notifications import manage_token, registration_for_token
from .registration import register as allocate
from .registration_forms import RegistrationForm

RATE_GROUP = "events.registration"


def _closed_reason(event, state, now):
    if state == RegistrationState.CANCELLED:
        return _("This training has been cancelled, so it takes no registrations.")
    if event.is_past(now):
        return _("This training has finished, so it takes no registrations.")
    if state == RegistrationState.NOT_YET_OPEN:
        return _("Registration for this training has not opened yet.")
    return _("Registration for this training has closed.")


def _render(event, request, context, status=200):
    response = event.render(request, template="events/registration_form.html", context_overrides=context)
    response.status_code = status
    # Personal data may be in the page (a form sent back with errors): never keep it in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def register(event, request):
    # CSRF: Wagtail's page view is not exempt, so CsrfViewMiddleware checks every POST here.
    now = timezone.now()
    state = event.registration_state(now)
    own_url = event.get_url(request)
    context = {"state": state, "event_url": own_url}
    if state not in REGISTERING_STATES:
        context["closed_reason"] = _closed_reason(event, state, now)
        # A refusal, not a form: a POST to a closed training stores nothing.
        return _render(event, request, context, status=200 if request.method != "POST" else 409)

    def done_url(registration):
        # Signed: the page shows the code and status, so it opens only for whoever registered.
        return own_url + event.reverse_subpage("registered", kwargs={"token": manage_token(registration)})

    return handle_public_form(
        request,
        make_form=lambda data: RegistrationForm(data, event=event),
        # The messages are prepared by the worker (events.notifications), not in this request.
        save=lambda data, language: allocate(event, data, language),
        success_url=done_url,
        # A number already registered learns nothing of that registration here (events.manage_views.already).
        already_url=lambda registration: own_url + event.reverse_subpage("registration_already"),
        render=lambda status, **form_context: _render(event, request, context | form_context, status),
        rate_group=RATE_GROUP,
    )


def registered(event, request, token):
    reference = registration_for_token(token)
    registration = (
        Registration.objects.filter(reference=reference, event__translation_key=event.translation_key)
        .only("pk", "reference", "status", "event_id", "created_at", "anonymised")
        .first()
        if reference
        else None
    )
    if registration is None or registration.anonymised:
        raise Http404("No such registration")
    own_url = event.get_url(request)
    response = event.render(
        request,
        template="events/registration_done.html",
        context_overrides={
            "registration": registration,
            "position": registration.waiting_position(),
            "already": already_sent(request),
            "event_url": own_url,
            "ics_url": own_url + event.reverse_subpage("ics"),
            "manage_url": own_url + event.reverse_subpage("manage", kwargs={"token": token}),
            "sessions": event.sorted_sessions,
            "venue": localized_snippets([event.venue], event.locale_id)[0] if event.has_venue else None,
            "Status": RegistrationStatus,
            "check_in_qr": check_in_qr(registration),
        },
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
