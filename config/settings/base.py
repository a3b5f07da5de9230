"""Settings shared by every environment.

Everything that differs between a laptop and a server comes from environment
variables (read by django-environ); the defaults here are the embedded ones:
SQLite, local media, local-memory cache, so a fresh clone runs on Python alone.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "home",
    "stories",
    "events",
    "campaigns",
    # Impact figures from the follow-up surveys, above events and stories (it reads both).
    "impact",
    # Site-wide features, above the content apps: they read what those register (home/registry.py).
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Lets runserver serve static files through whitenoise too, so development
    # behaves like production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    # The task queue in the database (django-tasks' DatabaseBackend): messages to registrants
    # and Wagtail's own search and reference index updates, run by `manage.py db_worker`.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware: static files skip all the work below.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Security headers for pages (static files above need none of them).
    "home.security.SitePolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # gzip for text responses (pages, feeds, .ics, sitemap, JSON) that the page cache did not already
    # send compressed; Django's BREACH mitigation (random header padding, masked CSRF tokens) kept.
    "home.compression.CompressionMiddleware",
    # Cached pages are answered here, in one cache round trip, before sessions, CSRF, locale and
    # Wagtail's routing; on a miss it stores what PageCacheMiddleware (last) prepared (home/page_cache.py).
    "home.page_cache.EarlyPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A lost database in a view becomes a translated 503 with Retry-After.
    "home.security.DatabaseOutageMiddleware",
    # After authentication, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Last: decides what the page cache may store (it sees the user, session, messages and the page).
    "home.page_cache.PageCacheMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins from a locked-out client before any password is checked.
    "home.security.LoginAttemptBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.fragment_cache",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Keep connections open between requests, and check them before reuse so a
# restarted database does not cost a failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Bounded waits (see "Security and resilience" in the README). A database that accepts the
# connection and then never answers must cost a request seconds, not the length of the outage:
# connecting gives up after DATABASE_CONNECT_TIMEOUT (libpq's minimum is 2 s), a statement the
# server runs longer than DATABASE_TIMEOUT is cancelled by PostgreSQL (statement_timeout), and
# a reply that never comes (network partition) is cut off by the client half a second later
# (home/postgresql). gunicorn's GUNICORN_TIMEOUT must stay above connect + one statement bound.
DATABASE_CONNECT_TIMEOUT = env.int("DJANGO_DATABASE_CONNECT_TIMEOUT", default=2)
DATABASE_TIMEOUT = env.float("DJANGO_DATABASE_TIMEOUT", default=5.0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "home.postgresql"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    if DATABASE_TIMEOUT:
        _statement = f"-c statement_timeout={int(DATABASE_TIMEOUT * 1000)}"
        _options["options"] = f"{_options.get('options', '')} {_statement}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's own Redis backend when REDIS_URL is set; otherwise an in-process cache
# so that nothing but Python is needed.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backends.ReadAheadRedisCache",
            "LOCATION": REDIS_URL,
            # One Redis can serve several sites (or benchmark runs) apart.
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="pelatihan"),
            # Fail fast when Redis is away or hangs: the backend then serves from the database, and
            # stops asking Redis for CACHE_BREAKER_SECONDS after a failure (home/cache_backends.py).
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("CACHE_TIMEOUT", default=0.25),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "home.cache_backends.ReadAheadLocMemCache"}}

# After a cache failure, this process serves without the cache for so long before trying it again.
CACHE_BREAKER_SECONDS = env.float("CACHE_BREAKER_SECONDS", default=5.0)

# Whole-page cache for anonymous visitors (home/page_cache.py). Pages are kept up to
# PAGE_CACHE_SECONDS (pages showing places left or sign-up counts up to
# PAGE_CACHE_LIVE_SECONDS) and dropped at once when what they show changes; the
# timeouts only bound how late time-driven changes (a training ending) appear.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_LIVE_SECONDS = env.int("PAGE_CACHE_LIVE_SECONDS", default=120)
# Bounds on what the page cache holds: no page bigger than PAGE_CACHE_MAX_BYTES is stored, and at most
# PAGE_CACHE_MAX_ENTRIES pages are stored per site in each PAGE_CACHE_SECONDS window (so at most twice
# that many are alive). On Redis, also give the instance a ceiling: maxmemory with volatile-lru (README).
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_BYTES", default=256 * 1024)
PAGE_CACHE_MAX_ENTRIES = env.int("PAGE_CACHE_MAX_ENTRIES", default=2000)
# With Redis, each process also keeps up to this many bytes of stored pages and serves them without a
# round trip while its mirror of the versions (home/version_mirror.py) says they are current; 0: never.
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=16 * 1024 * 1024)
# Browsers and CDNs may keep a public page this long (Cache-Control: public, max-age).
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
# Never cached, whatever the response says: path prefixes, in every language.
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/healthz/", "/documents/", "/cari/", "/en/cari/"]

# A CDN in front (Cloudflare, or any proxy that accepts PURGE requests): Wagtail purges a
# page's URLs when it is published or unpublished. Off unless configured.
if env("CLOUDFLARE_ZONEID", default=""):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": env("CLOUDFLARE_ZONEID"),
            "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
        }
    }
elif env("FRONTEND_CACHE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_URL"),
        }
    }
if "WAGTAILFRONTENDCACHE" in globals():
    INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.contrib.settings"), "wagtail.contrib.frontend_cache")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. LANGUAGE_CODE must be "id" before the first migrate: Wagtail creates
# the first Locale from it, and that locale owns the default page tree.
LANGUAGE_CODE = "id"
# The project's Indonesian for Wagtail's and wagtail-localize's screens (home/admin_strings.py):
# LOCALE_PATHS come before every app's catalogue, so they override upstream's incomplete ones.
LOCALE_PATHS = [BASE_DIR / "home" / "admin_locale"]
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new English translation starts as a draft instead of going live with
# untranslated Indonesian text in it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
USE_I18N = True
# The admin speaks Indonesian to a new user (LANGUAGE_CODE); each user may choose English
# under Account > Preferences. Only the two languages of the site are offered.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail's login form with its password label translatable (home/admin_strings.py).
WAGTAILADMIN_USER_LOGIN_FORM = "home.admin_forms.LoginForm"
USE_TZ = True
# Palangka Raya keeps Western Indonesian Time (WIB, UTC+7, no daylight saving).
TIME_ZONE = "Asia/Pontianak"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Let Django itself serve MEDIA_ROOT (development does anyway); only for a single server without a web server.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# For django.core.mail.backends.smtp.EmailBackend. A mail server that hangs fails the
# attempt after EMAIL_TIMEOUT seconds; the worker tries the message again later.
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=20)
# Background work (README, "Registrants' journey"): one queue in the database, so any number
# of workers on any number of machines share it, and a task is stored in the same
# transaction as the change that causes it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Reminders before a registrant's first session: these times before it, plus the evening
# before (18:00 WIB) when REGISTRATION_REMINDER_EVENING_BEFORE is on.
REGISTRATION_REMINDER_DAYS = env.list("REGISTRATION_REMINDER_DAYS", cast=int, default=[2])
REGISTRATION_REMINDER_EVENING_BEFORE = env.bool("REGISTRATION_REMINDER_EVENING_BEFORE", default=True)
# How long the "manage my registration" link in messages stays valid.
REGISTRATION_LINK_DAYS = env.int("REGISTRATION_LINK_DAYS", default=120)
# Attempts of a message before it is shown to coordinators as failed; waits grow 1, 2, 4 … minutes.
MESSAGE_MAX_ATTEMPTS = env.int("MESSAGE_MAX_ATTEMPTS", default=6)
# WhatsApp Business Cloud API (README, "Registrants' journey"): on only when both the token and
# the phone number id are set; otherwise WhatsApp messages wait in the coordinators' wa.me list.
WHATSAPP_CLOUD_TOKEN = env("WHATSAPP_CLOUD_TOKEN", default="")
WHATSAPP_CLOUD_PHONE_NUMBER_ID = env("WHATSAPP_CLOUD_PHONE_NUMBER_ID", default="")
WHATSAPP_CLOUD_API_BASE = env("WHATSAPP_CLOUD_API_BASE", default="https://graph.facebook.com")
WHATSAPP_CLOUD_API_VERSION = env("WHATSAPP_CLOUD_API_VERSION", default="v21.0")
# Seconds before an API call counts as failed (and is tried again later).
WHATSAPP_CLOUD_TIMEOUT = env.float("WHATSAPP_CLOUD_TIMEOUT", default=10.0)
# The language code of each site language's approved templates in Meta's manager.
WHATSAPP_CLOUD_LANGUAGES = env.dict("WHATSAPP_CLOUD_LANGUAGES", default={"id": "id", "en": "en"})
# The worker's upkeep (events.upkeep), every UPKEEP_MINUTES: a send whose worker died is
# tried again after SEND_STALLED_MINUTES; finished task results are kept TASK_RESULTS_KEEP_DAYS.
UPKEEP_MINUTES = env.int("UPKEEP_MINUTES", default=10)
SEND_STALLED_MINUTES = env.int("SEND_STALLED_MINUTES", default=10)
TASK_RESULTS_KEEP_DAYS = env.int("TASK_RESULTS_KEEP_DAYS", default=14)
# Follow-up surveys of completers (events.surveys): one round this many months after the last
# session, sent at SURVEY_SEND_HOUR WIB; one reminder SURVEY_REMINDER_DAYS after it; the link
# answers for SURVEY_ANSWER_DAYS after the round opened.
SURVEY_FOLLOW_UP_MONTHS = env.list("SURVEY_FOLLOW_UP_MONTHS", cast=int, default=[3, 6])
SURVEY_SEND_HOUR = env.int("SURVEY_SEND_HOUR", default=9)
SURVEY_REMINDER_DAYS = env.int("SURVEY_REMINDER_DAYS", default=7)
SURVEY_ANSWER_DAYS = env.int("SURVEY_ANSWER_DAYS", default=30)
# Published groups (a training, a skill area, a year) with fewer answers than this are not shown.
SURVEY_MIN_GROUP = env.int("SURVEY_MIN_GROUP", default=5)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Pelatihan Palangka Raya <noreply@localhost>")

# Large page forms in the editor exceed Django's default of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = _("Pelatihan Palangka Raya")
# The one public address of the site: share links, QR codes, posters, the sitemap, canonical and og:url
# use it (home/addresses.py), and `make release`/`make run` write it into the Site record.
PUBLIC_BASE_URL = env(
    "DJANGO_PUBLIC_BASE_URL", default=env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
).rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
# Wagtail's database search backend; on PostgreSQL each language is stemmed by its own
# text search configuration (see search/backend.py). On SQLite: FTS5, whole words.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIGS": {"id": "indonesian", "en": "english"},
        "SEARCH_CONFIG": "simple",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}

# Public forms (registration, sign-ups): submissions per client IP, counted in the cache.
PUBLIC_FORM_RATE = env("PUBLIC_FORM_RATE", default="10/h")
# A cache outage must not stop people registering: rate limiting then lets requests through.
RATELIMIT_FAIL_OPEN = True
# The same client address as the admin lockout's (AXES_CLIENT_IP_CALLABLE); see TRUSTED_PROXY_COUNT.
# ratelimit's "ip" key still groups an IPv6 client's /64, which one subscriber gets whole.
RATELIMIT_IP_META_KEY = "home.client.client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# --- Security headers -----------------------------------------------------------
# The public pages run no inline script or style and load nothing from elsewhere
# but video embeds; JSON-LD blocks are data, not script, so CSP leaves them alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin writes inline scripts and styles, and shows page previews in its own frames.
ADMIN_CSP_PREFIXES = ("/admin/",)
ADMIN_CSP_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'", "https:"],
    "frame-ancestors": ["'self'"],
}
# No gravatar lookups: editors' avatars come from their own uploads (and the policy above stays closed).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Django's SecurityMiddleware already sends nosniff, Referrer-Policy and COOP; stated here so nobody wonders.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing on the site uses these browser features; an embedded video may play fullscreen.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": [
        "self",
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# An expired or missing CSRF token: a page in the site's frame and language, not Django's stock page.
CSRF_FAILURE_VIEW = "home.views.csrf_failure"

# --- Admin login lockout (django-axes) --------------------------------------------
# Failed attempts are counted in the shared cache (Redis). Without Redis the cache is one per
# process, which would let each gunicorn worker count on its own: the database counts then.
if REDIS_URL:
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# Hours a locked-out username/address pair waits before it may try again.
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
# Lock the pair, so one attacker cannot lock a coordinator out from everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "home.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "home.client.client_address"
# How many reverse proxies (load balancer, nginx) stand in front of gunicorn and append to
# X-Forwarded-For, for the lockout and the public forms' rate limit alike. 0 trusts only the socket's address.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# --- Uploads -------------------------------------------------------------------------
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Request bodies held in memory before Django spools them to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Non-file request bodies (forms): bigger than any page edit, far smaller than an attack.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The database is away: how long a visitor is asked to wait before trying again (seconds).
DATABASE_OUTAGE_RETRY_AFTER = 60
# /healthz/ reports the database as failing when it has not answered within this many seconds.
HEALTHZ_TIMEOUT = env.float("DJANGO_HEALTHZ_TIMEOUT", default=2.0)
