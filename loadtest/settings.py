"""
Settings for the load and fault runs: the benchmark's, which are the production settings plus
the page-cache middleware (bench/settings.py).

With LOADTEST_STATIC_FINDERS=1 static files are served from the app folders (as in the test
settings) instead of the collected, fingerprinted copies, so a short-lived server in a test needs
no `collectstatic`. Nothing else differs from production.
"""

import os

from bench.settings import *  # noqa: F403
from bench.settings import STORAGES

if os.environ.get("LOADTEST_STATIC_FINDERS") == "1":
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
