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
