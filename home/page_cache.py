"""Whole-page cache for anonymous visitors, kept fresh by version numbers instead of deletes.

A cached page is stored with the versions it depends on:

- the content version (``home.cache``), bumped on every publish, unpublish, move
  or delete of a page and every snippet or site-setting change: every page depends on it;
- "live figure" versions, bumped by registrations and interest sign-ups. Only the
  pages that show those figures depend on them, and each page type says which it
  shows: a page model's ``live_figures()`` returns tags such as ``places`` (any
  training's places left) or ``signups:<translation key>`` (one campaign's count),
  and a model whose rows change a figure names the tags in ``changed_live_figures()``
  (``home.signals``). A campaign shared to thousands invalidates its own page, the
  campaign list and the home page on each sign-up, never the stories or the other
  campaigns.

A page is stored per host, path, language and the values of the query parameters its
page type declares (``cache_query_parameters``: filters, page number); any other
parameter neither makes an entry nor bypasses the cache. Which parameters a path's
page declared is learnt from its first render and remembered beside the entries.
Stored pages are bounded: none larger than ``PAGE_CACHE_MAX_BYTES``, and at most
``PAGE_CACHE_MAX_ENTRIES`` stored per site in each ``PAGE_CACHE_SECONDS`` window.

A stored page is served only while every version it recorded is still current, so
invalidation is one cache write and works across any number of app servers that
share the cache (Redis).

Never cached: anything but GET/HEAD, requests with a session or messages cookie
(editors, anyone with a message waiting), previews, the paths in
``PAGE_CACHE_EXCLUDED_PATHS`` (admin, /healthz/, search), responses other than
200, responses that set cookies or messages, and responses that say
``Cache-Control: private/no-cache/no-store`` (views opt out with ``never_cache``).

Pages carrying a form are cached with a placeholder for the CSRF token; each
visitor gets a fresh token (and the CSRF cookie) when the page is served, so
posting works exactly as on an uncached page. Such pages are ``private`` for
browsers and CDNs.
"""

import hashlib
import re
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils.cache import get_max_age, patch_cache_control
from django.utils.functional import empty

from .cache import VERSION_KEY, content_version

# --- dependencies on live figures ------------------------------------------------

LIVE_PREFIX = "page-live:"


def note_live_figures(request, page):
    """Record, for the page cache, what a page declares (a ``before_serve_page`` hook).

    The live figures it shows, and the query parameters that change what it shows
    (``cache_query_parameters`` on the page class: filters, page number): the cache
    key is built from those alone, so any other parameter is the same page.
    """
    declared = getattr(page, "live_figures", None)
    request.live_figures = frozenset(LIVE_PREFIX + tag for tag in declared()) if declared else frozenset()
    request.cache_query_parameters = tuple(sorted(getattr(page, "cache_query_parameters", ())))


def bump_live(*tags):
    """A live figure changed: pages that showed it are stale. Bumped now and again after commit."""
    keys = [LIVE_PREFIX + tag for tag in tags]

    def bump():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, None)

    bump()
    transaction.on_commit(bump)


# --- the middleware --------------------------------------------------------------

CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"__PAGE_CACHE_CSRF_TOKEN__"
NOT_STORED_HEADERS = {"set-cookie", "vary", "cache-control"}
PARAMETERS_PREFIX = "page-parameters:"
COUNT_PREFIX = "page-count:"


def _setting(name, default):
    return getattr(settings, name, default)


def _address(request):
    return [request.get_host(), request.path, getattr(request, "LANGUAGE_CODE", "")]


def page_key(request, parameters=()):
    """Host, path, language and the values of the query parameters the page declared, sorted.

    Any other parameter (trackers' utm_*/fbclid, a script's random ones) is left out:
    the same page, the same entry.
    """
    query = sorted((name, value) for name in parameters for value in request.GET.getlist(name))
    raw = "\n".join([*_address(request), urlencode(query)])
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def parameters_key(request):
    """Where the parameters a path's page declared are remembered (learnt from its first render)."""
    return PARAMETERS_PREFIX + hashlib.sha256("\n".join(_address(request)).encode()).hexdigest()


