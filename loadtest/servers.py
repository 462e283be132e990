"""
What the load runs and the two-server test share: gunicorn processes, a small HTTP client that
keeps cookies (the admin's session and CSRF cookies are `Secure` in production, which a standard
cookie jar would not send over plain HTTP on 127.0.0.1), and the machine's PostgreSQL and Redis.
"""

# Starts gunicorn, pg_ctlcluster and redis with fixed arguments.
# ruff: noqa: S603, S607

import http.client
import os
import re
import signal
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench.run import gunicorn_command

ROOT = Path(__file__).resolve().parent.parent

# The exact command CI uses to start Redis; the Redis fault run restarts it with this.
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def production_env(database_url, redis_url, **extra):
    """The environment of a production server on 127.0.0.1 (no TLS in front of it)."""
    import secrets

    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="loadtest.settings",
        DEBUG="0",
        SECRET_KEY=os.environ.get("LOADTEST_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        PAGE_CACHE="1",
        # As README "Production" runs gunicorn: two malloc arenas, not one per thread.
        MALLOC_ARENA_MAX="2",
        # Transitions send e-mails; no SMTP server here.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


class Gunicorn:
    """One application server: gunicorn with gthread workers on 127.0.0.1:port."""

    def __init__(self, port, env, *, workers=2, threads=4, log_path=None):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.workers, self.threads = workers, threads
        self.log_path = log_path
        log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
        command = gunicorn_command(port, workers, threads)
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        if log_path:
            log.close()

    def wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on {self.port} exited: {self.tail()}")
            try:
                status, _, _ = request(self.base, "GET", "/")
                if status < 500:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn on {self.port} did not answer in {timeout} s: {self.tail()}")

    def tail(self, lines=30):
        if not self.log_path or not Path(self.log_path).exists():
            return ""
        return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def request(base, method, path, *, headers=None, body=None, timeout=10):
    """One request on a new connection: (status, headers dict with lower-case names, body)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        received = {}
        for name, value in response.getheaders():
            name = name.lower()
            received.setdefault(name, []).append(value)
        return response.status, received, content
    finally:
        connection.close()


class Browser:
    """A visitor or a staff member: keeps the cookies the server sets, whatever their flags."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def _send(self, method, path, body=None, extra=None):
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        status, received, content = request(self.base, method, path, headers=headers, body=body)
        for line in received.get("set-cookie", []):
            jar = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return status, received, content

    def get(self, path):
        return self._send("GET", path)

    def post(self, path, data):
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self._send(
            "POST",
            path,
            body=urlencode(data),
            extra={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def admin_login(self, username, password):
        status, _, page = self.get("/admin/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None or "csrftoken" not in self.cookies:
            raise RuntimeError(f"admin login page: {status}")
        data = {"username": username, "password": password, "next": "/admin/"}
        status, _, _ = self.post("/admin/login/", {**data, "csrfmiddlewaretoken": token[1]})
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"admin login as {username} refused ({status})")
        return self

    def transition(self, admin_path, pk, name, **fields):
        """Take a review transition through the admin's own button URL (a POST)."""
        self.get(f"/admin/{admin_path}/{pk}/change/")  # refreshes the CSRF cookie
        status, _, _ = self.post(f"/admin/{admin_path}/{pk}/transition/{name}/", fields)
        if status != 302:
            raise RuntimeError(f"{name} of {admin_path} {pk}: {status}")


def redis_ping(url="redis://127.0.0.1:6379/0"):
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def redis_stop():
    subprocess.run(["redis-cli", "shutdown", "nosave"], capture_output=True)


def redis_start():
    """Start Redis as CI does, unless it already answers; wait until it does."""
    if redis_ping():
        return
    subprocess.run(REDIS_START, check=True, capture_output=True)
    deadline = time.monotonic() + 10
    while not redis_ping():
        if time.monotonic() > deadline:
            raise RuntimeError("Redis did not come back within 10 s")
        time.sleep(0.1)


def pg_cluster_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def pg_ready():
    return (
        subprocess.run(
            ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], capture_output=True
        ).returncode
        == 0
    )


def pg_ctl(action):
    """`pg_ctlcluster --skip-systemctl-redirect VERSION main ACTION` on this machine's cluster."""
    return subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", pg_cluster_version(), "main", action],
        capture_output=True,
        text=True,
    )


def pg_ensure_running():
    if pg_ready():
        return
    pg_ctl("start")
    deadline = time.monotonic() + 30
    while not pg_ready():
        if time.monotonic() > deadline:
            raise RuntimeError("PostgreSQL did not come back within 30 s")
        time.sleep(0.2)
