"""The "notify me" form of a skill area (home.public_forms' flow) and its thank-you page, under the schedule page."""

from django.db import transaction
from django.utils.translation import gettext as _

from home.public_forms import already_sent, handle_public_form

from .interest import NotifyMeForm, record_interest, skill_areas_in

RATE_GROUP = "events.notify-me"


def _render(index, request, context, status=200):
    response = index.render(request, template="events/notify_form.html", context_overrides=context)
    response.status_code = status
    # What the visitor typed may be in the page again: never keep it in a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def notify(index, request):
    """GET ?bidang=<slug> offers that skill area (all of them without it); a POST may name any of the language's."""
    wanted = request.GET.get("bidang", "")[:100]
    areas = skill_areas_in(index.locale_id)
    shown = [area for area in areas if area.slug == wanted] or areas
    context = {"heading": _("Tell me when a new training opens")}
    return handle_public_form(
        request,
        make_form=lambda data: NotifyMeForm(data, skill_areas=areas if data is not None else shown),
        save=record_interest,
        success_url=lambda _interest: index.url + index.reverse_subpage("notify_thanks"),
        render=lambda status, **form_context: _render(index, request, context | form_context, status),
        rate_group=RATE_GROUP,
    )


def notify_thanks(index, request):
    response = index.render(
        request,
        template="events/notify_thanks.html",
        context_overrides={"already": already_sent(request)},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def stop(index, request, token):
    """The signed link in a "new batch" message: GET asks to confirm (link previews must not delete), POST deletes."""
    from .new_batch import interest_for_token

    interest = interest_for_token(token)
    if request.method == "POST" and interest is not None:
        with transaction.atomic():
            interest.delete()  # and its messages: nothing of the person is kept
        stopped, status = True, 200
    elif request.method == "POST":
        stopped, status = True, 200  # already deleted (a second click), or never there: the same answer
    else:
        stopped, status = False, 200 if interest is not None else 404
    response = index.render(
        request,
        template="events/notify_stop.html",
        context_overrides={"interest": interest, "stopped": stopped, "valid": interest is not None or stopped},
    )
    response.status_code = status
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
