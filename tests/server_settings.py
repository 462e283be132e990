"""
The production settings for a short-lived test server (tests/servers.py). Static files are
served from the app folders, as in the test settings, so the server needs no `collectstatic`;
nothing else differs from production.
"""

from invamed.settings import *  # noqa: F403
from invamed.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
