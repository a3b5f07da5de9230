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

    def _slot(self, key, version):
        """The window's name for a key: the key itself in the cache's own version, which is what
        get_many and the read-ahead fetch; with another version (Wagtail reads its site root paths
        with one of their own, once per page URL it builds), the pair."""
        return key if version is None or version == self.version else (key, version)

    def _written_back(self, key, value, version):
        """A rendition Wagtail read from the cache (or prefetched) and is only writing back.

        Wagtail 8.0.1 writes every rendition it uses back to the cache: ``get_rendition`` always, and
        ``get_renditions`` each one it found in the cache (its ``_from_cache`` flag was set only for
        prefetched ones). That is a round trip and a pickled row per image on every render, and the
        write made the window forget the key, so the same image further down the page was read again.
        Fixed upstream in wagtail/wagtail#14541 (c1c39fe), not released in 8.0.x: drop this then. A
        rendition is a row that does not change (changing an image deletes its renditions), so the
        write-back stores nothing new; a rendition just made is not this object and is still stored.
        """
        from wagtail.images.models import AbstractRendition

        if not isinstance(value, AbstractRendition):
            return False
        if getattr(value, "_from_cache", False):
            return True
        window = _window.get()
        return window is not None and window.values.get(self._slot(key, version)) is value

    def get(self, key, default=None, version=None):
        window = _window.get()
        if window is None:
            return super().get(key, default, version)
        slot = self._slot(key, version)
        if slot == key:
            window.read[key] = True  # learnt and read ahead next time (in the cache's own version only)
        value = window.values.get(slot, MISSING)
        if value is MISSING and slot not in window.values:
            value = super().get(key, MISSING, version)
            window.values[slot] = value
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

    def _forget(self, *keys, version=None):
        window = _window.get()
        if window is not None:
            for key in keys:
                window.values.pop(self._slot(key, version), None)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._written_back(key, value, version):
            return None
        self._forget(key, version=version)
        return super().set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        data = {key: value for key, value in data.items() if not self._written_back(key, value, version)}
        if not data:
            return []
        self._forget(*data, version=version)
        return super().set_many(data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key, version=version)
        return super().add(key, value, timeout, version)

    def delete(self, key, version=None):
        self._forget(key, version=version)
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._forget(*keys, version=version)
        return super().delete_many(keys, version)

    def incr(self, key, delta=1, version=None):
        self._forget(key, version=version)
        try:
            return super().incr(key, delta, version)
        finally:
            self._forget(key, version=version)

    def decr(self, key, delta=1, version=None):
        self._forget(key, version=version)
        try:
            return super().decr(key, delta, version)
        finally:
            self._forget(key, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key, version=version)
        return super().touch(key, timeout, version)
