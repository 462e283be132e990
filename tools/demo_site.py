"""
A throw-away demo site served as production would serve it, for tools/audit.py and
tools/screenshots.py.

    with demo_site() as site:
        site.url               # http://localhost:PORT
        site.paths["article"]  # the public paths of interest (see PATHS_SNIPPET)

1. A temporary SQLite database in /tmp: `manage.py migrate`, then `manage.py seed_demo`, both
   with DEBUG=1 (seed_demo refuses to run otherwise: it creates users with public passwords).
2. `manage.py collectstatic` with DEBUG=0: WhiteNoise's compressed (gzip + Brotli), fingerprinted
   files with far-future cache headers, as in production.
   The files go to the temporary folder (a settings module there sets STATIC_ROOT).
3. gunicorn (the production server, 2 workers) with DEBUG=0: real error pages, no debug toolbar
   or runserver overhead, so Lighthouse sees the site a visitor would. Plain HTTP on localhost
   (Chromium treats localhost as a secure context, so Secure cookies still work there); the
   SSL redirect is switched off since there is no TLS proxy in front.

Everything is removed on exit. The repository's own db.sqlite3 and media/ are never touched.
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

# Printed as JSON by `manage.py shell`: the paths the tools visit, picked from the demo data.
PATHS_SNIPPET = """
import json, re
from blog.models import Article
from invamed.review.models import State
def richness(a):
    v = a.live_version
    return (v.faq_placements.filter(entry__live_version__isnull=False).exists(),
            bool(v.references), len(re.findall(r"<h2[\\s>]", v.body)) >= 3, len(v.body))
article = max(Article.objects.published().in_language("en"), key=richness)
in_review = Article.objects.filter(status=State.IN_REVIEW).first()
print(json.dumps({
    "home": "/en/",
    "article": article.get_absolute_url(),
    "faq index": "/en/faq/",
    "admin article in review": f"/admin/blog/article/{in_review.pk}/change/",
}))
"""


@dataclass
class DemoSite:
    url: str
    paths: dict = field(default_factory=dict)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env, quiet=True):
    subprocess.run(  # noqa: S603  (fixed manage.py commands)
        args,
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def wait_until_up(url, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310  (our http URL)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the demo site did not answer at {url} within {timeout} s")


@contextlib.contextmanager
def demo_site(log=print):
    workdir = Path(tempfile.mkdtemp(prefix="invamed-demo-", dir="/tmp"))
    port = free_port()
    url = f"http://localhost:{port}"
    base_env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SITE_URL": url,
        "REDIS_URL": "",
        "PAGE_CACHE": "0",
    }
    # The project's settings, with the collected static files in the temporary folder rather
    # than the work tree's staticfiles/ (which `make run` and other tools may be using).
    (workdir / "demo_settings.py").write_text(
        f"from invamed.settings import *  # noqa: F403\nSTATIC_ROOT = {str(workdir / 'static')!r}\n"
    )
    base_env["DJANGO_SETTINGS_MODULE"] = "demo_settings"
    base_env["PYTHONPATH"] = os.pathsep.join([str(workdir), str(ROOT)])
    dev_env = {**base_env, "DEBUG": "1"}
    prod_env = {
        **base_env,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
    }
    server = None
    try:
        log(f"Demo site: database in {workdir}; migrate + seed_demo (DEBUG=1)...")
        run([PYTHON, "manage.py", "migrate", "--no-input"], dev_env)
        run([PYTHON, "manage.py", "seed_demo"], dev_env)
        log("Demo site: collectstatic (DEBUG=0, WhiteNoise compressed manifest storage)...")
        run([PYTHON, "manage.py", "collectstatic", "--no-input"], prod_env)
        shell_output = (
            subprocess.run(  # noqa: S603  (fixed snippet)
                [PYTHON, "manage.py", "shell", "-c", PATHS_SNIPPET],
                cwd=ROOT,
                env=prod_env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()
        )
        paths = json.loads(shell_output[-1])
        log(f"Demo site: gunicorn (DEBUG=0) on {url}")
        server = subprocess.Popen(  # noqa: S603  (fixed command)
            [
                str(GUNICORN),
                "invamed.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=prod_env,
        )
        wait_until_up(url + "/", server)
        yield DemoSite(url=url, paths=paths)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    # Serve the demo site until Ctrl-C, for looking at it by hand.
    with demo_site() as site:
        print(json.dumps(site.paths, indent=2))
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            sys.exit(0)
