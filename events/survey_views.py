"""The follow-up survey page, reached only through the signed link of a survey message (events.surveys).

Every answer is private: the page is never cached, never indexed, and says nothing
about anyone to a visitor without a valid link. A link that is forged, for a deleted
registration, for a round that is not open, or from someone who asked not to be asked
again gets 404 with a page that says which; a second answer gets 409 and stores nothing.
"""

from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.forms import submission_rate_limited
from home.timezones import WIB

from .manage_views import private_page
from .models import Registration, SurveyAnswer
from .survey_forms import SurveyForm
from .surveys import (
    AlreadyAnswered,
    closes_at,
    is_open,
    last_session_end,
    opens_at,
    read_token,
    record_answer,
    stop_asking,
)

RATE_GROUP = "events.survey"
STOP = "berhenti"


def _page(event, request, context, status=200):
    return private_page(event, request, "events/survey.html", context, status)


def _refused(event, request, message, status=404):
    return _page(event, request, {"refused": message}, status)


def survey(event, request, token):
    found = read_token(token)
    if found is None:
        return _refused(event, request, _("This survey link is not valid. Please open the link exactly as you got it."))
    reference, months = found
    registration = Registration.objects.select_related("event").filter(reference=reference).first()
    if registration is None or registration.anonymised or registration.event.translation_key != event.translation_key:
        return _refused(event, request, _("This survey link is no longer valid: the registration has been deleted."))
    context = {"months": months, "registration": registration}
    if SurveyAnswer.objects.filter(registration=registration, round=months).exists():
        status = 409 if request.method == "POST" else 200
        return _page(event, request, context | {"answered": True}, status)
    if registration.follow_up_consent_at is None or not registration.completed:
        return _refused(event, request, _("You asked us not to send you these questions, so this link is closed."))
    last_end = last_session_end(registration.event_id)
    now = timezone.now()
    if not is_open(last_end, months, now):
        if last_end is not None and now < opens_at(last_end, months):
            message = _("This survey is not open yet.")
        else:
            closed = timezone.localtime(closes_at(last_end, months), WIB) if last_end else None
            message = _("This survey closed on %(day)s. Thank you all the same.") % {
                "day": date_format(closed, "j F Y") if closed else "–"
            }
        return _refused(event, request, message)
    if request.method != "POST":
        return _page(event, request, context | {"form": SurveyForm()})
    if submission_rate_limited(request, RATE_GROUP):
        return _page(event, request, context | {"form": SurveyForm(request.POST), "rate_limited": True}, 429)
    if STOP in request.POST:
        stop_asking(registration)
        return _page(event, request, context | {"stopped": True})
    form = SurveyForm(request.POST)
    if not form.is_valid():
        return _page(event, request, context | {"form": form}, 400)
    try:
        record_answer(registration, months, form.cleaned_data, now)
    except AlreadyAnswered:
        return _page(event, request, context | {"answered": True}, 409)
    # Post/redirect/get: the page that follows says the answers are in, and reloading it sends nothing.
    return HttpResponseRedirect(request.path)
