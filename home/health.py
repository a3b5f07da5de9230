"""Health check for load balancers: is this app server able to serve pages right now?

It must answer fast whatever the database does: a load balancer that waits on a hung
database gets no signal and keeps sending traffic. The database is asked from a
thread of its own, on a connection of its own, and the answer is "fail" when it has
not come within ``HEALTHZ_TIMEOUT`` seconds; the stuck thread ends by itself within the
database bound (home/postgresql), and meanwhile a second check waits for it rather
than piling another stuck connection on top.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

_one_check_at_a_time = threading.Lock()


def _select_one(result):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            result["ok"] = cursor.fetchone() == (1,)
    except Exception as error:
        result["error"] = error
    finally:
        connection.close()  # this thread's own connection: never left behind
        _one_check_at_a_time.release()


def _database_ok():
    bound = getattr(settings, "HEALTHZ_TIMEOUT", 2.0)
    deadline = time.monotonic() + bound
    if not _one_check_at_a_time.acquire(timeout=bound):
        logger.warning("Health check: the previous database check is still waiting")
        return False
    result = {}
    thread = threading.Thread(target=_select_one, args=(result,), name="healthz", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if not result.get("ok"):
        logger.warning("Health check: database does not answer (%s)", result.get("error", f"no answer in {bound} s"))
    return bool(result.get("ok"))


def _cache_ok():
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:
        logger.exception("Health check: cache does not answer")
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_ok()}
    # The local-memory cache cannot fail on its own; only a shared cache server is worth checking.
    if "LocMemCache" not in settings.CACHES["default"]["BACKEND"]:
        checks["cache"] = _cache_ok()
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", **{k: "ok" if v else "fail" for k, v in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)
