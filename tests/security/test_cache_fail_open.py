"""Redis unavailable: the cache fails open (a miss and a logged warning), pages are still served."""

import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.test import override_settings

from invamed.cache_backends import FailOpenRedisCache

PROJECT = Path(__file__).resolve().parents[2]
CLOSED_PORT = 6390
TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}


def port_is_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def backend(location, **params):
    return FailOpenRedisCache(
        location, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "OPTIONS": TIMEOUTS, **params}
    )


@pytest.fixture
def dead_redis():
    if port_is_open(CLOSED_PORT):
        pytest.skip(f"something listens on 127.0.0.1:{CLOSED_PORT}")
    return backend(f"redis://127.0.0.1:{CLOSED_PORT}/15")


@pytest.fixture
def silent_redis():
    """A server that accepts connections and never answers: the case a short timeout is for."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    yield backend(f"redis://127.0.0.1:{server.getsockname()[1]}/15")
    server.close()


def test_every_operation_is_a_miss_when_redis_is_down(dead_redis, caplog):
    cache = dead_redis
    cache.RETRY_AFTER = 0  # ask Redis every time, so each operation meets the error itself
    with caplog.at_level(logging.WARNING, logger="invamed.cache"):
        assert cache.get("page") is None
        assert cache.get("page", "default") == "default"
        cache.set("page", "html")
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("page") is False
        assert cache.add("page", "html") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.delete("page") is False
        cache.delete_many(["a", "b"])
        assert cache.touch("page") is False
        assert cache.get_or_set("computed", lambda: 42) == 42
        with pytest.raises(ValueError):
            cache.incr("counter")
        assert cache.clear() is False
    warnings = [r for r in caplog.records if r.name == "invamed.cache"]
    assert len(warnings) >= 13 and all(r.levelno == logging.WARNING for r in warnings)
    assert "Redis cache unavailable" in warnings[0].getMessage()


def test_an_outage_logs_one_warning_per_interval_not_one_per_call(dead_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="invamed.cache"):
        for _ in range(50):
            dead_redis.get("page")
    assert len([r for r in caplog.records if r.name == "invamed.cache"]) == 1


def test_a_silent_redis_costs_one_short_timeout_then_nothing(silent_redis):
    started = time.monotonic()
    assert silent_redis.get("page") is None
    first = time.monotonic() - started
    started = time.monotonic()
    for _ in range(20):
        assert silent_redis.get("page") is None
    later = time.monotonic() - started
    assert first < 1.0, f"first miss took {first:.2f} s"
    assert later < 0.05, f"20 further misses took {later:.2f} s"


def test_the_cache_asks_redis_again_after_the_retry_interval(dead_redis, caplog, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("invamed.cache_backends.time.monotonic", lambda: clock[0])
    with caplog.at_level(logging.WARNING, logger="invamed.cache"):
        dead_redis.get("page")
        clock[0] += FailOpenRedisCache.RETRY_AFTER - 1
        dead_redis.get("page")
        clock[0] += 2
        dead_redis.get("page")
    assert len([r for r in caplog.records if r.name == "invamed.cache"]) == 2


@pytest.mark.django_db
def test_pages_are_served_from_the_database_while_redis_is_down(client, live_article, caplog):
    dead = {
        "default": {
            "BACKEND": "invamed.cache_backends.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{CLOSED_PORT}/15",
            "OPTIONS": TIMEOUTS,
        }
    }
    if port_is_open(CLOSED_PORT):
        pytest.skip(f"something listens on 127.0.0.1:{CLOSED_PORT}")
    with override_settings(CACHES=dead):
        from django.core.cache import cache

        for url in [
            "/en/",
            "/en/invablog/",
            live_article.get_absolute_url(),
            "/en/tags/",
            "/en/faq/",
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
        assert cache.get("anything") is None
    assert live_article.title in client.get(live_article.get_absolute_url()).content.decode()


def test_settings_use_the_fail_open_backend_with_short_timeouts_when_redis_url_is_set():
    """The real settings module, with REDIS_URL naming a closed port: a warning, no exception."""
    environment = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    environment.update(
        DJANGO_SETTINGS_MODULE="invamed.settings",
        DEBUG="1",
        REDIS_URL=f"redis://127.0.0.1:{CLOSED_PORT}/15",
    )
    code = (
        "from django.core.cache import cache; from django.conf import settings as s; "
        "c = s.CACHES['default']; "
        "print(c['BACKEND'], c['OPTIONS']['socket_connect_timeout'], "
        "c['OPTIONS']['socket_timeout'], cache.get('x', 'miss'))"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "invamed.cache_backends.FailOpenRedisCache", "0.25", "0.25", "miss",
    ]  # fmt: skip
    assert "Redis cache unavailable" in result.stderr


@pytest.fixture
def real_redis():
    if not port_is_open(6379):
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("No Redis on 127.0.0.1:6379 and REQUIRE_REDIS=1")
        pytest.skip("no Redis on 127.0.0.1:6379")
    # The database this checkout may use (two checkouts or CI passes test side by side).
    cache = backend(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))
    yield cache
    cache.delete_many(["page", "a", "b", "counter"])


def test_against_a_real_redis_the_cache_works(real_redis, caplog):
    cache = real_redis
    with caplog.at_level(logging.WARNING, logger="invamed.cache"):
        cache.set("page", "<p>html</p>", 30)
        assert cache.get("page") == "<p>html</p>"
        cache.set_many({"a": 1, "b": 2}, 30)
        assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
        assert cache.add("page", "other") is False
        cache.set("counter", 1, 30)
        assert cache.incr("counter") == 2
        assert cache.delete("page") is True
        assert cache.get("page") is None
    assert not [r for r in caplog.records if r.name == "invamed.cache"]