def _within_budget(request):
    """At most PAGE_CACHE_MAX_ENTRIES pages stored per site in each PAGE_CACHE_SECONDS window.

    Entries live at most one window, so no more than twice that many are ever alive per
    site, on any backend (the count is an atomic ``incr`` in Redis). Past the budget pages
    are served uncached (and hits go on) until the window turns.
    """
    seconds = max(1, _setting("PAGE_CACHE_SECONDS", 300))
    counter = f"{COUNT_PREFIX}{request.get_host()}:{int(time.time() // seconds)}"
    try:
        cache.add(counter, 0, 2 * seconds)
        return cache.incr(counter) <= _setting("PAGE_CACHE_MAX_ENTRIES", 2000)
    except ValueError:  # the cache lost the counter (or is away): storing would fail too
        return False


def request_is_cacheable(request):
    if not _setting("PAGE_CACHE_ENABLED", True) or request.method not in ("GET", "HEAD"):
        return False
    if any(request.path.startswith(prefix) for prefix in _setting("PAGE_CACHE_EXCLUDED_PATHS", ())):
        return False
    # A session cookie means an editor (or someone with messages waiting): their pages differ.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _says_do_not_store(response):
    value = response.get("Cache-Control", "").lower()
    return any(word in value for word in ("private", "no-cache", "no-store"))


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or _says_do_not_store(response):
        return False
    # Only a user already looked up can be logged in (no session cookie means anonymous).
    user = getattr(getattr(request, "user", None), "_wrapped", None)
    if user is not None and user is not empty and user.is_authenticated:
        return False
    if getattr(getattr(request, "session", None), "modified", False):
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and getattr(storage, "_queued_messages", None))


def _mark_private(response):
    if "Cache-Control" not in response and response.get("Content-Type", "").startswith("text/html"):
        patch_cache_control(response, private=True, no_cache=True)
    return response


def _mark_public(response, has_form):
    if has_form:
        # Each visitor gets their own token: a shared cache must not keep this copy.
        patch_cache_control(response, private=True, no_cache=True)
    elif get_max_age(response) is None:
        patch_cache_control(response, public=True, max_age=_setting("PAGE_CACHE_MAX_AGE", 60))
    return response


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the shared cache (see the module docstring).

    Placed after CsrfViewMiddleware and MessageMiddleware, so CSRF cookies and
    messages of a served page are handled by them as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return _mark_private(self.get_response(request))
        # One round trip for the common case, a page that declares no parameters.
        remembered_key, plain_key = parameters_key(request), page_key(request)
        found = cache.get_many([remembered_key, plain_key])
        declared = found.get(remembered_key)
        if declared is not None:
            entry = found.get(plain_key) if not declared else cache.get(page_key(request, declared))
            hit = self._serve(request, entry)
            if hit is not None:
                return hit

        version = content_version()  # read before rendering: a change during it makes this copy stale
        response = self.get_response(request)
        noted = getattr(request, "live_figures", frozenset())
        if request.method != "GET" or version is None or not response_is_cacheable(request, response):
            return _mark_private(response)
        if len(response.content) > _setting("PAGE_CACHE_MAX_BYTES", 256 * 1024) or not _within_budget(request):
            response["X-Page-Cache"] = "miss"
            return _mark_public(response, bool(CSRF_FIELD.search(response.content)))
        parameters = getattr(request, "cache_query_parameters", ())
        has_form = self._store(page_key(request, parameters), response, version, noted)
        cache.set(remembered_key, list(parameters), _setting("PAGE_CACHE_SECONDS", 300))
        response["X-Page-Cache"] = "miss"
        return _mark_public(response, has_form)

    def _serve(self, request, entry):
        if not entry:
            return None
        current = cache.get_many(list(entry["versions"]))
        if current != entry["versions"]:
            return None
        from django.http import HttpResponse

        content = entry["content"]
        if entry["has_form"]:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content if request.method == "GET" else b"", status=200)
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        return _mark_public(response, entry["has_form"])

    def _store(self, key, response, version, noted):
        content = response.content
        content, forms = CSRF_FIELD.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
        versions = {VERSION_KEY: version}
        if noted:
            live = cache.get_many(list(noted))
            missing = {tag: uuid.uuid4().hex for tag in noted if tag not in live}
            for tag, value in missing.items():
                cache.add(tag, value, None)
            live.update(cache.get_many(list(missing)) if missing else {})
            if len(live) != len(noted):
                return bool(forms)  # the cache lost a version while we looked: do not store
            versions.update(live)
        timeout = _setting("PAGE_CACHE_SECONDS", 300)
        if noted:
            timeout = min(timeout, _setting("PAGE_CACHE_LIVE_SECONDS", 120))
        headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS]
        cache.set(
            key,
            {"versions": versions, "content": content, "headers": headers, "has_form": bool(forms)},
            timeout,
        )
        return bool(forms)
