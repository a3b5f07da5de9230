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

Two middlewares share the work (config/settings/base.py):

- ``EarlyPageCacheMiddleware`` sits right below the security headers, above sessions,
  CSRF, locale and Wagtail: it answers a hit with **one** cache round trip (the entry,
  the content version and the live figures the address depended on last time, in one
  ``get_many``; which figures and which declared parameters an address has is learnt per
  process, and a wrong guess only costs a second trip), so a hit touches no session, no
  database and no URL routing. On Redis it answers with **none** once the process holds a
  copy of the entry (``LocalPages``) and its mirror of the versions (``home.version_mirror``,
  kept current by Redis pub/sub) confirms every version the entry recorded; a round trip,
  not Python, was most of a hit's cost under load. On a miss it opens the request's read-ahead window
  (``home.readahead``) and, on the way out, stores what the inner middleware prepared,
  with the headers the whole stack gave it (language, frame options), compressed once
  (``home.compression``).
- ``PageCacheMiddleware``, the last one, decides what may be stored (it sees the page's
  declarations, the user, the session and messages) and hands the entry up; used alone
  (tests, another stack) it looks up and stores by itself as before.
"""

import gzip
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import translation
from django.utils.cache import get_max_age, patch_cache_control, patch_vary_headers
from django.utils.functional import empty

from .cache import VERSION_KEY, cached_for, content_version, set_versions
from .compression import SplicedGzip, accepts_gzip, gzip_bytes, is_compressible
from .readahead import open_window

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


def live_versions(keys):
    """{key: version} of these live-figure keys, each made when missing (as content_version() makes its own).

    A key the cache lost again at once (or an unreachable cache) is absent from the result.
    """
    keys = list(keys)
    live = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in live}
    for key, value in missing.items():
        cache.add(key, value, None)
    if missing:
        live.update(cache.get_many(list(missing)))
    return live


def live_version(tag):
    """One live figure's current version, for caches of figures outside the page cache; None without a cache."""
    key = LIVE_PREFIX + tag
    return live_versions([key]).get(key)


def cached_live(request, tags, parts, build):
    """``build()`` kept as long as the page cache may keep a page that shows it, never in a preview.

    For what depends on the clock as well as on content and these live figures (the trainings one can
    join now): cached under the content version and the figures' versions, for at most
    PAGE_CACHE_LIVE_SECONDS, the time a cached page showing the same list is kept. A caller works out
    anything that must be right to the minute (a training's registration state) from the result itself.
    """
    keys = sorted(LIVE_PREFIX + tag for tag in tags)
    live = live_versions(keys)
    if len(live) != len(keys):
        return build()
    versions = tuple(live[key] for key in keys)
    return cached_for(request, (*parts, *versions), build, timeout=_setting("PAGE_CACHE_LIVE_SECONDS", 120))


def bump_live(*tags):
    """A live figure changed: pages that showed it are stale. Bumped now and again after commit."""
    keys = [LIVE_PREFIX + tag for tag in tags]

    def bump():
        set_versions({key: uuid.uuid4().hex for key in keys})

    bump()
    transaction.on_commit(bump)


# --- the middleware --------------------------------------------------------------

CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"__PAGE_CACHE_CSRF_TOKEN__"
NOT_STORED_HEADERS = {"set-cookie", "vary", "cache-control", "content-length", "content-encoding", "x-page-cache"}
PARAMETERS_PREFIX = "page-parameters:"
COUNT_PREFIX = "page-count:"
HINTS_KEPT = 4000


def _setting(name, default):
    return getattr(settings, name, default)


def path_language(request):
    """The language LocaleMiddleware will choose: the path's prefix, else the default (no prefix).

    With ``i18n_patterns(prefix_default_language=False)`` nothing else (cookie, Accept-Language)
    changes it; the store checks that LocaleMiddleware agreed.
    """
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _address(request):
    """(host, path, language), worked out once per request: a hit needs it four times."""
    address = request.__dict__.get("_page_cache_address")
    if address is None:
        address = request._page_cache_address = (request.get_host(), request.path, path_language(request))
    return address


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


