"""Local development: `make run`. Never use on a public server."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Template changes show at once while developing; `make serve` measures the cache.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=False)
