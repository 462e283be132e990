"""
The shared cache, failing open: when Redis cannot be reached, pages are served from the database.

The cache only ever saves work, so a Redis outage must not become a site outage. Every cache
operation that hits a connection error (refused, reset, timed out) logs a warning on the logger
"invamed.cache" and behaves as a miss: `get` returns the default, `set` stores nothing, `add`
reports nothing added. After a failure the backend stops asking Redis for `RETRY_AFTER` seconds,
so a dead or black-holed Redis costs one short timeout per worker thread and interval instead of
one per cache call; the settings keep the socket timeouts short for the same reason.

A write lost this way is not replayed. The page cache does not depend on one: what retires its
pages is the content generation in the database (invamed/cache.py), and Redis only holds pages.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("invamed.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache whose every operation degrades to a miss when Redis is unreachable."""

    RETRY_AFTER = 5.0  # seconds without asking Redis after a failure

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _call(self, operation, miss, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return miss
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except UNAVAILABLE as error:
            self._down_until = time.monotonic() + self.RETRY_AFTER
            logger.warning(
                "Redis cache unavailable (%s: %s); serving without cache for %.0f s.",
                type(error).__name__,
                error,
                self.RETRY_AFTER,
            )
            return miss
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", missing, key, delta, version=version)
        if result is missing:
            # What Django's backends raise for a key that is not there: a miss.
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        return result

    def clear(self):
        return self._call("clear", False)
