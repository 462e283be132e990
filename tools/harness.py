"""
What every measuring tool shares (bench/, loadtest/, tools/demo_site.py): the production
environment, gunicorn started and stopped, wrk and its output, CPU time read from /proc for the
gunicorn workers and for the PostgreSQL backends of one database, an HTTP client that keeps an
admin session, and PostgreSQL and Redis servers of its own for runs that stop one.
"""

# Starts gunicorn, wrk, manage.py, initdb/pg_ctl and redis-server with fixed arguments.
# ruff: noqa: S603, S607

import argparse
import datetime
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

from tools.forms import submitted

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = ROOT / "tools" / "wrk.lua"
SETTINGS_MODULE = "bench.settings"


def log(message):
    print(message, flush=True)


def now_utc():
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def terminate(process, timeout):
    """Stop a server the way its supervisor would: SIGTERM, and SIGKILL if it has not gone after
    `timeout` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine():
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}"


def arguments(description, *, duration, connections):
    """The command line every load tool takes: the site's size, the load, the server."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--size", type=int, default=1000, help="live articles (default 1000)")
    parser.add_argument("--duration", type=float, default=duration, help="seconds of a run")
    parser.add_argument("--connections", type=int, default=connections, help="wrk's")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    return parser


def production_env(database_url, redis_url, **extra):
    """The environment of a production server on 127.0.0.1 (no TLS in front of it).

    The settings are bench/settings.py: production's, with the page cache and the benchmark's
    cache-miss parameter. Every tool serves the site with exactly this.
    """
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DEBUG="0",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        PAGE_CACHE="1" if redis_url else "0",
        # As README "Production" runs gunicorn: two malloc arenas, not one per thread.
        MALLOC_ARENA_MAX="2",
        # Transitions send e-mails; no SMTP server here.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
    )
    env.update(extra)
    return env


def manage(*command, env=None, quiet=False):
    """`manage.py COMMAND` in a process of its own, with `env` (default: this one's)."""
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        check=True,
        env=env or os.environ.copy(),
        stdout=subprocess.DEVNULL if quiet else None,
    )


# gunicorn


def gunicorn_command(port, workers, threads):
    """gunicorn as production runs it (gthread workers), bound to 127.0.0.1:port."""
    return [
        sys.executable, "-m", "gunicorn", "invamed.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "gthread",
        "--threads", str(threads),
        "--log-level", "warning",
    ]  # fmt: skip


class Gunicorn:
    """One application server: gunicorn with gthread workers on 127.0.0.1:port."""

    def __init__(self, port, env, *, workers=2, threads=4, log_path=None):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.workers, self.threads = workers, threads
        self.log_path = log_path
        out = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            gunicorn_command(port, workers, threads),
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        if log_path:
            out.close()

    @property
    def pid(self):
        return self.process.pid

    def wait_ready(self, path="/robots.txt", timeout=30):
        """Wait until `path` answers below 500 and every worker is up; returns self."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on {self.port} exited: {self.tail()}")
            try:
                status, _, _ = request(self.base, "GET", path)
                if status < 500 and len(self.worker_pids()) == self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn on {self.port} did not answer in {timeout} s: {self.tail()}")

    def worker_pids(self):
        return children(self.pid)

    def worker_rss_mb(self):
        """Each worker's resident memory in MB, by pid."""
        rss = {}
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            kb = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            if kb:
                rss[pid] = round(int(kb.group(1)) / 1024, 1)
        return rss

    def tail(self, lines=30):
        if not self.log_path or not Path(self.log_path).exists():
            return ""
        return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        terminate(self.process, timeout=30)


# CPU time from /proc


