"""Bounded waits on a socket that may never answer.

A database server behind a partitioned network (or stuck on a full disk) keeps the
TCP connection open and simply never replies: the server's own statement timeout
never fires, because the statement never arrives. The only bound that holds then is
one the client keeps itself. ``Deadlines`` is that bound for every process: a single
watchdog thread that shuts down the socket of any call still running past its
deadline, so the blocked read returns at once with an error (for the database,
Django's ``OperationalError``, which the site turns into its 503 page).

One thread per process, checked four times a second: a call costs a dictionary
insert and delete, not a timer thread of its own.
"""

import itertools
import os
import socket
import threading
import time
from contextlib import contextmanager


class Deadlines:
    TICK = 0.25

    def __init__(self):
        self._lock = threading.Lock()
        self._calls = {}
        self._ids = itertools.count()
        self._thread = None
        self._pid = None

    def _ensure_thread(self):
        # After a fork (gunicorn workers) the parent's thread does not exist in the child.
        if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._watch, name="deadlines", daemon=True)
            self._thread.start()

    @contextmanager
    def bound(self, fileno, seconds):
        """Run the block; if it still runs after ``seconds``, shut the socket ``fileno`` down."""
        if not seconds or fileno is None or fileno < 0:
            yield
            return
        call = next(self._ids)
        with self._lock:
            self._ensure_thread()
            self._calls[call] = (time.monotonic() + seconds, fileno)
        try:
            yield
        finally:
            with self._lock:
                self._calls.pop(call, None)

    def _watch(self):
        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                # Shut down under the lock: the call cannot finish (and its socket be closed and
                # its number reused) while we act on it.
                for call, (deadline, fileno) in list(self._calls.items()):
                    if now >= deadline:
                        del self._calls[call]
                        _shutdown(fileno)


def _shutdown(fileno):
    try:
        duplicate = socket.socket(fileno=os.dup(fileno))
    except OSError:
        return
    try:
        # shutdown() acts on the socket itself, so the original descriptor's blocked read ends too.
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        duplicate.close()


deadlines = Deadlines()
