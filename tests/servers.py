"""
Real servers for the tests that need them, each started by the test and stopped by it:
gunicorn with the production settings on a free loopback port, a Redis of the test's own (which
the test may pause), and the measuring tools' HTTP client (tools/harness.py), which keeps cookies
as a browser does and answers like Django's test client.
"""

# Starts gunicorn and redis-server with fixed arguments.
# ruff: noqa: S603, S607

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from tools.harness import Browser, request, terminate

__all__ = ["Browser"]

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sharing_postgresql(why):
    """The marks of a module whose servers use the test's own database: transactional (the
    servers see only what is committed), and skipped unless that database is PostgreSQL."""
    return [
        pytest.mark.skipif(
            "postgresql" not in settings.DATABASES["default"]["ENGINE"],
            reason=f"{why}: run with DATABASE_URL=postgres://...",
        ),
        pytest.mark.django_db(transaction=True),
    ]


def database_url(settings_dict):
    """The URL of the database Django is connected to (the test database, during tests)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def production_env(database_url, redis_url, **extra):
    """The environment of a production server on 127.0.0.1, with no TLS in front of it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.server_settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        PAGE_CACHE="1",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",  # no SMTP server here
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


class Gunicorn:
    """One application server: gunicorn with gthread workers, as README "Production" runs it."""

    def __init__(self, env, log_path, *, workers=1, threads=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        command = [
            sys.executable, "-m", "gunicorn", "invamed.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(threads), "--log-level", "warning",
        ]  # fmt: skip
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log()}")
            try:
                if request(self.base, "GET", "/robots.txt").status_code == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout} s: {self.log()}")

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self):
        terminate(self.process, timeout=15)


class RedisServer:
    """A redis-server of the test's own on a free port, without persistence."""

    def __init__(self, directory):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.paused = False
        command = [
            "redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(directory),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"redis-server on {self.port} did not start")
            time.sleep(0.05)

    def answers(self):
        import redis

        try:
            return redis.Redis.from_url(self.url, socket_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def pause(self):
        """Stop the process without closing anything: connections stay open, nothing answers."""
        self.process.send_signal(signal.SIGSTOP)
        self.paused = True

    def resume(self):
        self.process.send_signal(signal.SIGCONT)
        self.paused = False

    def stop(self):
        if self.paused:
            self.resume()
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
