from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language


def page_not_found(request, exception=None):
    """The translated 404 page, in the language of the URL (LocaleMiddleware has activated it)."""
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request=request))


def server_error(request):
    from home.security import current_error_is_database_outage, database_unavailable

    if current_error_is_database_outage():
        # The database went away in a middleware rather than a view: the same 503 page.
        return database_unavailable(request)
    # Rendered without the request and without touching the database: the
    # error may be the database itself.
    return HttpResponseServerError(loader.render_to_string("500.html", {"LANGUAGE_CODE": get_language()}))


# Never echoed back: secrets, tokens and the bots' trap field (home.forms.PublicForm.honeypot_field).
_NOT_SHOWN = ("password", "token", "csrf", "website")


def _typed_values(request):
    """What the visitor typed, so it is not lost even where Back does not restore the form.

    Only on the public site (never the admin), only text fields, never secrets, and bounded.
    """
    if request.method != "POST" or request.path.startswith("/admin/"):
        return []
    values = []
    for name, value in list(request.POST.items())[:20]:
        if any(word in name.lower() for word in _NOT_SHOWN) or not value.strip() or value == "on":
            continue
        values.append(value[:500])
    return values


def csrf_failure(request, reason=""):
    """A form that could not be accepted (expired or missing token): say what to do, in the site's frame.

    Django's stock page has inline styles (refused by our CSP) and speaks to developers. Nothing
    was stored; the visitor goes back, and sends the form again with a fresh token.
    """
    from django.http import HttpResponseForbidden
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.META.get("HTTP_REFERER", "")
    back = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()) else ""
    context = {"back_url": back or request.path, "typed_values": _typed_values(request)}
    response = HttpResponseForbidden(loader.render_to_string("403_csrf.html", context, request=request))
    response["Cache-Control"] = "no-store"
    return response
