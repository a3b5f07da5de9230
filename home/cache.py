"""One version number for everything the public pages show.

Shared pieces of every page (menu, footer, language links, breadcrumbs) are
cached under keys that include this number; any change to content bumps it, so
nothing stale is ever served and nothing has to know which keys to delete.

With the default local-memory cache the number lives in each process; use
Redis (REDIS_URL) whenever more than one process serves the site.
"""

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "content-version"
TIMEOUT = 60 * 60 * 24


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
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
    cache.set(VERSION_KEY, time.time_ns(), None)


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
