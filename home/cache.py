"""One version number for everything the public pages show.

Shared pieces of every page (menu, footer, language links, breadcrumbs) are
cached under keys that include this number; any change to content bumps it, so
nothing stale is ever served and nothing has to know which keys to delete.

With the default local-memory cache the number lives in each process; use
Redis (REDIS_URL) whenever more than one process serves the site.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "content-version"
TIMEOUT = 60 * 60 * 24


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version(**kwargs):
    """Called on any content change.

    Bumped at once, and again after commit: a reader between the two would
    cache the old, still-committed state under the first new number.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    set_versions({VERSION_KEY: _new_version()})


def set_versions(values):
    """Write version numbers (kept until replaced); on Redis every process's mirror hears of them too.

    Every write of a version the page cache checks goes through here, so that no process
    answers from its mirror (``home.version_mirror``) a version that was replaced.
    """
    announce = getattr(cache, "set_versions", None)
    if announce is None:
        cache.set_many(values, None)
    else:
        announce(values)


def _new_version():
    # Random, not a timestamp: two changes in the same instant (or under a frozen test clock) differ.
    return uuid.uuid4().hex


def cached(parts, build, timeout=TIMEOUT):
    """`build()` once per content version and key parts; always `build()` when the cache is unreachable."""
    version = content_version()
    if version is None:
        return build()
    key = "frame:" + ":".join(str(p) for p in (version, *parts))
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


def cached_for(request, parts, build, timeout=TIMEOUT):
    """`cached()`, except in previews, which show drafts that must never be cached or served from cache."""
    if getattr(request, "is_preview", False):
        return build()
    return cached(parts, build, timeout)
