"""
The shared cache, failing open: when Redis cannot be reached, pages are served from the database.

The cache only ever saves work, so a Redis outage must not become a site outage. Every cache
operation that hits a connection error (refused, reset, timed out) logs a warning on the logger
"invamed.cache" and behaves as a miss: `get` returns the default, `set` stores nothing, `add`
reports nothing added. After a failure the backend stops asking Redis for `RETRY_AFTER` seconds,
so a dead or black-holed Redis costs one short timeout per worker thread and interval instead of
one per cache call; the settings keep the socket timeouts short for the same reason.

Known limit: an invalidation (`delete`) lost while Redis is down cannot be replayed, so entries
written before the outage may be served until they expire once Redis is back; cache timeouts
keep that window short.
"""

import logging
import os
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("invamed.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class TrackedValue:
    """An integer kept in Redis, read once and then told by Redis when it changes.

    Redis's client-side caching ("CLIENT TRACKING ... BCAST PREFIX key", RESP3): this object
    holds a connection of its own on which Redis pushes an invalidation message whenever the key
    is written, deleted, evicted or flushed, by any client. Redis queues that message before it
    acknowledges the write, so once the writer has its answer the message is already on its
    way. Reading the value is then a check that nothing has arrived on that socket (one poll,
    no round trip); a message, or any doubt, means a fresh GET on the same connection, which
    is ordered after every message that preceded it.

    Doubt is: no connection yet, a connection from before a fork, a closed or failed connection
    (then None is returned and the caller asks the ordinary way), and silence. A connection
    that died without a word (a network failure that sends nothing) would never bring a message,
    so the value is trusted only while Redis has answered on this connection within the last
    `lease` seconds: once a third of that has passed, the next read sends a PING without
    waiting for it, and the PONG, read by a later request, vouches for every message Redis sent
    before it. No answer within `lease`: the value is read again. No request ever waits for
    Redis while nothing changes, even when Redis itself is slow to wake up.
    """

    PONG = (b"PONG", "PONG")

    def __init__(self, pool, key, lease, retry_after):
        self.pool = pool
        self.key = key
        self.lease = lease
        self.retry_after = retry_after  # seconds without tracking after a failure
        self.lock = threading.Lock()
        self.connection = None
        self.value = None
        self.confirmed_at = 0.0  # Redis had sent every message due before this moment
        self.ping_sent_at = None  # a PING awaiting its PONG
        self.retry_at = 0.0

    def get(self):
        """The value (an int), or None: missing, not an int, or Redis cannot be asked so."""
        with self.lock:
            now = time.monotonic()
            if now < self.retry_at:
                return None
            try:
                return self._get(now)
            except ResponseError as error:
                # Refused, not failed (a server without tracking, an ACL without CLIENT): asking
                # again would be refused again, so this process reads the value every time.
                self._close()
                self.retry_at = float("inf")
                logger.warning(
                    "Redis refuses to track %s (%s); reading it on every request.", self.key, error
                )
                return None
            except (RedisError, OSError) as error:  # connection errors and timeouts included
                self._close()
                self.retry_at = now + self.retry_after
                logger.warning(
                    "Cannot track %s in Redis (%s: %s); reading it on every request for %.0f s.",
                    self.key,
                    type(error).__name__,
                    error,
                    self.retry_after,
                )
                return None

    def _get(self, now):
        connection = self.connection
        if connection is None or connection.pid != os.getpid():
            connection = self._connect()
        elif not self._changed(connection) and self.value is not None:
            age = now - self.confirmed_at
            if age < self.lease:
                if self.ping_sent_at is None and age >= self.lease / 3:
                    connection.send_command("PING")  # its PONG is read by a later request
                    self.ping_sent_at = now
                return self.value
        # Read the value: first the answer to an outstanding PING, which comes before it.
        while self.ping_sent_at is not None:
            self._take(connection.read_response(push_request=True))
        self.value = None
        connection.send_command("GET", self.key)
        raw = connection.read_response()  # a message arriving first is skipped by redis-py
        self.confirmed_at = now
        try:
            self.value = None if raw is None else int(raw)
        except ValueError:
            return None
        return self.value

    def _changed(self, connection):
        """Read what has arrived: True if it includes a message (the value may have changed)."""
        changed = False
        while connection.can_read(timeout=0):
            changed |= self._take(connection.read_response(push_request=True))
        return changed

    def _take(self, response):
        """Take one thing Redis sent: a PONG confirms the connection; anything else is a message."""
        if self.ping_sent_at is not None and response in self.PONG:
            self.confirmed_at = self.ping_sent_at
            self.ping_sent_at = None
            return False
        return True

    def _connect(self):
        self._close()
        connection = self.pool.connection_class(**{**self.pool.connection_kwargs, "protocol": 3})
        # On this connect and on any reconnect redis-py makes by itself: without tracking on a
        # new connection no message would come, so it is switched on before any other command.
        connection.register_connect_callback(self._track)
        try:
            connection.connect()
        except BaseException:
            connection.disconnect()
            raise
        self.connection = connection
        return connection

    def _track(self, connection):
        self.value = None  # whatever happened while there was no connection is unknown
        self.ping_sent_at = None  # an answer sent on a lost connection will not come
        connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.key)
        connection.read_response()  # OK, or a ResponseError where tracking is not available

    def _close(self):
        self.value = None
        self.ping_sent_at = None
        if self.connection is not None:
            self.connection.disconnect()  # redis-py leaves a parent process's socket alone
            self.connection = None


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool instead of one per call.

    Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache operation,
    and redis-py's constructor fills a table of some 170 response callbacks each time: about
    0.1 ms per operation on this machine, more than the loopback round trip itself, and a page
    cache hit makes one or two. A `redis.Redis` is safe to share between threads (each command
    takes a connection from the pool), so one per pool is kept.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache whose every operation degrades to a miss when Redis is unreachable."""

    RETRY_AFTER = 5.0  # seconds without asking Redis after a failure

    TRACKED_LEASE = 3.0  # seconds a tracked value is trusted after Redis last answered

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
        self._down_until = 0.0
        self._tracked = {}

    def get_tracked(self, key, version=None):
        """The integer stored at `key`, kept in this process while Redis reports no change to it
        (TrackedValue): no round trip to Redis while nothing changes. None when the key is
        missing or holds something else, or when Redis cannot be asked that way: then ask with
        `get`."""
        if time.monotonic() < self._down_until:
            return None
        tracked = self._tracked.get((key, version))
        if tracked is None:
            tracked = TrackedValue(
                self._cache._get_connection_pool(write=True),  # where writes go: the primary
                self.make_and_validate_key(key, version=version),
                self.TRACKED_LEASE,
                self.RETRY_AFTER,
            )
            self._tracked[key, version] = tracked
        return tracked.get()

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
