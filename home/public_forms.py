"""The one way the site answers a public form: training registration and campaign sign-ups alike.

GET shows the empty form. A POST counts against the client's rate limit (429 once
over it), is validated by the app's PublicForm (honeypot, consent, WhatsApp number:
home.forms) and is shown again with its translated errors and 400 when anything
is wrong, storing nothing. A valid one is handed to the app's save service and
answered with a redirect (post/redirect/get), so reloading the next page never
sends the form twice. Someone who had already sent it (the same WhatsApp number)
lands on the same page with ``?sudah=1``, and nothing stored changes.

An app supplies its form, its save service, its page and its success URL; this
module knows no content app.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils.translation import get_language

from .forms import submission_rate_limited

# In a success URL: this person had already sent the form, so nothing new was stored.
ALREADY_SENT = "sudah"


def already_sent(request):
    """True on the success page of a form this person had already sent."""
    return request.GET.get(ALREADY_SENT) == "1"


def create_once(model, create, **same):
    """A save service's core: ``(create(), True)``, or ``(None, False)`` when a ``model`` row with ``same`` exists.

    The check first, so a repeated form changes nothing; the unique constraint behind it
    for the same form sent twice at the same moment (``create`` runs in its own savepoint).
    """
    if model.objects.filter(**same).exists():
        return None, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        return None, False


def handle_public_form(request, *, make_form, save, success_url, render, rate_group, already_url=None):
    """Answer a GET or POST of a public form.

    ``make_form(data)``: the app's PublicForm, bound to ``data`` (None: the empty form).
    ``save(cleaned_data, language)``: stores a valid submission in the page's language
    and returns ``(record, created)``; ``created`` is False when it was already there.
    ``success_url(record)``: where the redirect leads.
    ``render(status, **context)``: the app's page with the form (``form``, and
    ``rate_limited`` when the client sent too many).
    ``rate_group``: the rate limit's counter, one per form.
    ``already_url(record)``: where someone who had already sent it goes, when the
    success page would show them what another person stored (default: the success
    URL with ``?sudah=1``).
    """
    if request.method != "POST":
        return render(200, form=make_form(None))
    form = make_form(request.POST)
    if submission_rate_limited(request, rate_group):
        return _private(render(429, form=form, rate_limited=True))
    if not form.is_valid():
        return _private(render(400, form=form))
    record, created = save(form.cleaned_data, get_language() or settings.LANGUAGE_CODE)
    if not created and already_url is not None:
        return HttpResponseRedirect(already_url(record))
    url = success_url(record)
    return HttpResponseRedirect(url if created else f"{url}?{ALREADY_SENT}=1")


def _private(response):
    # What the visitor typed is in the page again: never keep it in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