# Per process: for an address, the parameters its page declared and the versions its entries
# depended on, so that a hit is one get_many. Only a guess: every version an entry recorded is
# checked, fetched in a second trip when the guess left it out.
_hints = OrderedDict()
_hints_lock = threading.Lock()


def _hint(address, parameters, version_keys):
    with _hints_lock:
        known = _hints.get(address)
        keys = tuple(dict.fromkeys([*(known[1] if known and known[0] == parameters else ()), *version_keys]))
        _hints[address] = (parameters, keys)
        _hints.move_to_end(address)
        while len(_hints) > HINTS_KEPT:
            _hints.popitem(last=False)


def forget_hints():
    """Tests: start from nothing learnt, nothing kept in the process."""
    with _hints_lock:
        _hints.clear()
    _local.clear()


class LocalPages:
    """Stored pages also kept in this process, up to PAGE_CACHE_LOCAL_BYTES, each until its own expiry.

    Served only while the cache's version mirror (``home.version_mirror``) confirms every version
    the entry recorded, so a hit needs no round trip at all; used only with a cache that mirrors
    its versions (Redis). The local-memory cache is in the process already.
    """

    def __init__(self):
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        found = self._entries.get(key)
        if found is None:
            return None
        entry, weight = found
        if time.time() >= entry["expires"]:
            with self._lock:
                if self._entries.get(key) is found:
                    self._drop(key)
            return None
        return entry

    def put(self, key, entry):
        budget = _local_bytes()
        weight = _weight(entry)
        if "expires" not in entry or weight > budget // 16:
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = (entry, weight)
            self._bytes += weight
            while self._bytes > budget:
                self._drop(next(iter(self._entries)))

    def _drop(self, key):
        found = self._entries.pop(key, None)
        if found is not None:
            self._bytes -= found[1]

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0


def _weight(entry):
    """About the bytes an entry holds: its body as stored, and the headers."""
    spliced = entry.get("spliced")
    body = sum(map(len, spliced.deflated)) + sum(map(len, spliced.pieces)) if spliced else 0
    body += len(entry.get("gzip") or entry.get("plain") or b"")
    return body + sum(len(name) + len(value) for name, value in entry["headers"])


_local = LocalPages()


def _local_bytes():
    return _setting("PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024)


def _version_mirror():
    mirror = getattr(cache, "version_mirror", None)
    return mirror() if mirror is not None and _local_bytes() else None


def _within_budget(request):
    """At most PAGE_CACHE_MAX_ENTRIES pages stored per site in each PAGE_CACHE_SECONDS window.

    Entries live at most one window, so no more than twice that many are ever alive per
    site, on any backend (the count is an atomic ``incr`` in Redis). Past the budget pages
    are served uncached (and hits go on) until the window turns.
    """
    seconds = max(1, _setting("PAGE_CACHE_SECONDS", 300))
    counter = f"{COUNT_PREFIX}{request.get_host()}:{int(time.time() // seconds)}"
    try:
        try:
            count = cache.incr(counter)  # the common case: the window's counter exists
        except ValueError:
            count = 1 if cache.add(counter, 1, 2 * seconds) else cache.incr(counter)
    except ValueError:  # the cache lost the counter (or is away): storing would fail too
        return False
    return count <= _setting("PAGE_CACHE_MAX_ENTRIES", 2000)


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


def _entry(response, content, has_form, versions, headers=None):
    """What is stored: the body compressed once (in pieces around the token on a form page)."""
    if headers is None:
        headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS]
    entry = {"versions": versions, "headers": headers, "has_form": has_form, "size": len(content)}
    if has_form:
        entry["spliced"] = SplicedGzip(content, CSRF_PLACEHOLDER)
    elif is_compressible(response):
        entry["gzip"] = gzip_bytes(content)
    else:
        entry["plain"] = content
    return entry


