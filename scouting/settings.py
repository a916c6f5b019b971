"""Rokehan settings, read from the environment (12-factor).

Development works with no environment at all (SQLite, DEBUG on, a throwaway key).
Production is `DJANGO_DEBUG=False` plus a real `DJANGO_SECRET_KEY`, `DJANGO_ALLOWED_HOSTS`
and `DATABASE_URL`; the security settings below switch on in the same file, so
`manage.py check --deploy` checks the file we actually run.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from scouting.api import API_REST_FRAMEWORK, API_SCHEMA
from scouting.database import database_config
from scouting.log_config import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer may keep local overrides in .env; production passes real environment variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

_DEV_SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY)
# The same rules as Django's security.W009 check, enforced at start-up instead of warned about.
if not DEBUG and (
    SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a long random value (50+ characters, e.g. "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`) "
        "when DJANGO_DEBUG is False."
    )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    # Otherwise every request would be answered 400: fail loudly at start-up instead.
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names when DJANGO_DEBUG is False."
    )
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "imagekit",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "locations",
]

MIDDLEWARE = [
    # First, so that its duration and status cover everything below (redirects, errors).
    "locations.logging.RequestLogMiddleware",
    # One catalogue version per request (locations.caching): read once, not per fragment.
    "locations.caching.CatalogueVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware (django-cors-headers' documented order); adds headers only for
    # origins listed in API_CORS_ALLOWED_ORIGINS, and only under /api/.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Explains a refused upload (too many files) before the CSRF check parses the request.
    "locations.middleware.UploadLimitsMiddleware",
    # Turns locations.ratelimits' Ratelimited into the 429 page (RATELIMIT_VIEW).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, so that it sees the final authentication result (django-axes' documented order).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "scouting.urls"
WSGI_APPLICATION = "scouting.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "locations.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL or the embedded SQLite file (scouting/database.py).
DATABASES = {"default": database_config(env, BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set (production), process memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rokehan",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# What anonymous visitors share (rendered pages, GeoJSON bodies, filter options and cards;
# locations/caching.py) has a cache of its own: a flood of new searches evicts bodies, never
# sessions or rate-limit counters. The catalogue version stays in the default cache.
if REDIS_URL:
    CACHES["visitors"] = {**CACHES["default"], "KEY_PREFIX": "rokehan-visitors"}
else:
    CACHES["visitors"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "visitors",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
# VISITOR_CACHE=off: no page or GeoJSON body is shared, every request builds its own, as if
# each visitor were the first (how bench/run.py measures first visits); the pieces shared
# per catalogue version (filter options, cards, home counts) are still cached.
VISITOR_CACHE = env.bool("VISITOR_CACHE", default=True)

# Progress of background jobs (rows done / total, the worker's heartbeat): written by the
# worker while its import transaction is still open, so it cannot live in the database.
# Redis when REDIS_URL is set; otherwise a folder that runserver and db_worker share
# (development only: several app machines need Redis).
if REDIS_URL:
    CACHES["progress"] = {**CACHES["default"], "KEY_PREFIX": "rokehan-progress"}
else:
    CACHES["progress"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.str("PROGRESS_CACHE_DIR", default=str(BASE_DIR / ".progress")),
    }

# Background jobs (Django's tasks API, django-tasks backport): queued as rows in the
# database, run by `manage.py db_worker` (started by `make run`; see docs/deployment.md).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# An import of more rows than this runs as a background job; smaller ones in the request.
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=300)
# A running job whose worker has not reported for this long has died (killed, crashed).
JOB_HEARTBEAT_TIMEOUT = timedelta(seconds=env.int("JOB_HEARTBEAT_TIMEOUT_SECONDS", default=120))

# E-mail: EMAIL_URL (smtp+tls://user:password@smtp.example.com:587); development prints
# messages to the console. Messages go out from background jobs, never inside a request.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Rokehan <noreply@rokehan.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where links in e-mails point (there is no request to build them from in a job).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Re-verification (docs/deployment.md, "Keeping records fresh"): a record not checked for
# this many months is stale; `manage.py request_verification` asks its owner to confirm it,
# reminds them after VERIFICATION_REMINDER_DAYS and flags it for editors as long after that.
VERIFICATION_STALE_MONTHS = env.int("VERIFICATION_STALE_MONTHS", default=6)
VERIFICATION_REMINDER_DAYS = env.int("VERIFICATION_REMINDER_DAYS", default=14)
# How long an e-mailed confirmation link works (covers the request, reminder and a margin).
VERIFICATION_LINK_DAYS = env.int("VERIFICATION_LINK_DAYS", default=60)
# Where owners' "Something changed" messages are e-mailed (empty: the admin list only).
VERIFICATION_EDITORS_EMAIL = env.str("VERIFICATION_EDITORS_EMAIL", default="")
if VERIFICATION_STALE_MONTHS < 1 or VERIFICATION_REMINDER_DAYS < 1:
    raise ImproperlyConfigured("VERIFICATION_STALE_MONTHS and _REMINDER_DAYS must be 1 or more.")
if VERIFICATION_LINK_DAYS < 2 * VERIFICATION_REMINDER_DAYS:
    raise ImproperlyConfigured(
        "VERIFICATION_LINK_DAYS must cover the request and the reminder "
        "(at least twice VERIFICATION_REMINDER_DAYS)."
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Throttle admin logins: lock a username+address pair for a while, never for ever.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# The client's address: REMOTE_ADDR, or the one our own proxies put in X-Forwarded-For
# (never an address the client wrote itself, or an attacker could rotate it past the lock).
AXES_CLIENT_IP_CALLABLE = "locations.security.client_ip"
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# Internationalisation: English and Japanese, times in Japan.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own named date formats, per language (scouting/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["scouting.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# Static files are served by whitenoise; media go through the storage API only.
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage (AWS, MinIO, R2 …) via django-storages; credentials
    # come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as boto3 reads them.
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            # The default overwrites same-named files; ours are unique anyway, never overwrite.
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        # WhiteNoise's compressed manifest storage, each URL looked up once per process.
        else "scouting.storage.StaticFilesStorage"
    },
}

# Uploads: refuse oversized photos before they are decoded (the photo validators read these).
PHOTO_MAX_UPLOAD_BYTES = env.int("PHOTO_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=60_000_000)
PHOTO_MAX_FILES_PER_REQUEST = env.int("PHOTO_MAX_FILES_PER_REQUEST", default=50)
DATA_UPLOAD_MAX_NUMBER_FILES = PHOTO_MAX_FILES_PER_REQUEST
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The public "submit a place" form (locations/views/submissions.py, docs/security.md):
# photos per submission and their total size (its rate limits are in RATE_LIMITS below).
SUBMISSION_MAX_PHOTOS = env.int("SUBMISSION_MAX_PHOTOS", default=10)
SUBMISSION_MAX_UPLOAD_BYTES = env.int("SUBMISSION_MAX_UPLOAD_BYTES", default=60 * 1024 * 1024)
# Thumbnails (django-imagekit) are written next to the originals in media storage, under
# CACHE/images/. They are made when a photo is saved, never on a visitor's request (the
# photo specs use locations.photos.thumbnails.MadeWhenSaved; Optimistic is the default for
# any other spec). Backfill after a bulk insert: `manage.py generateimages`.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "CACHE/images"

# Maps: tiles come from a configurable server (OpenStreetMap's by default; self-host at scale).
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default=(
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    ),
)

# The admin lives at a configurable path (harder to find for scanners).
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

# Content-Security-Policy (django-csp 4): no inline script anywhere.
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if "://" in MAP_TILE_URL else ""
_tile_src = _tile_origin.replace("{s}.", "*.") if _tile_origin else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"] + ([_tile_src] if _tile_src else []),
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if AWS_STORAGE_BUCKET_NAME:
    _media_origin = env.str("MEDIA_ORIGIN", default="")
    if _media_origin:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_media_origin)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    # https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # /healthz is probed by the load balancer over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = logging_config(env.str("DJANGO_LOG_LEVEL", default="INFO"))

# Per client address, staff exempt (locations/ratelimits.py; why these numbers: docs/security.md),
# each from the environment as RATE_LIMIT_<NAME>; counters in the default cache (REDIS_URL).
RATE_LIMITS = {
    "search": "120/m",  # the three lists and their htmx partials, together
    "geojson": "60/m",  # both maps
    "submit": "20/h",  # every POST of the submission form
    "submit_accepted": "5/h",  # places accepted from it (a typo costs a post, not a place)
    "comment": "60/10m",  # answers on a shared shortlist
    "verify": "20/h",  # the owners' confirmation buttons
    "api": "120/m",  # /api/ (its DRF throttle counts here too)
    "login": "30/10m",  # sign-in POSTs (django-axes also locks a failing username)
}
for _name in RATE_LIMITS:
    RATE_LIMITS[_name] = env.str(f"RATE_LIMIT_{_name.upper()}", default=RATE_LIMITS[_name])
    if not re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", RATE_LIMITS[_name]):
        raise ImproperlyConfigured(f'RATE_LIMIT_{_name.upper()} must look like "120/m".')
RATELIMIT_VIEW = "locations.ratelimits.too_many_requests"  # the 429 page, not a 403

# The read-only JSON API (/api/): Django REST framework and its schema (scouting/api.py).
REST_FRAMEWORK, SPECTACULAR_SETTINGS = API_REST_FRAMEWORK, API_SCHEMA
# CORS is off unless origins are listed (e.g. https://tools.example.com); never credentials.
CORS_ALLOWED_ORIGINS = env.list("API_CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Public list sizes.
LOCATIONS_PER_PAGE = 24
STUDIOS_PER_PAGE = 20
