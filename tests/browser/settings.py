"""The site as the browser tests see it: development settings with DEBUG off, so pages, errors and
headers are the production ones, while static files still come from the source folders."""

import os

from config.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
MEDIA_ROOT = os.environ["BROWSER_TEST_MEDIA_ROOT"]
# The tests register many times from one address.
PUBLIC_FORM_RATE = "10000/h"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
