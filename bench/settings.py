"""
Settings for the benchmark: the production settings, unchanged, plus the page cache.

The page-cache middleware is inserted where production has it (right after WhiteNoise) only if
invamed/settings.py does not list it yet, so the benchmark measures the production stack either
way. Nothing else differs: DEBUG, hosts, Redis and the database come from the environment that
bench/run.py sets.
"""

from invamed.settings import *  # noqa: F403
from invamed.settings import MIDDLEWARE

PAGE_CACHE_MIDDLEWARE = "invamed.cache.PageCacheMiddleware"
if PAGE_CACHE_MIDDLEWARE not in MIDDLEWARE:
    MIDDLEWARE = list(MIDDLEWARE)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, PAGE_CACHE_MIDDLEWARE
    )
