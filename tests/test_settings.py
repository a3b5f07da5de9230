"""Configuration comes from the environment, and production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "production-grade-secret-key-for-the-test-only-0123456789"


def run(args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=120)


def production(args, **env):
    return run(["manage.py", *args], DJANGO_SETTINGS_MODULE="config.settings.production", **env)


def test_production_without_secret_key_fails_clearly():
    result = production(["check"], DJANGO_ALLOWED_HOSTS="pelatihan.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_fails_clearly():
    result = production(["check"], DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path):
    result = production(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="pelatihan.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_database_and_cache_come_from_the_environment():
    code = (
        "import django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev';"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.CACHES['default']['BACKEND'])"
    )
    result = run(
        ["-c", code],
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/pelatihan",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert result.stdout.split() == [
        "home.postgresql",  # Django's PostgreSQL backend with bounded waits
        "pelatihan",
        "home.cache_backends.ReadAheadRedisCache",
    ]
    embedded = run(["-c", code])
    engine, name, cache = embedded.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name.endswith("db.sqlite3")
    assert cache == "home.cache_backends.ReadAheadLocMemCache"


def test_whitenoise_comes_right_after_the_security_middleware():
    middleware = settings.MIDDLEWARE
    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    assert middleware[1] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_production_static_files_are_compressed_and_hashed():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production';"
        "from django.conf import settings as s; print(s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = run(["-c", code], DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="example.org")
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_languages_and_time_zone():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Pontianak"
