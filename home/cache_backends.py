"""Django's own Redis cache backend, made to fail soft.

A cache is an optimisation: when Redis is unreachable, reads miss and writes
are dropped (and logged), so pages are served straight from the database
instead of failing with a 500.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionError, TimeoutError, OSError)


def _soft(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE:
                logger.warning("Cache unreachable during %s; serving without it", method.__name__, exc_info=True)
                return default(args, kwargs) if callable(default) else default

        return wrapper

    return decorate


def _soft_counter(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("Cache unreachable during %s; counting skipped", method.__name__, exc_info=True)
            # Django's contract for a missing key; rate limiting then fails open instead of failing the request.
            raise ValueError("cache unreachable") from error

    return wrapper


def _default_of_get(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class ResilientRedisCache(RedisCache):
    get = _soft(_default_of_get)(RedisCache.get)
    get_many = _soft({})(RedisCache.get_many)
    has_key = _soft(False)(RedisCache.has_key)
    add = _soft(False)(RedisCache.add)
    set = _soft(None)(RedisCache.set)
    set_many = _soft([])(RedisCache.set_many)
    touch = _soft(False)(RedisCache.touch)
    delete = _soft(False)(RedisCache.delete)
    delete_many = _soft(None)(RedisCache.delete_many)
    clear = _soft(None)(RedisCache.clear)
    incr = _soft_counter(RedisCache.incr)
    decr = _soft_counter(RedisCache.decr)