def _respond(request, entry, csrf=None):
    """A hit: the stored bytes as they are for gzip clients, decompressed for the others."""
    compressed = entry.get("plain") is None and accepts_gzip(request)
    if entry["has_form"]:
        if csrf is not None:
            csrf.process_request(request)  # reads the visitor's CSRF cookie, as CsrfViewMiddleware does
        token = get_token(request).encode()
        body = entry["spliced"].gzip(token) if compressed else entry["spliced"].plain(token)
    elif "plain" in entry:
        body = entry["plain"]
    else:
        body = entry["gzip"] if compressed else gzip.decompress(entry["gzip"])
    response = HttpResponse(body if request.method == "GET" else b"", status=200)
    for name, value in entry["headers"]:
        response[name] = value
    if "plain" not in entry:
        patch_vary_headers(response, ("Accept-Encoding",))
    if compressed:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(body))
    response["X-Page-Cache"] = "hit"
    _mark_public(response, entry["has_form"])
    if csrf is not None and entry["has_form"]:
        csrf.process_response(request, response)  # the CSRF cookie, when the visitor needs one
    return response


def _current(entry, found, fetched):
    """Are all the versions the entry recorded still current? Those not fetched yet cost one trip."""
    needed = entry["versions"]
    missing = [key for key in needed if key not in fetched]
    current = {key: found[key] for key in needed if key in found}
    if missing:
        current.update(cache.get_many(missing))
    return current == needed


class Pending:
    """Handed from PageCacheMiddleware up to EarlyPageCacheMiddleware: what to store, once."""

    def __init__(self, address, remembered, known_parameters):
        self.address = address
        self.remembered = remembered
        self.known_parameters = known_parameters
        self.store = None  # (key, entry, timeout, parameters), set by PageCacheMiddleware


