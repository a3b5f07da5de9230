"""Response hardening: one strict Content-Security-Policy for the public site,
a looser one for the Wagtail admin, and a polite 503 when the database is away.
"""

import logging
import sys
from dataclasses import asdict

from axes.backends import AxesStandaloneBackend
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


# What a view's @csp_* decorators leave on its response: then the policy is that response's own.
PER_RESPONSE_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_HEADERS = (
    (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
)
# {admin?: (policy, report-only policy)}: the settings' policies, built once per process.
_settings_policies = {}


@receiver(setting_changed)
def _forget_policies(**kwargs):
    _settings_policies.clear()


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy for every URL under ADMIN_CSP_PREFIXES.

    The public pages run no inline script or style, so their policy allows
    none; the Wagtail admin (and its page previews) needs inline scripts and
    styles, and frames itself for previews. A view's own @csp_* decorator still wins.

    django-csp builds the header text anew for every response, a sixth of the time of a
    page-cache hit (profiled in-process). Without a nonce or a view's own policy the text
    depends only on the settings and on whether the URL is the admin's, so it is built
    once per process for each; the rest is django-csp's own code path.
    """

    def process_response(self, request, response):
        own = getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in PER_RESPONSE_POLICY
        )
        if own or settings.DEBUG:
            return super().process_response(request, response)
        admin = request.path_info.startswith(settings.ADMIN_CSP_PREFIXES)
        policies = _settings_policies.get(admin)
        if policies is None:
            policies = _settings_policies.setdefault(
                admin,
                tuple(
                    build_policy(**asdict(self.get_policy_parts(request, response, report_only=ro)), report_only=ro)
                    for ro, *_rest in _HEADERS
                ),
            )
        for value, (_ro, header, exempt, setting) in zip(policies, _HEADERS, strict=True):
            if not value or header in response or getattr(response, exempt, False):
                continue
            excluded = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            if not request.path_info.startswith(excluded):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.replace is None and request.path_info.startswith(settings.ADMIN_CSP_PREFIXES):
            parts.replace = settings.ADMIN_CSP_REPLACE
        return parts


def database_unavailable(request=None):
    """The "back soon" page: a template with no database lookups, in the language of the URL."""
    language = get_language() or settings.LANGUAGE_CODE
    body = loader.render_to_string("503.html", {"LANGUAGE_CODE": language})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(settings.DATABASE_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turns a lost database connection in a view into a translated 503 with Retry-After.

    Errors raised by other middleware reach handler500 instead, which makes the
    same page (see home.views.server_error).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable while serving %s", request.path, exc_info=exception)
            return database_unavailable(request)
        return None


def current_error_is_database_outage():
    return isinstance(sys.exc_info()[1], DATABASE_DOWN)


class LoginAttemptBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes from a web request.

    Logins made in code without a request (management commands, the test
    client's login()) have no client to lock out; they go straight to the
    next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lockout page, translated, saying how long to wait (429 Too Many Requests)."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else None,
    }
    # The admin has no language prefix: the browser's language (or the language cookie) decides.
    with translation.override(translation.get_language_from_request(request)):
        response = render(request, "admin_lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Cache-Control"] = "no-store"
    return response