def children(pid):
    """The pids whose parent is `pid`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat_fields(entry)
            if stat and int(stat[1]) == pid:  # ppid: field 4 of /proc/PID/stat
                found.append(int(entry))
    return found


def _stat_fields(pid):
    """Fields 3 onwards of /proc/PID/stat (after the command name), or None if it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def cpu_seconds(pids):
    """User + system CPU seconds each of `pids` has used so far (the ones still running)."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in pids:
        stat = _stat_fields(pid)
        if stat:
            used[pid] = (int(stat[11]) + int(stat[12])) / ticks  # utime, stime: fields 14, 15
    return used


def postgres_backends(database_url):
    """A function giving the pids of the PostgreSQL backends serving `database_url`'s database.

    They are found by database name in pg_stat_activity, asked over a connection to the
    `postgres` database so that the asking is not counted. None when PostgreSQL runs on another
    machine: its processes are not in this machine's /proc.
    """
    import psycopg

    name, admin_url = database_name(database_url), admin_database_url(database_url)
    host = re.search(r"@([^:/]+)", database_url)
    if host and host.group(1) not in ("127.0.0.1", "localhost", "::1"):
        return None
    connection = psycopg.connect(admin_url, autocommit=True)
    lock = threading.Lock()

    def pids():
        with lock:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                "AND backend_type IN ('client backend', 'parallel worker') "
                "AND pid <> pg_backend_pid()",
                [name],
            ).fetchall()
        return [pid for (pid,) in rows]

    pids.close = connection.close
    return pids


class CpuMeter:
    """CPU seconds the gunicorn workers and PostgreSQL's backends use while a block runs.

    Requests per second depend on what else the machine is doing; CPU time per request much
    less so, which makes it the steadier figure for ratios read on a shared machine. The
    processes are read every `every` seconds, so a backend that closes its connection during
    the block (CONN_MAX_AGE) loses at most that much of its time, and one that opens during it
    is counted from its start.
    """

    def __init__(self, server, backends=None, every=0.25):
        self.server, self.backends, self.every = server, backends, every
        self.workers_s = self.postgres_s = None

    def _read(self):
        workers = cpu_seconds(self.server.worker_pids())
        backends = cpu_seconds(self.backends()) if self.backends else {}
        for seen, now in ((self._workers, workers), (self._postgres, backends)):
            for pid, seconds in now.items():
                seen.setdefault(pid, [None, 0.0])[1] = seconds

    def __enter__(self):
        self._workers, self._postgres = {}, {}
        self._read()
        for seen in (self._workers, self._postgres):
            for value in seen.values():
                value[0] = value[1]  # running before the block: counted from here
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(self.every):
            self._read()

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._read()

        def used(seen):
            return sum(last - (first or 0.0) for first, last in seen.values())

        self.workers_s = used(self._workers)
        self.postgres_s = used(self._postgres) if self.backends else None
        return False


# wrk


def require_wrk():
    """wrk, from Debian's packages when it is missing and this runs as root."""
    if not shutil.which("wrk") and shutil.which("apt-get") and os.geteuid() == 0:
        log("wrk not found: installing it from Debian's packages")
        if subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True).returncode:
            subprocess.run(["apt-get", "update"], capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")


def wrk(url, *, duration, connections, threads=2, timeout=None, **options):
    """Start wrk on `url` with tools/wrk.lua; returns the process, for `wrk_result`.

    `options` are the script's (see tools/wrk.lua): paths (a file of paths to ask for instead of
    the URL's), pick ("rotate" or "zipf"), uncached (every Nth request with a query string never
    used before: 1, all of them; 0, none), report ("failures", "cache").
    """
    command = [
        "wrk", "-t", str(threads), "-c", str(connections),
        "-d", f"{max(1, round(duration))}s",  # wrk takes whole seconds
        "--latency", "-s", str(WRK_SCRIPT),
    ]  # fmt: skip
    if timeout:
        command += ["--timeout", f"{timeout}s"]
    command += [url, "--", *(f"{k}={v}" for k, v in options.items())]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_wrk(url, **kwargs):
    return wrk_result(wrk(url, **kwargs))


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


def wrk_result(process):
    """Wait for wrk and read its output: requests, requests/s, p50/p99 in ms, errors, and
    what tools/wrk.lua reported (failures per second, page-cache answers per second and path)."""
    out, err = process.communicate(timeout=3600)
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed: {err or out}")
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    socket_errors = dict(
        zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)
        if sockets
        else dict.fromkeys(("connect", "read", "write", "timeout"), 0)
    )
    result = {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(percentiles["50"]),
        "p99_ms": _ms(percentiles["99"]),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors,
        "failures_at": sorted(
            (int(t), int(n)) for t, n in re.findall(r"^FAILURES_AT (\d+) (\d+)$", out, re.M)
        ),
        "cache_at": [
            (int(t), path, int(hits), int(misses))
            for t, path, hits, misses in re.findall(
                r"^CACHE_AT (\d+) (\S+) (\d+) (\d+)$", out, re.MULTILINE
            )
        ],
    }
    result["errors"] = result["non_2xx_3xx"] + sum(socket_errors.values())
    return result


