"""Django's PostgreSQL backend with a client-side bound on every round trip.

``statement_timeout`` (set in the connection options, see config/settings/base.py)
stops a statement the server is running too long. It cannot stop a wait for a server
that never received the statement (a network partition, a proxy that stopped
forwarding): this backend bounds every query, commit, rollback and the connection
health check by ``DATABASE_TIMEOUT`` plus a little grace on the client, after which the
socket is shut down and the call fails with ``OperationalError``. The connection
itself is bounded by ``connect_timeout``. Django then drops the broken connection at
the end of the request and the next one reconnects: recovery needs no restart.
"""

from django.conf import settings
from django.db.backends.postgresql import base

from home.deadlines import deadlines


def _bound():
    seconds = getattr(settings, "DATABASE_TIMEOUT", 0)
    return seconds + 0.5 if seconds else 0


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Outermost wrapper: every cursor.execute()/executemany() of this connection passes it.
        self.execute_wrappers.insert(0, self._bounded_execute)

    def _fileno(self):
        try:
            return self.connection.fileno()
        except Exception:
            return None

    def _bounded(self):
        return deadlines.bound(self._fileno(), _bound())

    def _bounded_execute(self, execute, sql, params, many, context):
        with self._bounded():
            return execute(sql, params, many, context)

    def is_usable(self):
        if self.connection is None:
            return False
        with self._bounded():
            return super().is_usable()

    def _commit(self):
        if self.connection is None:
            return super()._commit()
        with self._bounded():
            return super()._commit()

    def _rollback(self):
        if self.connection is None:
            return super()._rollback()
        with self._bounded():
            return super()._rollback()
