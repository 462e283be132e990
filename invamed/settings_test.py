"""Fast, deterministic settings for the test suite (see pyproject.toml)."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from invamed.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["fragments"] = {**CACHES["default"], "LOCATION": "fragments", "TIMEOUT": None}
# A test's transaction never commits, so no change would be notified: each request reads the
# content generation instead. The listener's own tests commit, and switch it on.
PAGE_CACHE_LISTEN = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Serve static files from the app folders, as runserver does, without `collectstatic`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Axes stays on; only Client.login(), which authenticates without a request, is let through
# (see invamed.security.RequestlessLoginBackend). force_login never authenticates at all.
AUTHENTICATION_BACKENDS = [
    "invamed.security.RequestlessLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