def paths_file(paths, directory=None):
    """A file listing `paths`, one a line, for tools/wrk.lua's `paths` option."""
    handle, name = tempfile.mkstemp(prefix="invamed-paths-", suffix=".txt", dir=directory)
    with os.fdopen(handle, "w") as f:
        f.write("".join(f"{path}\n" for path in paths))
    return name


# HTTP


class Response(NamedTuple):
    """A response as (status, headers, body), with the names of Django's test client so that the
    tests' form helpers serve for both."""

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
    """A visitor or a staff member: keeps the cookies the server sets, whatever their flags.

    The admin's session and CSRF cookies are `Secure` in production, which a standard cookie
    jar would not send over plain HTTP on 127.0.0.1.
    """

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

    def save_change_form(self, admin_path, pk, edit=None, **changes):
        """Open the item's admin change form, change some fields (`edit(fields)` may change them
        in place too) and save it as an editor does, with "Save" unless `changes` names another
        button."""
        path = f"/admin/{admin_path}/{pk}/change/"
        page = self.get(path)
        if page.status_code != 200:
            raise RuntimeError(f"change form of {admin_path} {pk}: {page.status_code}")
        fields = submitted(page.text, f"{admin_path.split('/')[-1]}_form")
        if edit is not None:
            edit(fields)
        fields.update(changes)
        if not any(name.startswith("_") for name in changes):
            fields["_save"] = "Save"
        response = self.post(path, fields)
        if response.status_code != 302:
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
            raise RuntimeError(f"saving {path}: {response.status_code} {errors[:3]}")
        return response


# Databases and caches


def database_name(url):
    return url.rsplit("/", 1)[1].split("?")[0]


def admin_database_url(url):
    return url.rsplit("/", 1)[0] + "/postgres"


def reset_database(url):
    """Drop and create `url`'s database (empty, for migrate)."""
    import psycopg
    from psycopg import sql

    name = sql.Identifier(database_name(url))
    with psycopg.connect(admin_database_url(url), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def redis_ping(url="redis://127.0.0.1:6379/0"):
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def _wait(ready, what, timeout):
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer within {timeout} s")
        time.sleep(0.1)


class RedisServer:
    """A redis-server of our own on a free port, with no persistence, for runs that stop it."""

    def __init__(self):
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="invamed-redis-")
        self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        command = [
            "redis-server", "--bind", "127.0.0.1", "--port", str(self.port),
            "--save", "", "--appendonly", "no", "--dir", self.directory,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _wait(lambda: redis_ping(self.url()), f"redis-server on {self.port}", 10)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def close(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class PostgresCluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on a free port, for runs that
    restart it: initdb and pg_ctl from /usr/lib/postgresql/*/bin, run as the `postgres` user
    when this runs as root (PostgreSQL refuses root)."""

    def __init__(self):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not versions:
            raise SystemExit("PostgreSQL's binaries are needed (/usr/lib/postgresql/*/bin)")
        self.bin = versions[-1].parent
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="invamed-pg-"))
        self.data = self.directory / "data"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.directory, "postgres", "postgres")

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *command, check=True):
        return subprocess.run(
            [*self.as_user, *command], capture_output=True, text=True, check=check
        )

    def start(self):
        if not self.data.exists():
            self._run(
                str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                "--auth=trust", "--no-sync",
            )  # fmt: skip
        return self.pg_ctl("start")

    def pg_ctl(self, action):
        """`pg_ctl ACTION` (start, restart, stop), waiting until it is done."""
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        done = self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l",
            str(self.directory / "log"), "-o", options, action, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl {action}: {done.stderr or done.stdout}")
        return self

    def running(self):
        return self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "status", check=False)

    def close(self):
        if self.data.exists() and self.running().returncode == 0:
            self.pg_ctl("stop")
        shutil.rmtree(self.directory, ignore_errors=True)
