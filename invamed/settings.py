"""
Settings for the INVAMED knowledge site, read from the environment.

One file for every environment. Development (`DEBUG=1`) gets safe local defaults;
production (`DEBUG` unset or 0) refuses to start without SECRET_KEY and ALLOWED_HOSTS.
Every variable is documented in README.md ("Configuration") and .env.example.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-not-secret"  # DEBUG only: never used in production.

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

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
    "ckeditor",
    "axes",
    "invamed.outbox",
    "invamed.review",
    "invamed.images",
    "invamed.content",
    "invamed.reports",
    "blog",
    "faq",
    "invamed.site",
]

MIDDLEWARE = [
    # First, so that every response (static files included) carries CSP and Permissions-Policy.
    "invamed.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the shared cache, before sessions are touched (invamed/cache.py).
    "invamed.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language from its address (/en/…, /tr/…); the admin is in English.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lock-out response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "invamed.urls"
WSGI_APPLICATION = "invamed.wsgi.application"

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

# SQLite file by default; PostgreSQL (psycopg 3) when DATABASE_URL names one.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL: parameters bound on the server, and a statement run five times on a connection is
# prepared, so it is planned once per connection instead of on every request. A connection pooler
# in transaction mode cannot keep prepared statements: DATABASE_PREPARED_STATEMENTS=0 there.
# A prepared statement keeps its one generic plan: left to choose ("auto"), PostgreSQL planned
# the pages' many-join lookups anew with each request's values, and that planning was most of its
# work on a page (DATABASE_PLAN_CACHE_MODE=auto brings its choice back).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") == "1":
        plan_cache_mode = os.environ.get("DATABASE_PLAN_CACHE_MODE", "force_generic_plan")
        DATABASES["default"]["OPTIONS"] = {
            "server_side_binding": True,
            "prepare_threshold": 5,
            "options": f"-c plan_cache_mode={plan_cache_mode}",
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; Redis, shared by every application server, when REDIS_URL is set.
# The Redis backend fails open (invamed/cache_backends.py): with Redis down, pages are served from
# the database and a warning is logged. Short socket timeouts keep a dead Redis from stalling pages.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "invamed.cache_backends.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "invamed",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered pieces of signed versions, in each process's memory (invamed/fragments.py): their
# keys name what they were made from, so nothing retires them but eviction.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("FRAGMENT_CACHE_ENTRIES", "5000"))},
}

# Page cache for visitors who are not signed in (invamed/cache.py). Its pages belong in a cache
# shared by every process, so it is on when REDIS_URL is set. What retires them is the content
# generation in the database, which every process reads.
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 60 * 60)))
# Pages each process keeps a copy of for the current generation (invamed.cache.LocalPages).
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "200"))
PAGE_CACHE_LOCAL_SECONDS = int(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "60"))
# On PostgreSQL each process learns of a change by LISTEN/NOTIFY on a connection of its own;
# off, it reads the generation on every request (for a pooler in transaction mode, which
# cannot LISTEN).
PAGE_CACHE_LISTEN = env_bool("PAGE_CACHE_LISTEN", True)

# The query parameters public pages read: a list's page, the search's words, the sitemap's page.
# For anonymous visitors every other one is dropped before the page is looked up in the page
# cache or rendered (invamed/cache.py), so utm_source=..., fbclid=... or a made-up parameter
# neither fragments nor fills the cache. A public view that reads a new parameter lists it here.
PUBLIC_QUERY_PARAMETERS = ("page", "q", "p")

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one username,
# or from one address, that username or address is refused for AXES_COOLOFF_TIME, even with the
# right password (a successful login does not reset the count, so one known account cannot be
# used to keep guessing another's password from the same address). `manage.py axes_reset` (or
# axes_reset_username / axes_reset_ip) unlocks.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must come first: it refuses locked-out attempts
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]  # either one locks
# The same count covers the password a reviewer types to sign (invamed/review/services.py).
AXES_COOLOFF_MESSAGE = (
    "Sign-in locked: too many failed attempts for this account or from this address, at "
    "sign-in or when signing a review. Try again in 15 minutes, or ask a site administrator "
    "to unlock it."
)
AXES_CLIENT_IP_CALLABLE = "invamed.security.client_ip"
# Number of proxies (load balancers) in front of the application servers that append the
# client's address to X-Forwarded-For; 0 means clients connect directly (REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site's languages: every public page exists in each, at /<code>/…. Adding one is a line
# here and a catalogue in locale/ (see README, "Languages").
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("tr", "Türkçe")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our date formats per language (invamed/formats/<code>/formats.py): "April 6, 2024",
# "6 Nisan 2024".
FORMAT_MODULE_PATH = ["invamed.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Istanbul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Media (the image library's files): on local disk in MEDIA_ROOT by default, served by the
# application under MEDIA_URL (invamed.images.views.media: content-addressed names only, with
# far-future cache headers). With MEDIA_S3_BUCKET set they live in an S3-compatible bucket
# (django-storages with boto3) and are served by the bucket or a CDN in front of it, at
# MEDIA_PUBLIC_URL. Credentials are boto3's own (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
# in the environment, or the machine's role), never settings.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
SERVE_MEDIA = not MEDIA_S3_BUCKET
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed (gzip + Brotli), fingerprinted names, served by WhiteNoise with far-future headers.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


def s3_media_storage(environ):
    """STORAGES["default"] for media in an S3-compatible bucket, from MEDIA_S3_* variables."""
    public = urlsplit(environ.get("MEDIA_PUBLIC_URL", ""))
    return {
        "BACKEND": "invamed.images.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": environ["MEDIA_S3_BUCKET"],
            "region_name": environ.get("MEDIA_S3_REGION") or None,
            "endpoint_url": environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "addressing_style": environ.get("MEDIA_S3_ADDRESSING_STYLE") or None,
            "location": environ.get("MEDIA_S3_PREFIX", ""),
            # Public objects at plain addresses: a signed query string would change the address
            # of an unchanged file and defeat caching.
            "querystring_auth": False,
            "custom_domain": (public.netloc + public.path.rstrip("/")) or None,
            "url_protocol": f"{public.scheme or 'https'}:",
        },
    }


if MEDIA_S3_BUCKET:
    STORAGES["default"] = s3_media_storage(os.environ)

# E-mail: console in development; SMTP configured from the environment in production. No request
# waits for the mail server: notifications are queued in the database (invamed/outbox) and sent
# by the scheduler (`manage.py run_scheduler`), which retries what fails.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds the scheduler waits for the mail server before counting the attempt as failed.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "INVAMED knowledge site <noreply@localhost>"
)

# Public address of the site, used in e-mails and feeds' absolute links outside a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Production security. `manage.py check --deploy` is clean with DEBUG off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# django-ckeditor bundles CKEditor 4, which its maintainers no longer consider safe, and its
# check ckeditor.W001 says so on every run. We keep the editor (the product owner's choice) with
# three mitigations, so the warning is silenced here and only here:
#   1. every rich-text value is sanitised on the server with nh3 before it is stored and again
#      when it is shown (invamed/richtext.py), whoever typed it;
#   2. the toolbar below is restricted to what an article needs;
#   3. the editor sits behind one field/widget of ours (invamed.richtext.RichTextField), so it can
#      be replaced in one place.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
# HSTS preload is opt-in: asking browsers to hard-code HTTPS for the domain (and its subdomains)
# is the site owner's decision, taken with SECURE_HSTS_PRELOAD=1. Until then security.W021, which
# only says preload is off, is silenced so that `check --deploy` shows real problems only.
if not DEBUG and not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")
CKEDITOR_CONFIGS = {
    "default": {
        # What an article needs and nothing the sanitiser would strip: no underline, strike,
        # colours, fonts, styles, alignment or source view. CKEditor's content filter
        # (allowedContent) and the image upload URL are set by invamed.richtext.RichTextWidget
        # from the sanitiser's own allow-list.
        "toolbar": "invamed",
        "toolbar_invamed": [
            ["Format"],
            ["Bold", "Italic", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink", "Cite"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        # image2: images as widgets instead of the plain image plugin. Alignment, size and
        # captions need markup the sanitiser removes (a figure's size and caption come from the
        # image library), so the content filter hides them. The bundled image2 predates
        # image2_altRequired: static/js/richtext-editor.js makes the dialog require alt text,
        # and the form field refuses an image without it. libraryimage (defined in that file)
        # uploads an image pasted or dropped into the text into the library, in place of the
        # bundled uploadimage, which would drop the alt text. The library's "Browse Server" and
        # upload addresses are set by invamed.richtext.RichTextWidget. citation (that file too)
        # is the "Cite" button: it types a `[[ref:N]]` marker for a numbered reference.
        "extraPlugins": "image2,libraryimage,citation",
        "removePlugins": "exportpdf,image,uploadimage",
    }
}

TAGGIT_CASE_INSENSITIVE = True

# Editorial rules that are settings rather than code.
INVAMED = {
    # Months between a sign-off and the next review due, unless the category overrides it.
    "REVIEW_INTERVAL_MONTHS": 12,
    # Reviewers are told this many days before a review falls due, and again once it is overdue.
    "REVIEW_REMINDER_DAYS": 30,
    # Days after "Next review due" that the scheduler withdraws a live item nobody re-reviewed
    # (0: never).
    "REVIEW_GRACE_DAYS": int(os.environ.get("REVIEW_GRACE_DAYS", "90")),
    "PAGE_SIZE": 10,
    # PostgreSQL's text-search configuration per language; a language without one uses
    # 'simple' (no stemming, no stop words).
    "SEARCH_CONFIGS": {"en": "english", "tr": "turkish"},
    # Open Graph's locale (language_TERRITORY) per language; a language without one has no
    # og:locale.
    "OG_LOCALES": {"en": "en_US", "tr": "tr_TR"},
    # Where visitors write to Medical Affairs (the footer's contact address).
    "MEDICAL_AFFAIRS_EMAIL": os.environ.get(
        "MEDICAL_AFFAIRS_EMAIL", "medical.affairs@invamed.example"
    ),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Redis unavailable: one warning per outage interval (invamed/cache_backends.py); the
        # listener's connection lost and back (invamed/cache.py).
        "invamed.cache": {"level": "WARNING"},
    },
}
