"""Production pieces added for scale: persistent checked connections, gunicorn's process model, release steps."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def settings_value(expression, **env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.dev")
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    done = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=clean, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_database_connections_persist_and_are_checked_before_reuse():
    value = settings_value(
        "s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "s.DATABASES['default']['ENGINE']",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/pelatihan",
    )
    # Django's PostgreSQL backend with a client-side bound on every round trip (home/postgresql).
    assert value == "60 True home.postgresql"


def test_postgresql_waits_are_bounded_by_settings_with_defaults():
    value = settings_value(
        "s.DATABASES['default']['OPTIONS'], s.CACHES['default']['OPTIONS'], s.CACHE_BREAKER_SECONDS",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/pelatihan",
        REDIS_URL="redis://127.0.0.1:6379/1",
        DJANGO_DATABASE_TIMEOUT="3",
    )
    assert "'connect_timeout': 2" in value and "'options': '-c statement_timeout=3000'" in value
    assert "'socket_connect_timeout': 0.25, 'socket_timeout': 0.25" in value
    assert value.endswith(" 5.0")


def test_redis_key_prefix_comes_from_the_environment():
    value = settings_value(
        "s.CACHES['default']['KEY_PREFIX']", REDIS_URL="redis://127.0.0.1:6379/2", CACHE_KEY_PREFIX="site-b"
    )
    assert value == "site-b"


def gunicorn_config(monkeypatch, **env):
    for name in ("REDIS_URL", "WEB_CONCURRENCY", "GUNICORN_THREADS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_DIR / "config" / "gunicorn.py"))


def test_gunicorn_runs_one_process_on_the_embedded_cache_and_never_recycles_it(monkeypatch):
    config = gunicorn_config(monkeypatch)
    assert (config["workers"], config["threads"], config["max_requests"]) == (1, 8, 0)
    assert config["worker_class"] == "gthread"


def test_gunicorn_runs_several_recycled_processes_with_a_shared_cache(monkeypatch):
    config = gunicorn_config(monkeypatch, REDIS_URL="redis://cache:6379/0")
    assert config["workers"] == (os.cpu_count() or 1) * 2 + 1
    assert config["max_requests"] > 0
    assert gunicorn_config(monkeypatch, REDIS_URL="redis://cache:6379/0", WEB_CONCURRENCY="3")["workers"] == 3


def test_release_steps_are_one_make_target():
    makefile = (BASE_DIR / "Makefile").read_text()
    release = makefile.split("\nrelease:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py migrate --noinput" in release
    assert "manage.py collectstatic --noinput" in release