class EarlyPageCacheMiddleware:
    """Answer hits before sessions, CSRF, locale and Wagtail; store misses (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith("/admin/"):
            return self.get_response(request)
        with open_window(f"{request.get_host()}{request.path}") as window:
            pending = None
            if request_is_cacheable(request):
                hit, pending = self._lookup(request, window)
                if hit is not None:
                    window.learning = False
                    return hit
                request._page_cache_pending = pending
            prefetch = getattr(cache, "prefetch", None)
            if prefetch is not None:
                prefetch(window.learnt())  # the fragments and figures this address read last time
            response = self.get_response(request)
            if pending is not None and pending.store is not None:
                response = self._store(request, response, pending)
            return response

    def _lookup(self, request, window):
        address = _address(request)
        mirror = _version_mirror()
        hint = _hints.get(address)
        if hint is not None:
            parameters, version_keys = hint
            key = page_key(request, parameters)
            if mirror is not None:
                entry = _local.get(key)
                if entry is not None and mirror.current(entry["versions"]):
                    return _respond(request, entry, self.csrf), None
        remembered, plain = parameters_key(request), page_key(request)
        seen = mirror.seen() if mirror is not None else None
        if hint is not None:
            keys = [key, VERSION_KEY, *version_keys]
        else:
            parameters, key = None, plain
            keys = [remembered, plain, VERSION_KEY]
        found = cache.get_many(keys)
        for looked_up in (remembered, plain, key):  # the page's own reads are learnt, not these
            window.read.pop(looked_up, None)
        if hint is None:
            parameters = found.get(remembered)
            if parameters is None:
                return None, Pending(address, remembered, None)
            parameters = tuple(parameters)
            key = page_key(request, parameters)
            entry = found.get(key) if key == plain else cache.get(key)
            window.read.pop(key, None)
        else:
            entry = found.get(key)
        pending = Pending(address, remembered, parameters)
        if not entry or not _current(entry, found, keys):
            return None, pending
        _hint(address, parameters, tuple(entry["versions"]))
        if mirror is not None:
            mirror.offer(entry["versions"], seen)  # read in this lookup: current unless a message came since
            _local.put(key, entry)
        return _respond(request, entry, self.csrf), pending

    def _store(self, request, response, pending):
        key, entry, timeout, parameters = pending.store
        allowed = {settings.CSRF_COOKIE_NAME} if entry["has_form"] else set()
        if response.status_code != 200 or response.streaming or set(response.cookies) - allowed:
            return response
        if getattr(request, "LANGUAGE_CODE", None) != pending.address[2]:
            return response
        # The headers the whole stack below gave the page (language, frame options), not only the view's.
        entry["headers"] = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS]
        values = {key: entry}
        if pending.known_parameters != parameters:
            values[pending.remembered] = list(parameters)
        cache.set_many(values, timeout)
        _hint(pending.address, parameters, tuple(entry["versions"]))
        if _version_mirror() is not None:
            _local.put(key, entry)
        if "gzip" in entry and accepts_gzip(request) and request.method == "GET":
            # The bytes just stored are the ones sent: a miss is compressed once too.
            response.content = entry["gzip"]
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(entry["gzip"]))
            patch_vary_headers(response, ("Accept-Encoding",))
        return response


class PageCacheMiddleware:
    """Decide what is stored, for EarlyPageCacheMiddleware (see the module docstring).

    Placed last, after CsrfViewMiddleware and MessageMiddleware, so it sees the page's
    declarations, the user, the session and queued messages. Alone (without the early
    middleware above it) it serves and stores by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return _mark_private(self.get_response(request))
        pending = getattr(request, "_page_cache_pending", None)
        remembered_key = parameters_key(request)
        if pending is None:
            # One round trip for the common case, a page that declares no parameters.
            plain_key = page_key(request)
            found = cache.get_many([remembered_key, plain_key])
            declared = found.get(remembered_key)
            if declared is not None:
                entry = found.get(plain_key) if not declared else cache.get(page_key(request, declared))
                if entry and _current(entry, {}, ()):
                    return _respond(request, entry)

        version = content_version()  # read before rendering: a change during it makes this copy stale
        response = self.get_response(request)
        noted = getattr(request, "live_figures", frozenset())
        if request.method != "GET" or version is None or not response_is_cacheable(request, response):
            return _mark_private(response)
        if len(response.content) > _setting("PAGE_CACHE_MAX_BYTES", 256 * 1024) or not _within_budget(request):
            response["X-Page-Cache"] = "miss"
            return _mark_public(response, bool(CSRF_FIELD.search(response.content)))
        parameters = tuple(getattr(request, "cache_query_parameters", ()))
        prepared = self._prepare(response, version, noted)
        if prepared is None:
            response["X-Page-Cache"] = "miss"
            return _mark_public(response, bool(CSRF_FIELD.search(response.content)))
        entry, timeout = prepared
        key = page_key(request, parameters)
        if pending is not None:
            pending.store = (key, entry, timeout, parameters)  # stored above, with the final headers
        else:
            cache.set_many({key: entry, remembered_key: list(parameters)}, timeout)
        response["X-Page-Cache"] = "miss"
        return _mark_public(response, entry["has_form"])

    def _prepare(self, response, version, noted):
        content, forms = CSRF_FIELD.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        versions = {VERSION_KEY: version}
        if noted:
            live = live_versions(noted)
            if len(live) != len(noted):
                return None  # the cache lost a version while we looked: do not store
            versions.update(live)
        timeout = _setting("PAGE_CACHE_SECONDS", 300)
        if noted:
            timeout = min(timeout, _setting("PAGE_CACHE_LIVE_SECONDS", 120))
        entry = _entry(response, content, bool(forms), versions)
        entry["expires"] = time.time() + timeout  # when the shared cache drops it: a local copy too
        return entry, timeout
