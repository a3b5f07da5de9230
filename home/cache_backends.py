"""Django's own Redis cache backend, made to fail soft, fast and quietly.

A cache is an optimisation: when Redis is unreachable, reads miss and writes
are dropped, so pages are served straight from the database instead of failing.

A Redis that *hangs* (accepts the connection, never answers) is worse than one
that refuses: each call waits its whole socket timeout, and a page makes a dozen
cache calls. So the backend carries a circuit breaker, one per process:

- **closed**: calls go to Redis;
- **open**: after a failure, for ``CACHE_BREAKER_SECONDS`` no call goes to Redis at
  all (reads miss, writes are dropped, counters fail open): a request pays for at
  most one slow call;
- **half-open**: then one call at a time is let through as a trial; success closes
  the breaker, failure opens it again.

One warning is logged when the cache goes away and one when it comes back, not one
per call. The socket timeouts themselves are the ``CACHE_CONNECT_TIMEOUT`` and
``CACHE_TIMEOUT`` settings (``OPTIONS`` of the cache, config/settings/base.py).
"""

import functools
import json
import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

from .readahead import MISSING, ReadAheadMixin
from .version_mirror import VersionMirror

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionError, TimeoutError, OSError)


class CircuitBreaker:
    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"

    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()
        self.state = self.CLOSED
        self.opened_at = None
        self.down_since = None
        self._trial_running = False

    def _cooldown(self):
        return getattr(settings, "CACHE_BREAKER_SECONDS", 5.0)

    def allow(self):
        """May this call go to Redis?"""
        with self._lock:
            if self.state == self.CLOSED:
                return True
            if self.state == self.OPEN and time.monotonic() - self.opened_at >= self._cooldown():
                self.state = self.HALF_OPEN
            if self.state == self.HALF_OPEN and not self._trial_running:
                self._trial_running = True
                return True
            return False

    def succeeded(self):
        if self.state == self.CLOSED:  # the common case, without the lock
            return
        with self._lock:
            self._trial_running = False
            if self.state != self.CLOSED:
                logger.warning(
                    "Cache reachable again (%s) after %.1f s; using it again",
                    self.name,
                    time.monotonic() - self.down_since,
                )
                self.state = self.CLOSED
                self.down_since = None

    def failed(self, operation, error):
        with self._lock:
            self._trial_running = False
            first = self.down_since is None
            self.state = self.OPEN
            self.opened_at = time.monotonic()
            if first:
                self.down_since = self.opened_at
                logger.warning(
                    "Cache unreachable (%s) during %s: %s; serving without it, retrying every %s s",
                    self.name,
                    operation,
                    error,
                    self._cooldown(),
                )


def _guarded(on_failure):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            breaker = self.breaker
            if not breaker.allow():
                return on_failure(args, kwargs, None)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                breaker.failed(method.__name__, error)
                return on_failure(args, kwargs, error)
            breaker.succeeded()
            return result

        return wrapper

    return decorate


def _returning(value):
    return lambda args, kwargs, error: value() if callable(value) else value


def _default_of_get(args, kwargs, error):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def _counting_skipped(args, kwargs, error):
    # Django's contract for a missing key; rate limiting then fails open instead of failing the request.
    raise ValueError("cache unreachable") from error


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one redis-py client per connection pool.

    Django builds a new ``redis.Redis`` for every cache call, and redis-py's constructor
    fills a table of about 170 response callbacks each time: a fifth of the time of a
    page-cache hit (profiled in-process, README "Benchmarks"). A redis-py client holds
    no connection of its own (it takes one from the pool for each command), so one per
    pool serves every call.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        # Django makes one backend object per thread: they share their location's breaker.
        location = server if isinstance(server, str) else ",".join(server)
        with _breakers_lock:
            self.breaker = _breakers.get(location) or _breakers.setdefault(location, CircuitBreaker(location))

    get = _guarded(_default_of_get)(RedisCache.get)
    get_many = _guarded(_returning(dict))(RedisCache.get_many)
    has_key = _guarded(_returning(False))(RedisCache.has_key)
    add = _guarded(_returning(False))(RedisCache.add)
    set = _guarded(_returning(None))(RedisCache.set)
    set_many = _guarded(_returning(list))(RedisCache.set_many)
    touch = _guarded(_returning(False))(RedisCache.touch)
    delete = _guarded(_returning(False))(RedisCache.delete)
    delete_many = _guarded(_returning(None))(RedisCache.delete_many)
    clear = _guarded(_returning(None))(RedisCache.clear)
    incr = _guarded(_counting_skipped)(RedisCache.incr)
    decr = _guarded(_counting_skipped)(RedisCache.decr)


# Per process, per Redis location: every thread's backend object shares its location's breaker.
_breakers = {}
_breakers_lock = threading.Lock()


# Per process, per Redis location and key prefix: one mirror of the page cache's versions.
_mirrors = {}
_mirrors_lock = threading.Lock()
VERSIONS_CHANNEL = "page-cache-versions"


def stop_mirrors():
    """Tests: end every mirror's subscriber; the next use starts one afresh."""
    with _mirrors_lock:
        for mirror in _mirrors.values():
            mirror.stop()
        _mirrors.clear()


class ReadAheadRedisCache(ReadAheadMixin, ResilientRedisCache):
    """The site's Redis cache: fail-soft (above), read ahead per request (``home.readahead``), and
    with the page cache's versions mirrored in every process (``home.version_mirror``)."""

    def _fetch_many(self, keys, version=None):
        return ResilientRedisCache.get_many(self, keys, version) if keys else {}

    def _channel(self):
        return (tuple(self._servers), self.make_key(VERSIONS_CHANNEL))

    @_guarded(_returning(None))
    def set_versions(self, values):
        """Store these version numbers (kept until replaced) and announce them, in one MULTI."""
        self._forget(*values)
        channel = self._channel()
        serializer = self._cache._serializer  # the one Django's client stores values with (OPTIONS)
        pipeline = self._cache.get_client(write=True).pipeline(transaction=True)
        for key, value in values.items():
            pipeline.set(self.make_and_validate_key(key), serializer.dumps(value))
        pipeline.publish(channel[1], json.dumps(values))
        pipeline.execute()
        mirror = _mirrors.get(channel)
        if mirror is not None:
            mirror.replaced(values)

    def version_mirror(self):
        """This process's mirror of the versions, its subscriber started on first use."""
        channel = self._channel()
        mirror = _mirrors.get(channel)
        if mirror is None:
            with _mirrors_lock:
                mirror = _mirrors.get(channel) or _mirrors.setdefault(
                    channel, VersionMirror(self._cache.get_client(), channel[1])
                )
        return mirror.start()


class ReadAheadLocMemCache(ReadAheadMixin, LocMemCache):
    """The embedded local-memory cache, read ahead per request like the Redis one."""

    def _fetch_many(self, keys, version=None):
        found = {}
        for key in keys:
            value = LocMemCache.get(self, key, MISSING, version)
            if value is not MISSING:
                found[key] = value
        return found
