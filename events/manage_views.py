"""The registrant's own page: "Kelola pendaftaran" / "Manage my registration" (README, "Registrants' journey").

Reached through a signed link (events.notifications.manage_token: in every message and
after registering) or by the registration code together with the WhatsApp number,
which is rate-limited and answers the same whether the code exists or not. Nothing
here shows a code, a status or a position to someone who only knows a number.
"""

import json

from django import forms
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from home.forms import PublicForm, WhatsAppNumberField, submission_rate_limited
from home.localized import localized_snippets
from home.models import Kecamatan

from .attendance import check_in_qr, register_closed
from .models import ActivityAction, Registration, RegistrationStatus
from .notifications import log, manage_token, registration_for_token
from .registration import REGISTRANT, cancel, correct, erase
from .registration_forms import _NAME, _PLACE

RATE_GROUP = "events.manage"


class LookupForm(PublicForm):
    reference = forms.CharField(
        label=gettext_lazy("Registration code"),
        max_length=16,
        help_text=gettext_lazy("The eight letters and digits you got when you registered."),
    )
    whatsapp = WhatsAppNumberField(help_text=gettext_lazy("The number you registered with."))

    def clean_reference(self):
        return "".join(self.cleaned_data["reference"].split()).upper()


class CorrectionForm(PublicForm):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=100, validators=[_NAME])
    email = forms.EmailField(label=gettext_lazy("Email (optional)"), required=False, max_length=254)
    kecamatan = forms.ChoiceField(
        label=gettext_lazy("Kecamatan (district)"),
        choices=[("", gettext_lazy("Outside Palangka Raya"))] + list(Kecamatan.choices),
        required=False,
    )
    kelurahan = forms.CharField(label=gettext_lazy("Kelurahan (village)"), max_length=100, validators=[_PLACE])


def _private(response, status=200):
    response.status_code = status
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def manage_path(event, registration, request):
    return event.get_url(request) + event.reverse_subpage("manage", kwargs={"token": manage_token(registration)})


def private_page(event, request, template, context, status=200):
    """A page of one registrant's own (manage, data, survey): never cached, never indexed."""
    context = {"event_url": event.get_url(request), **context}
    return _private(event.render(request, template=template, context_overrides=context), status)


def lookup(event, request):
    """The small form: code + WhatsApp number lead to the registration's own page."""
    lookup_url = event.get_url(request) + event.reverse_subpage("manage_lookup")
    context = {"lookup_url": lookup_url}
    if request.method != "POST":
        return private_page(event, request, "events/manage_lookup.html", context | {"form": LookupForm()})
    form = LookupForm(request.POST)
    if submission_rate_limited(request, RATE_GROUP):
        return private_page(
            event, request, "events/manage_lookup.html", context | {"form": form, "rate_limited": True}, 429
        )
    registration = None
    if form.is_valid():
        registration = (
            Registration.objects.filter(
                event__translation_key=event.translation_key,
                reference=form.cleaned_data["reference"],
                whatsapp=form.cleaned_data["whatsapp"],
                anonymised=False,
            )
            .only("pk", "reference")
            .first()
        )
        if registration is not None:
            return HttpResponseRedirect(manage_path(event, registration, request))
        # The same answer whether the code exists or not: nothing to learn by guessing.
        form.add_error(None, _("No registration for this training matches this code and number. Check both."))
    return private_page(event, request, "events/manage_lookup.html", context | {"form": form}, 400)


def already(event, request):
    """A number already registered: say so, and how to reach that registration, without showing it."""
    lookup_url = event.get_url(request) + event.reverse_subpage("manage_lookup")
    return private_page(
        event, request, "events/registration_already.html", {"lookup_url": lookup_url, "form": LookupForm()}
    )


def _registration(event, token):
    reference = registration_for_token(token)
    if reference is None:
        return None
    return (
        Registration.objects.select_related("event")
        .filter(reference=reference, event__translation_key=event.translation_key)
        .first()
    )


def _refused(event, request, message, status):
    lookup_url = event.get_url(request) + event.reverse_subpage("manage_lookup")
    return private_page(
        event, request, "events/manage_refused.html", {"message": message, "lookup_url": lookup_url}, status
    )


def _bad_link(event, request):
    return _refused(
        event,
        request,
        _(
            "This link is not valid: it may have expired or been copied incompletely. "
            "Open your registration with its code and your WhatsApp number instead."
        ),
        404,
    )


def _started(registration):
    start = registration.event.schedule_start
    return start is not None and start <= timezone.now()


def _valid_certificate(registration):
    """(number, address of the printable certificate in the page's language), or None."""
    from django.utils.translation import get_language

    from .certificates import print_path
    from .models import Certificate

    certificate = Certificate.objects.filter(registration=registration, revoked_at__isnull=True).first()
    if certificate is None:
        return None
    return {"number": certificate.number, "url": print_path(certificate.number, get_language())}


