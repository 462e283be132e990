"""
The settings every measuring tool serves the site with (tools/harness.py): the production
settings, plus the page cache and one parameter.

The page-cache middleware is inserted where production has it (right after WhiteNoise) only if
invamed/settings.py does not list it yet, so the tools measure the production stack either
way. The cache-miss runs give every request a `nocache` parameter never used before
(tools/wrk.lua); production drops parameters no page reads (PUBLIC_QUERY_PARAMETERS), which
would make each of them a hit, so here `nocache` is kept: each value is a page of its own, looked
up, rendered and stored like a page no one has asked for yet.

With STATIC_FROM_FINDERS=1 static files are served from the app folders (as in the test
settings) instead of the collected, fingerprinted copies, so a short-lived server in a test needs
no `collectstatic`. Nothing else differs: DEBUG, hosts, Redis and the database come from the
environment that tools/harness.py sets.
"""

import os

from invamed.settings import *  # noqa: F403
from invamed.settings import MIDDLEWARE, PUBLIC_QUERY_PARAMETERS, STORAGES

PUBLIC_QUERY_PARAMETERS = (*PUBLIC_QUERY_PARAMETERS, "nocache")

PAGE_CACHE_MIDDLEWARE = "invamed.cache.PageCacheMiddleware"
if PAGE_CACHE_MIDDLEWARE not in MIDDLEWARE:
    MIDDLEWARE = list(MIDDLEWARE)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, PAGE_CACHE_MIDDLEWARE
    )

if os.environ.get("STATIC_FROM_FINDERS") == "1":
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
