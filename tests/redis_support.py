"""A real Redis for the tests about it: 127.0.0.1:6379, database 5, a key prefix per test.

Each test's keys are deleted by their prefix afterwards, never by flushing the database:
tests in other xdist workers share it. Skipped where no Redis answers, failed in CI,
which must provide one.
"""

import os
import threading
import time
import uuid

import pytest

LOCATION = "redis://127.0.0.1:6379/5"


def redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(LOCATION, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        if os.environ.get("CI") == "true":
            pytest.fail("no Redis at 127.0.0.1:6379: CI must provide one")
        pytest.skip("no Redis at 127.0.0.1:6379")


def cache_settings(location=LOCATION, prefix=None):
    """A ReadAheadRedisCache with the production timeouts, under a prefix of its own."""
    return {
        "BACKEND": "home.cache_backends.ReadAheadRedisCache",
        "LOCATION": location,
        "KEY_PREFIX": prefix or f"test-{uuid.uuid4().hex}",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }


def wait_until(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def following_redis():
    """The default cache's version mirror, once it follows Redis (its subscriber has had a pong)."""
    from django.core.cache import cache

    mirror = cache.version_mirror()
    assert wait_until(mirror.live), "the version mirror follows Redis"
    return mirror


def delete_keys(prefix):
    import redis

    client = redis.Redis.from_url(LOCATION)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


class RoundTrips(list):
    """Commands redis-py sends from the thread that made this (not the version mirror's pings)."""

    def __enter__(self):
        from redis.connection import Connection

        self._send = send = Connection.send_packed_command
        here = threading.get_ident()

        def counting(connection, *args, **kwargs):
            if threading.get_ident() == here:
                self.append(args)
            return send(connection, *args, **kwargs)

        Connection.send_packed_command = counting
        return self

    def __exit__(self, *exc):
        from redis.connection import Connection

        Connection.send_packed_command = self._send
        return False