def manage(event, request, token, step=""):
    registration = _registration(event, token)
    if registration is None:
        return _bad_link(event, request)
    if registration.anonymised:
        return _refused(event, request, _("The data of this registration has been deleted. Nothing more is kept."), 410)
    own = manage_path(event, registration, request)
    context = {
        "registration": registration,
        "Status": RegistrationStatus,
        "position": registration.waiting_position(),
        "sessions": event.sorted_sessions,
        "venue": localized_snippets([event.venue], event.locale_id)[0] if event.has_venue else None,
        "manage_url": own,
        "started": _started(registration),
        "step": step,
        "form": CorrectionForm(
            initial={name: getattr(registration, name) for name in ("full_name", "email", "kecamatan", "kelurahan")}
        ),
        "notice": request.GET.get("ok", ""),
        "check_in_qr": check_in_qr(registration) if not register_closed(event) else "",
        "certificate": _valid_certificate(registration),
    }
    if request.method != "POST":
        return private_page(event, request, "events/manage.html", context)
    action = request.POST.get("action")
    if action == "cancel":
        if registration.status == RegistrationStatus.CANCELLED:
            return HttpResponseRedirect(own + "?ok=cancelled")  # a double click: already done, nothing changes
        if _started(registration):
            return _refused(event, request, _("The training has started, so it can no longer be cancelled here."), 409)
        cancel(registration, REGISTRANT)
        return HttpResponseRedirect(own + "?ok=cancelled")
    if action == "correct":
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            return private_page(event, request, "events/manage.html", context | {"form": form, "step": "correct"}, 400)
        correct(registration, form.cleaned_data)
        return HttpResponseRedirect(own + "?ok=corrected")
    if action == "erase":
        erase(registration)
        return HttpResponseRedirect(event.get_url(request) + event.reverse_subpage("manage_erased"))
    return private_page(event, request, "events/manage.html", context, 400)


def erased(event, request):
    return private_page(event, request, "events/manage_erased.html", {})


def held_data(registration):
    """What the site holds about a registrant, and what was done with it, as plain data."""
    return {
        "registration_code": registration.reference,
        "training": registration.event.title,
        "status": registration.get_status_display(),
        "registered_at": registration.created_at.isoformat(),
        "consent_given_at": registration.consent_at.isoformat() if registration.consent_at else None,
        "language": registration.language,
        "personal_data": {
            "full_name": registration.full_name,
            "whatsapp": registration.whatsapp,
            "email": registration.email,
            "date_of_birth": registration.date_of_birth.isoformat() if registration.date_of_birth else None,
            "kecamatan": registration.get_kecamatan_display(),
            "kelurahan": registration.kelurahan,
            "education": registration.get_education_display(),
            "motivation": registration.motivation,
        },
        "record": [
            {
                "at": registration.created_at.isoformat(),
                "action": str(ActivityAction.REGISTERED.label),
                "by": REGISTRANT,
            }
        ]
        + [
            {"at": activity.at.isoformat(), "action": activity.get_action_display(), "by": activity.actor}
            for activity in registration.activities.all()
        ],
        "messages": [
            {
                "kind": message.get_kind_display(),
                "channel": message.get_channel_display(),
                "status": message.get_status_display(),
                "sent_at": message.sent_at.isoformat() if message.sent_at else None,
            }
            for message in registration.messages.all()
        ],
        "follow_up_surveys_agreed_at": (
            registration.follow_up_consent_at.isoformat() if registration.follow_up_consent_at else None
        ),
        "survey_answers": [survey_answer_data(answer) for answer in registration.survey_answers.all()],
    }


def survey_answer_data(answer):
    return {
        "round": _("At registration")
        if answer.is_baseline
        else ngettext("%(months)s month after the training", "%(months)s months after the training", answer.round)
        % {"months": answer.round},
        "answered_at": answer.answered_at.isoformat(),
        "work": str(answer.get_work_status_display()) or None,
        "monthly_income": str(answer.get_income_band_display()) if answer.income_band is not None else None,
        "the_training_helped": str(answer.get_helped_display()) if answer.helped else None,
        "business": str(answer.get_business_display()) or None,
        "people_employed": answer.employs,
        "sells_at": answer.sells_at_labels(),
        "agreed_to_be_asked_for_a_story_at": answer.story_consent_at.isoformat() if answer.story_consent_at else None,
    }


def data(event, request, token, as_json=False):
    registration = _registration(event, token)
    if registration is None:
        return _bad_link(event, request)
    if registration.anonymised:
        return _refused(event, request, _("The data of this registration has been deleted. Nothing more is kept."), 410)
    log(registration, ActivityAction.DOWNLOADED, REGISTRANT, "json" if as_json else "html")
    held = held_data(registration)
    if as_json:
        response = HttpResponse(
            json.dumps(held, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="pendaftaran-{registration.reference}.json"'
        return _private(response)
    return private_page(
        event,
        request,
        "events/manage_data.html",
        {"held": held, "registration": registration, "manage_url": manage_path(event, registration, request)},
    )
