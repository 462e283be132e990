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
3. gunicorn with DEBUG=0, as tools/harness.py serves production: real error pages, no debug
   toolbar or runserver overhead, so Lighthouse sees the site a visitor would. Plain HTTP on
   localhost (Chromium treats localhost as a secure context, so Secure cookies still work
   there); the SSL redirect is switched off since there is no TLS proxy in front.

Everything is removed on exit. The repository's own db.sqlite3 and media/ are never touched.
"""

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools import harness
from tools.harness import ROOT

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

# Debian's Chromium, headless, for Lighthouse (tools/audit.py) and the screenshots.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
).split()


@dataclass
class DemoSite:
    url: str
    paths: dict = field(default_factory=dict)


@contextlib.contextmanager
def demo_site(log=print):
    workdir = Path(tempfile.mkdtemp(prefix="invamed-demo-", dir="/tmp"))
    port = harness.free_port()
    url = f"http://localhost:{port}"
    # The project's settings, with the collected static files in the temporary folder rather
    # than the work tree's staticfiles/ (which `make run` and other tools may be using).
    (workdir / "demo_settings.py").write_text(
        f"from invamed.settings import *  # noqa: F403\nSTATIC_ROOT = {str(workdir / 'static')!r}\n"
    )
    prod_env = harness.production_env(
        f"sqlite:///{workdir / 'db.sqlite3'}",
        "",
        DJANGO_SETTINGS_MODULE="demo_settings",
        PYTHONPATH=f"{workdir}:{ROOT}",
        MEDIA_ROOT=str(workdir / "media"),
        SITE_URL=url,
        SECURE_HSTS_SECONDS="0",
    )
    dev_env = {**prod_env, "DEBUG": "1"}
    server = None
    try:
        log(f"Demo site: database in {workdir}; migrate + seed_demo (DEBUG=1)...")
        harness.manage("migrate", "--no-input", env=dev_env, quiet=True)
        harness.manage("seed_demo", env=dev_env, quiet=True)
        log("Demo site: collectstatic (DEBUG=0, WhiteNoise compressed manifest storage)...")
        harness.manage("collectstatic", "--no-input", env=prod_env, quiet=True)
        shell_output = subprocess.run(  # noqa: S603  (fixed snippet)
            [sys.executable, "manage.py", "shell", "-c", PATHS_SNIPPET],
            cwd=ROOT,
            env=prod_env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        paths = json.loads(shell_output.splitlines()[-1])
        log(f"Demo site: gunicorn (DEBUG=0) on {url}")
        server = harness.Gunicorn(port, prod_env, workers=2, threads=4).wait_ready("/")
        yield DemoSite(url=url, paths=paths)
    finally:
        if server is not None:
            server.stop()
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
