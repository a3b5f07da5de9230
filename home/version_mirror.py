"""Each process's copy of the page cache's version numbers, kept current by Redis pub/sub.

A page-cache hit is served only while every version its entry recorded is still current
(``home.page_cache``). Asking Redis for them costs a round trip per hit, and under load that
round trip, not Python, was most of a hit's cost: with ``wrk`` against gunicorn (bench/pages.py's
setup) the cached home page ran at 0.67 of a static file's rate with it and 1.19 without it.

So every write of a version also publishes it, in the same MULTI (what is announced is what is
stored: ``ReadAheadRedisCache.set_versions``), and each process keeps a mirror of the versions,
updated by one subscriber thread:

- The mirror is *live* only while the subscriber hears from Redis: it pings every PING_SECONDS on
  the subscribed connection, and Redis answers a ping only after every message published before it
  was sent. A pong for a ping sent at ``t`` thus proves the mirror missed nothing published before
  ``t``; the mirror is trusted until ``t + TRUST_SECONDS``.
- A value enters the mirror from a message, or from a read of Redis during which no message
  arrived at all (``offer``): a read can never overwrite a newer message. This process's own
  write drops the values it replaced (``replaced``), so its next hit reads them from Redis.
- On (re)subscribing the mirror starts empty; on any error it is emptied and not live, and the
  subscriber reconnects.

A change made anywhere is therefore seen here as soon as its message arrives (well under a
millisecond on one host; the process that made the change sees it at once), and if the
subscription breaks silently, after at most TRUST_SECONDS. A version the mirror lacks costs the
round trip, as before.
"""

import collections
import contextlib
import json
import logging
import os
import threading
import time

logger = logging.getLogger(__name__)

PING_SECONDS = 0.05
TRUST_SECONDS = 0.5
RECONNECT_SECONDS = 1.0


class VersionMirror:
    def __init__(self, client, channel):
        self._client = client
        self.channel = channel
        self._lock = threading.Lock()
        self._values = {}
        self._generation = 0
        self._live_until = 0.0
        self._pid = None
        self._down_since = None

    def start(self):
        """Start this process's subscriber, once per process (a forked worker starts its own)."""
        if self._pid == os.getpid():
            return self
        with self._lock:
            if self._pid != os.getpid():
                self._pid = os.getpid()
                self._forget()
                threading.Thread(target=self._run, name="page-cache-versions", daemon=True).start()
        return self

    def stop(self):
        """End this process's subscriber (within PING_SECONDS); ``start`` makes a new one."""
        with self._lock:
            self._pid = None
            self._forget()

    def live(self):
        return time.monotonic() < self._live_until

    def current(self, versions):
        """Are all these {key: version} the mirror's, and is the mirror live?"""
        if not self.live():
            return False
        values = self._values
        return all(values.get(key) == version for key, version in versions.items())

    def seen(self):
        """Taken before a read of Redis, handed to ``offer`` after it."""
        return self._generation

    def offer(self, values, seen):
        """Values read from Redis: kept if no message (nor reconnection) came while they were read."""
        with self._lock:
            if self._generation == seen and self.live():
                self._values.update(values)

    def replaced(self, keys):
        """Versions this process has just written: asked of Redis again until their messages come.

        Not taken as the new values: another process's later write may have been announced
        already, and its message must not be overwritten by ours. The next hit reads them from
        Redis (read-your-writes in this process), and a read still in flight is not offered.
        """
        with self._lock:
            self._generation += 1
            for key in keys:
                self._values.pop(key, None)

    def _forget(self):
        self._generation += 1
        self._values.clear()
        self._live_until = 0.0

    def _run(self):
        pid = os.getpid()
        while self._pid == pid:
            pubsub = self._client.pubsub()
            try:
                self._listen(pubsub, pid)
            except Exception as error:  # whatever broke, the mirror is not to be trusted until resubscribed
                with self._lock:
                    self._forget()
                if self._down_since is None:
                    self._down_since = time.monotonic()
                    logger.warning("Page-cache versions not followed (%s): hits ask Redis until it answers", error)
                time.sleep(RECONNECT_SECONDS)
            finally:
                with contextlib.suppress(Exception):  # a broken connection is being dropped anyway
                    pubsub.close()

    def _listen(self, pubsub, pid):
        pubsub.subscribe(self.channel)
        pings = collections.deque()
        subscribed = False
        heard = time.monotonic()
        while self._pid == pid:
            now = time.monotonic()
            if not pings or now - pings[-1] >= PING_SECONDS:
                pubsub.ping()
                pings.append(now)
            message = pubsub.get_message(timeout=PING_SECONDS)
            now = time.monotonic()
            if message is None:
                if now - heard > TRUST_SECONDS:
                    raise TimeoutError(f"no answer from Redis for {now - heard:.1f} s")
                continue
            heard = now
            kind = message["type"]
            if kind == "subscribe":
                with self._lock:
                    self._forget()
                subscribed = True
                if self._down_since is not None:
                    logger.warning("Page-cache versions followed again after %.1f s", now - self._down_since)
                    self._down_since = None
            elif kind == "pong" and pings:
                sent = pings.popleft()
                with self._lock:
                    if subscribed and self._pid == pid:  # not once stopped
                        self._live_until = sent + TRUST_SECONDS
            elif kind == "message":
                values = json.loads(message["data"])
                with self._lock:
                    self._generation += 1
                    self._values.update(values)
