"""
Real servers for the tests that need them, each started by the test and stopped by it:
gunicorn with the production settings on a free loopback port, a Redis of the test's own (which
the test may pause), and a small HTTP client that keeps cookies as a browser does (the admin's
cookies are `Secure` in production, which a standard cookie jar would not send over plain
HTTP on 127.0.0.1) and answers like Django's test client, so the admin's form helpers serve.
"""

# Starts gunicorn and redis-server with fixed arguments.
# ruff: noqa: S603, S607

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings

from tests.admin_forms import change_form_data
from tools.harness import terminate

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


@dataclass
class Response:
    status_code: int
    headers: dict  # lower-case name -> list of values
    content: bytes

    @property
    def text(self):
        return self.content.decode("utf-8", errors="replace")

    @property
    def x_cache(self):
        return self.headers.get("x-cache", [""])[0]


def request(base, method, path, *, headers=None, body=None, timeout=10):
    """One request on a new connection."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        received = {}
        for name, value in response.getheaders():
            received.setdefault(name.lower(), []).append(value)
        return Response(response.status, received, response.read())
    finally:
        connection.close()


class Browser:
    """A visitor or a staff member: keeps the cookies the server sets, whatever their flags."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def send(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = request(self.base, method, path, headers=headers, body=body)
        for line in response.headers.get("set-cookie", []):
            jar = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, headers=None):
        return self.send("GET", path, headers=headers)

    def post(self, path, fields):
        """POST `fields` (values may be lists), with the CSRF token of the cookie if none."""
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        content_type = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.send("POST", path, body=urlencode(fields, doseq=True), headers=content_type)

    def admin_login(self, username, password):
        page = self.get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if page.status_code != 200 or token is None:
            raise RuntimeError(f"admin login page: {page.status_code}")
        data = {"username": username, "password": password, "next": "/admin/"}
        response = self.post("/admin/login/", {**data, "csrfmiddlewaretoken": token[1]})
        if response.status_code != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"admin login as {username} refused ({response.status_code})")
        return self

    def transition(self, admin_path, pk, name, **fields):
        """Take a review transition through the admin's own button (a POST), with what that
        button's form carries (the version it was opened on)."""
        action = f"/admin/{admin_path}/{pk}/transition/{name}/"
        page = self.get(f"/admin/{admin_path}/{pk}/change/").text  # refreshes the CSRF cookie
        form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S)
        if form is None:
            raise RuntimeError(f"{name} of {admin_path} {pk}: no such button on its page")
        hidden = dict(
            re.findall(
                r'<input type="hidden" name="(version|fingerprint)" value="([^"]*)"', form.group(0)
            )
        )
        response = self.post(action, {**hidden, **fields})
        if response.status_code != 302:
            raise RuntimeError(f"{name} of {admin_path} {pk}: {response.status_code}")
        return response

    def save_change_form(self, admin_path, pk, **changes):
        """Open the item's admin change form, change some fields, press "Save"."""
        path = f"/admin/{admin_path}/{pk}/change/"
        form_id = f"{admin_path.split('/')[-1]}_form"
        response = self.post(path, change_form_data(self, path, form_id, **changes))
        if response.status_code != 302:
            raise RuntimeError(f"saving {path}: {response.status_code}")
        return response
