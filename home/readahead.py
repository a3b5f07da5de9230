"""Every cache read a page makes, in one round trip: a per-request read-ahead window.

An uncached page reads a dozen cached fragments and figures (menus, breadcrumbs, language
links, the contact details, ``{% cache %}`` fragments, the content version), each a call
to Redis of its own. The page cache's middleware opens a *window* for each public GET
(``open_window``): the keys the same address read last time in this process are fetched
at once with one ``get_many``, and the reads of the render are answered from the window;
a key not in it goes to the cache as before and is learnt for next time. Writes go to the
cache and replace (or drop) the window's copy, so a request reads its own writes.

The window lives for one request, in a context variable (each gunicorn thread has its own).
Keys embed the content version, so a change makes new keys: the old ones are fetched once
more, miss, and are forgotten. A value can be at most one request old, read at its start,
as the page cache reads its versions before rendering anyway.

The cache backends mix ``ReadAheadMixin`` in (``home.cache_backends``): it is the backend of
the ``default`` cache only (the one every fragment and figure uses).
"""

import contextvars
import threading
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT

MISSING = object()
LEARNT_ADDRESSES = 2000
LEARNT_KEYS = 64

_window = contextvars.ContextVar("cache_read_ahead", default=None)
_learnt = OrderedDict()
_learnt_lock = threading.Lock()


class Window:
    def __init__(self, address):
        self.address = address
        self.values = {}
        self.read = {}  # keys read, in order (a dict keeps order)
        # False for a request the page cache answered: it read only the page's versions, and
        # remembering those would replace what the address's render reads.
        self.learning = True

    def learnt(self):
        return list(_learnt.get(self.address, ()))

    def remember(self):
        if not self.learning:
            return
        keys = tuple(self.read)[:LEARNT_KEYS]
        with _learnt_lock:
            if _learnt.get(self.address) != keys:
                _learnt[self.address] = keys
            _learnt.move_to_end(self.address)
            while len(_learnt) > LEARNT_ADDRESSES:
                _learnt.popitem(last=False)


class open_window:  # noqa: N801 (used as a context manager, like a function)
    """``with open_window(address) as window:`` around a request's rendering."""

    def __init__(self, address):
        self.window = Window(address)

    def __enter__(self):
        self.token = _window.set(self.window)
        return self.window

    def __exit__(self, *exc):
        _window.reset(self.token)
        if exc[0] is None:
            self.window.remember()
        return False


def current_window():
    return _window.get()


def forget_learnt():
    """Tests: start from nothing learnt."""
    with _learnt_lock:
        _learnt.clear()


class ReadAheadMixin:
    """Reads answered from the request's window when one is open (see the module docstring).

    The concrete backend provides ``_fetch_many(keys)``: one round trip for all of them.
    """

    def get(self, key, default=None, version=None):
        window = _window.get()
        if window is None or version is not None:
            return super().get(key, default, version)
        window.read[key] = True
        value = window.values.get(key, MISSING)
        if value is MISSING and key not in window.values:
            value = super().get(key, MISSING)
            window.values[key] = value
        return default if value is MISSING else value

    def get_many(self, keys, version=None):
        window = _window.get()
        if window is None or version is not None:
            return self._fetch_many(list(keys), version)
        keys = list(keys)
        for key in keys:
            window.read[key] = True
        wanted = [key for key in keys if key not in window.values]
        if wanted:
            found = self._fetch_many(wanted)
            for key in wanted:
                window.values[key] = found.get(key, MISSING)
        return {key: window.values[key] for key in keys if window.values[key] is not MISSING}

    def prefetch(self, keys):
        """Fill the window with these keys in one round trip (not counted as read by the page)."""
        window = _window.get()
        wanted = [key for key in dict.fromkeys(keys) if window is not None and key not in window.values]
        if wanted:
            found = self._fetch_many(wanted)
            for key in wanted:
                window.values[key] = found.get(key, MISSING)

    def _forget(self, *keys):
        window = _window.get()
        if window is not None:
            for key in keys:
                window.values.pop(key, None)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key)
        return super().set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(*data)
        return super().set_many(data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key)
        return super().add(key, value, timeout, version)

    def delete(self, key, version=None):
        self._forget(key)
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._forget(*keys)
        return super().delete_many(keys, version)

    def incr(self, key, delta=1, version=None):
        self._forget(key)
        try:
            return super().incr(key, delta, version)
        finally:
            self._forget(key)

    def decr(self, key, delta=1, version=None):
        self._forget(key)
        try:
            return super().decr(key, delta, version)
        finally:
            self._forget(key)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key)
        return super().touch(key, timeout, version)
