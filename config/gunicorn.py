"""gunicorn settings, read from the environment so the same file serves a laptop and a server.

gunicorn -c config/gunicorn.py config.wsgi
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads let one worker wait on the database for one request while serving another.
# Several worker processes only with a shared cache (REDIS_URL): the page cache and the
# content version that keeps it fresh live in the cache, and the local-memory default
# is private to each process. Without Redis, one process serves with more threads.
shared_cache = bool(os.environ.get("REDIS_URL"))
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1 if shared_cache else 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4 if shared_cache else 8))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never take a server down (the
# others answer meanwhile). Not too often: a new worker takes about 2 s of CPU to load the
# site, so recycling every 2,000 requests cost as much CPU per request as answering a cached
# page (measured with make bench-pages on 2 cores).
# A lone process keeps the local-memory cache: recycling it would empty the cache and
# leave nobody to answer while it restarts.
max_requests = 20000 if workers > 1 else 0
max_requests_jitter = 2000
# GUNICORN_ACCESS_LOG="" switches the access log off (benchmarks).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
