"""Settings for pytest: the base settings with fast hashing and throwaway media."""

import tempfile

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="pelatihan-test-media-")
# Tests render templates without running collectstatic first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# The public address of the test site: the host name of the Site record Wagtail's first migration makes.
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = "http://localhost"
# Serve static files through the finders, so tests need no collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Tests that check the page cache switch it on themselves (tests/test_page_cache.py).
PAGE_CACHE_ENABLED = False

# Tests run in one process, where the local-memory cache is shared: count login failures
# there as production does in Redis.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# A throwaway fifth content area (tests/fifth_area): a new app plugs in through its own hooks.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.fifth_area"]  # noqa: F405

# The test database is created, flushed and dropped with statements a production bound would cut
# short (DROP DATABASE waits for sessions to end); the slow-dependency tests set their own bound.
DATABASE_TIMEOUT = 0
DATABASES["default"].get("OPTIONS", {}).pop("options", None)  # noqa: F405  (only the statement_timeout)

# Wagtail's index updates run at once in the rest of the suite, as they did before the queue;
# the tests of the registrants' journey switch to the database queue themselves (tests/journey_support.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
