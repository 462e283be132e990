"""
The benchmark (`make bench`): the public pages under load, against a static file of the same
size served by the same stack.

    .venv/bin/python bench/run.py --size 1000       # default run, a few minutes
    .venv/bin/python bench/run.py --size 10000      # the scale run

What it does, in order:
1. Drops and creates the PostgreSQL database `invamed_bench` (127.0.0.1:5432, or
   BENCH_DATABASE_URL), flushes Redis db 13, migrates, runs collectstatic.
2. Generates the data set (bench/dataset.py): --size live articles with versions, sign-offs,
   tags, references and FAQ entries.
3. Counts the SQL queries of each page on a cache miss and on a hit, in this process, with
   Django's test client and CaptureQueriesContext (no instrumentation in production code), and
   writes a copy of the article page into STATIC_ROOT as the static reference file.
4. Serves the site with gunicorn (production settings: DEBUG=0, Redis cache, 2 gthread workers)
   on 127.0.0.1 and a free port, and drives it from a second process with wrk (installed with
   apt-get if missing) or, failing that, bench/loadgen.py.
5. For each page: the static file, then cache hits (the same URL again and again, anonymous)
   and cache misses (a query string never used before on every request, bench/unique.lua, so
   each request renders the page from the database and stores it), each after a warm-up. Each
   ratio is taken against the static run just before it, and the workers' CPU time per
   request is recorded too: both stay meaningful on a machine that is busy with other work.
6. Soaks the server with cache misses over every page: a minute of warm-up, then --soak
   seconds (default 300), reading the workers' resident memory every 5 s, and reports each
   minute's mean and peak (the warm-up minute's too).
7. Prints the table, writes bench/results/latest.json and latest.md, and reports the gunicorn
   workers' resident memory after the warm-up and at the end.
"""

# The benchmark starts its own tools (manage.py, gunicorn, wrk, ps, apt-get) with fixed arguments.
# ruff: noqa: S603, S607

import argparse
import datetime
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/invamed_bench"
REDIS_URL = "redis://127.0.0.1:6379/13"
STATIC_PATH = "bench/article-copy.html"
# The cheapest response Django gives through the whole production stack: robots.txt, a
# four-line template with no SQL. Its miss row is the floor under every page's miss: what the
# middleware, the URL resolver, a template and storing the page in Redis cost before a page
# does any work of its own.
FLOOR = ("floor: robots.txt", "/robots.txt")


def log(message):
    print(message, flush=True)


def configure_environment(args):
    """The production settings, from the environment, as the benchmark serves them."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        REDIS_URL=REDIS_URL,
        DATABASE_URL=args.database_url,
        PAGE_CACHE="1",
        PYTHONPATH=str(ROOT),
        # As README "Production" runs gunicorn: two malloc arenas, not one per thread.
        MALLOC_ARENA_MAX="2",
    )
    sys.path.insert(0, str(ROOT))


def reset_database(url):
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(*command, env=None):
    environment = {**os.environ, **(env or {})}
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, check=True, env=environment)


def find_load_tool():
    if shutil.which("wrk"):
        return "wrk"
    if shutil.which("apt-get") and os.geteuid() == 0:
        log("wrk not found: installing it from Debian's packages")
        result = subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True)
        if result.returncode != 0:
            subprocess.run(["apt-get", "update"], capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True)
        if shutil.which("wrk"):
            return "wrk"
    log("wrk unavailable: using bench/loadgen.py (Python threads)")
    return "loadgen"


def pick_pages(data, size):
    """The URLs of each page type, chosen to be typical but not empty."""
    from django.conf import settings
    from django.db.models import Count
    from django.urls import reverse

    from blog.models import Article

    article = (
        Article.objects.published().annotate(n=Count("faq_links")).order_by("-n", "pk").first()
    )
    tag = busiest_tag(data["tags"])
    last_page = max(1, -(-size // settings.INVAMED["PAGE_SIZE"]))
    return {
        "home": reverse("home"),
        "index p1": reverse("blog:index"),
        "index last": reverse("blog:index") + f"?page={last_page}",
        "category": data["categories"][0].get_absolute_url(),
        "article": article.get_absolute_url(),
        "tag": reverse("tag", kwargs={"slug": tag.slug}),
        "FAQ index": reverse("faq:index"),
        "search": reverse("search") + "?q=kyphoplasty",
    }


def busiest_tag(tags):
    from django.db.models import Count
    from taggit.models import Tag

    return (
        Tag.objects.filter(pk__in=[t.pk for t in tags])
        .annotate(n=Count("blog_taggedarticleversion_items"))
        .order_by("-n")
        .first()
    )


class QueryCounter:
    """Counts every SQL statement the connection executes (works with DEBUG off)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def count_queries(pages):
    """SQL queries per request on a miss and on a hit, and the response size, per page."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in pages.items():
        sep = "&" if "?" in url else "?"
        with connection.execute_wrapper(miss := QueryCounter()):
            response = client.get(f"{url}{sep}nocache=count")
        assert response.status_code == 200, (name, url, response.status_code)
        assert response.get("X-Cache") == "MISS", (name, url, response.get("X-Cache"))
        client.get(url)
        with connection.execute_wrapper(hit := QueryCounter()):
            response = client.get(url)
        assert response.get("X-Cache") == "HIT", (name, url, response.get("X-Cache"))
        counts[name] = {
            "miss_queries": miss.count,
            "hit_queries": hit.count,
            "bytes": len(response.content),
            "body": response.content,
        }
    connection.close()
    return counts


def use_database(name):
    """Point the default connection at another database (closing the current connection)."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def render_p50(sites, repeat):
    """Uncached p50 (ms) and SQL queries of each page of each site, rendered in this process.

    `sites` maps a database name to its pages. The sites are measured in turn, one render of
    each page per round, so a busy machine slows both sizes alike and the ratio stays fair.
    Every URL carries a query string never used before, so the page cache cannot answer.
    """
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    times = {db: {name: [] for name in pages} for db, pages in sites.items()}
    queries = {db: {} for db in sites}
    for db, pages in sites.items():
        use_database(db)
        for name, url in pages.items():
            sep = "&" if "?" in url else "?"
            client.get(f"{url}{sep}nocache=warm-{db}")
            with connection.execute_wrapper(counter := QueryCounter()):
                client.get(f"{url}{sep}nocache=count-{db}")
            queries[db][name] = counter.count
    for n in range(repeat):
        for db, pages in sites.items():
            use_database(db)
            client.get("/robots.txt")  # connect outside the timed renders
            for name, url in pages.items():
                sep = "&" if "?" in url else "?"
                start = time.perf_counter()
                response = client.get(f"{url}{sep}nocache={db}-{n}")  # never in the page cache
                times[db][name].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (name, url, response.status_code)
    connection.close()
    return {
        db: {
            name: {"p50_ms": round(sorted(t)[len(t) // 2], 1), "queries": queries[db][name]}
            for name, t in by_page.items()
        }
        for db, by_page in times.items()
    }


def admin_changelist_queries():
    """SQL queries of the admin changelists a site administrator opens most, logged in."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    lists = {
        "Article changelist": "/admin/blog/article/",
        "FAQ entry changelist": "/admin/faq/entry/",
        "audit (review events)": "/admin/review/reviewevent/",
        "sign-offs": "/admin/review/signoff/",
    }
    counts = {}
    for name, url in lists.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    client.logout()
    connection.close()
    return counts


def page_weight(article_html):
    """The article page's HTML plus the stylesheets it links, before compression (bytes)."""
    from django.conf import settings

    sheets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', article_html)
    css = {
        name.decode(): (Path(settings.STATIC_ROOT) / name.decode()).stat().st_size
        for name in sheets
    }
    return {"html": len(article_html), "css": css, "total": len(article_html) + sum(css.values())}


def static_headers(base, article_html):
    """Content-Encoding and Cache-Control of a fingerprinted stylesheet, per Accept-Encoding."""
    match = re.search(rb'<link rel="stylesheet" href="(/static/[^"]+)"', article_html)
    url = base + match.group(1).decode()
    found = {"url": match.group(1).decode()}
    for encoding in ("br", "gzip"):
        request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})  # noqa: S310
        with urllib.request.urlopen(request) as response:  # noqa: S310 - our own server.
            found[encoding] = {
                "content_encoding": response.headers.get("Content-Encoding"),
                "cache_control": response.headers.get("Cache-Control"),
                "vary": response.headers.get("Vary"),
                "bytes": len(response.read()),
            }
    return found


SOAK_SAMPLE_S = 5  # seconds of load between two readings of the workers' RSS
# Seconds of the soak's own load before its first measured minute. In the first minute of
# sustained misses the workers' RSS climbs by 1-3 MB to the working set of four threads
# rendering at once, and then holds; the warm-up minute is reported too, so the climb is
# shown, but growth is counted from the first minute after it.
SOAK_WARMUP_S = 60


def soak(tool, base, pages, args, server):
    """SOAK_WARMUP_S seconds, then --soak seconds, of cache misses over every page, reading each
    worker's RSS every SOAK_SAMPLE_S seconds; per minute, the mean and the peak of those readings.

    Every run of the load asks for all the pages in turn (bench/unique.lua given several paths),
    so every reading is taken under the same mix. Runs of one page at a time made the readings
    follow the page (the 62 KB FAQ index holds more than the 10 KB INVAblog index) and a
    minute's mean depend on which pages fell into that minute: it moved by a megabyte or more
    with no growth at all. A minute is summed up by the mean of its twelve readings, and its
    peak; growth is the last minute's mean against the first's.
    """
    paths = list(pages.values())
    run = run_wrk if tool == "wrk" else run_loadgen

    def readings_for(seconds):
        started = time.monotonic()
        readings = []  # (seconds since the start, {pid: MB})
        while (elapsed := time.monotonic() - started) < seconds:
            duration = int(min(SOAK_SAMPLE_S, max(1, seconds - elapsed)))
            run(base + "/", args, True, duration, mix=paths)
            readings.append((time.monotonic() - started, worker_rss_mb(server.pid)))
        return readings

    def summary(readings):
        pids = sorted({pid for _, rss in readings for pid in rss})
        per_worker = [[rss[pid] for _, rss in readings if pid in rss] for pid in pids]
        return {
            "mean": [round(statistics.fmean(values), 1) for values in per_worker],
            "peak": [max(values) for values in per_worker],
            "readings": len(readings),
        }

    warmup = summary(readings_for(SOAK_WARMUP_S))
    log(f"  soak warm-up ({SOAK_WARMUP_S} s): RSS mean {warmup['mean']}, peak {warmup['peak']}")
    readings = readings_for(args.soak)
    count = max(1, math.ceil(args.soak / 60))
    minutes = []
    for minute in range(count):
        minutes.append(
            summary([(t, rss) for t, rss in readings if min(int(t // 60), count - 1) == minute])
        )
        mean, peak = minutes[-1]["mean"], minutes[-1]["peak"]
        log(f"  soak minute {minute + 1}: RSS mean {mean}, peak {peak}")
    return {
        "sample_s": SOAK_SAMPLE_S,
        "warmup_s": SOAK_WARMUP_S,
        "warmup": warmup,
        "minutes": minutes,
        "first_minute": minutes[0]["mean"],
        "last_minute": minutes[-1]["mean"],
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_command(port, workers, threads):
    """gunicorn as production runs it (gthread workers), bound to 127.0.0.1:port."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "invamed.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]


def start_gunicorn(port, args):
    command = gunicorn_command(port, args.workers, args.threads)
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/{STATIC_PATH}") as r:  # noqa: S310
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def worker_rss_mb(master_pid):
    out = subprocess.run(
        ["ps", "--ppid", str(master_pid), "-o", "pid=,rss="], capture_output=True, text=True
    ).stdout
    return {
        int(pid): round(int(rss) / 1024, 1)
        for pid, rss in (line.split() for line in out.splitlines())
    }


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


def run_wrk(url, args, unique, duration, mix=()):
    """wrk on `url`; with `mix` (paths of the same server), cache misses over those paths in
    turn instead (bench/unique.lua either way when `unique`)."""
    command = [
        "wrk",
        "-t",
        str(args.threads_wrk),
        "-c",
        str(args.connections),
        "-d",
        f"{max(1, round(duration))}s",  # wrk takes whole seconds
        "--latency",
    ]
    if unique or mix:
        command += ["-s", str(BENCH / "unique.lua")]
    command.append(url)
    if mix:
        command += ["--", *mix]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(percentiles["50"]),
        "p99_ms": _ms(percentiles["99"]),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def run_loadgen(url, args, unique, duration, mix=()):
    urls = [url.rstrip("/") + path for path in mix] if mix else [url]
    command = [
        sys.executable,
        str(BENCH / "loadgen.py"),
        *urls,
        "--connections",
        str(args.connections),
        "--duration",
        str(duration),
    ]
    if unique or mix:
        command.append("--unique")
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def measure(tool, url, args, unique, server_pid, runs=1):
    """A warm-up, then the best of `runs` measured runs, with the workers' CPU ms per request.

    Other work on a shared machine only ever slows a run down, so the best of two is the
    closer estimate of what the stack itself can do; the static file and the cache hits,
    short requests that a neighbour's burst of CPU skews the most, are measured that way.
    """
    run = run_wrk if tool == "wrk" else run_loadgen
    run(url, args, unique, args.warmup)
    results = []
    for _ in range(runs):
        before = workers_cpu_s(server_pid)
        result = run(url, args, unique, args.duration)
        used = workers_cpu_s(server_pid) - before
        result["cpu_ms"] = used * 1000 / max(1, result["requests"])
        results.append(result)
    return max(results, key=lambda r: r["requests_per_s"])


def workers_cpu_s(master_pid):
    """CPU seconds (user + system) the gunicorn workers have used so far.

    Requests per second depend on what else the machine is doing; CPU time per request much
    less so, which makes it the steadier figure to compare two runs on a shared machine. The
    database's and Redis's own CPU time is not in it.
    """
    pids = subprocess.run(
        ["ps", "--ppid", str(master_pid), "-o", "pid="], capture_output=True, text=True
    ).stdout.split()
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


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


def table(rows, meta):
    head = [
        "page", "mode", "req/s", "p50 ms", "p99 ms", "errors", "SQL/req", "bytes",
        "CPU ms/req", "static req/s", "× static", "× static CPU",
    ]  # fmt: skip
    lines = [
        f"Benchmark {meta['date']} on {meta['machine']}; {meta['size']} articles, "
        f"{meta['tool']} {meta['connections']} connections, {meta['duration']} s per row, "
        f"gunicorn {meta['workers']} gthread workers × {meta['threads']} threads. "
        "Each page's hit and miss runs follow a run of the static file, and × static compares "
        "them with that run (static req/s); the static file row is the median of those runs. "
        "Static and hit figures: the better of two runs. "
        "CPU ms/req: the gunicorn workers' CPU time per request (PostgreSQL's and Redis's not "
        "included); × static CPU: the static run's CPU time per request divided by the page's.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['mode']} | {r['requests_per_s']:.0f} | {r['p50_ms']:.1f} | "
            f"{r['p99_ms']:.1f} | {r['errors']} | {r['sql_per_request']} | {r['bytes']} | "
            f"{r['cpu_ms']:.2f} | {r['static_requests_per_s']:.0f} | {r['ratio_to_static']:.2f} | "
            f"{r['cpu_ratio_to_static']:.2f} |"
        )
    rss = meta["worker_rss_mb"]
    lines += [
        "",
        f"gunicorn worker RSS (MB): after warm-up {rss['after_warmup']}, "
        f"at the end {rss['at_end']}.",
    ]
    if meta.get("soak"):
        soak = meta["soak"]
        per_minute = "; ".join(
            f"{i} {m['mean']} (peak {m['peak']})" for i, m in enumerate(soak["minutes"], 1)
        )
        lines.append(
            f"Soak {soak['seconds']:.0f} s of cache misses, each worker's RSS (MB) read every "
            f"{soak['sample_s']} s, mean of each minute's readings: first minute "
            f"{soak['first_minute']}, last minute {soak['last_minute']}. "
            f"Minute by minute: {per_minute}. Before them, {soak['warmup_s']} s of the "
            f"same load as a warm-up: {soak['warmup']['mean']} (peak {soak['warmup']['peak']})."
        )
    scale = meta.get("scale")
    if scale:
        small, large = scale["sizes"]
        lines += [
            "",
            f"Scale, uncached, rendered in-process with no load (median of {scale['repeat']}):",
            "",
            f"| page | queries at {small} | queries at {large} | p50 ms at {small} | "
            f"p50 ms at {large} | × |",
            "|---|---|---|---|---|---|",
        ]
        for name, row in scale["pages"].items():
            lines.append(
                f"| {name} | {row['small']['queries']} | {row['large']['queries']} | "
                f"{row['small']['p50_ms']} | {row['large']['p50_ms']} | {row['ratio']:.2f} |"
            )
    if meta.get("admin_queries"):
        lines += ["", f"Admin changelist SQL queries at {meta['size']} articles (logged in):", ""]
        lines += [f"- {name}: {n}" for name, n in meta["admin_queries"].items()]
    weight = meta.get("weight")
    if weight:
        css = ", ".join(f"{name} {size}" for name, size in weight["css"].items())
        lines += [
            "",
            f"Article page weight before compression: HTML {weight['html']} + CSS ({css}) = "
            f"{weight['total']} bytes ({weight['total'] / 1024:.1f} KB).",
        ]
    headers = meta.get("static_headers")
    if headers:
        for encoding in ("br", "gzip"):
            h = headers[encoding]
            lines.append(
                f"Static {headers['url']} with Accept-Encoding {encoding}: Content-Encoding "
                f"{h['content_encoding']}, Cache-Control {h['cache_control']}, {h['bytes']} bytes."
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="live articles (default 1000)")
    parser.add_argument("--duration", type=float, default=5, help="seconds per measurement")
    parser.add_argument("--warmup", type=float, default=1, help="seconds of warm-up per row")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads-wrk", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--baseline",
        type=int,
        default=100,
        help="also build a site of this size first and compare uncached p50 and queries (0: no)",
    )
    parser.add_argument("--repeat", type=int, default=30, help="renders per page for the p50s")
    parser.add_argument(
        "--soak", type=float, default=300, help="seconds of cache misses after the table (RSS)"
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    args = parser.parse_args()
    started = time.monotonic()

    configure_environment(args)
    tool = find_load_tool()
    import django
    import redis

    django.setup()
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from bench import dataset

    main_db = connection.settings_dict["NAME"]
    sizes = {f"{main_db}_base": args.baseline} if args.baseline else {}
    sizes[main_db] = args.size
    sites = {}
    for db, size in sizes.items():
        url = args.database_url.rsplit("/", 1)[0] + f"/{db}"
        log(f"Resetting {url} and Redis {REDIS_URL}")
        use_database(db)
        connection.close()
        reset_database(url)
        redis.Redis.from_url(REDIS_URL).flushdb()
        manage("migrate", "--no-input", "-v", "0", env={"DATABASE_URL": url})
        ContentType.objects.clear_cache()
        log(f"Generating {size} articles")
        t = time.monotonic()
        data = dataset.generate(size, log=log)
        log(f"  generated in {time.monotonic() - t:.0f} s")
        sites[db] = pick_pages(data, size)
    pages = sites[main_db]
    manage("collectstatic", "--no-input", "--clear", "-v", "0")
    scale = None
    if args.baseline:
        log(f"Uncached p50 per page at {args.baseline} and {args.size} articles (in-process)")
        p50s = render_p50(sites, args.repeat)
        small, large = p50s[f"{main_db}_base"], p50s[main_db]
        scale = {
            "sizes": [args.baseline, args.size],
            "repeat": args.repeat,
            "pages": {
                name: {
                    "small": small[name],
                    "large": large[name],
                    "ratio": large[name]["p50_ms"] / small[name]["p50_ms"],
                }
                for name in large
            },
        }
        log(f"  {scale['pages']}")
    use_database(main_db)
    log("Admin changelists: SQL queries")
    admin_queries = admin_changelist_queries()
    log(f"  {admin_queries}")

    log("Counting SQL queries per page (Django test client, in this process)")
    counts = count_queries({**pages, FLOOR[0]: FLOOR[1]})
    static_file = Path(settings.STATIC_ROOT) / STATIC_PATH
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(counts["article"]["body"])
    weight = page_weight(counts["article"]["body"])
    redis.Redis.from_url(REDIS_URL).flushdb()

    port = free_port()
    log(f"Serving with gunicorn on 127.0.0.1:{port}; load from {tool}")
    server = start_gunicorn(port, args)
    base = f"http://127.0.0.1:{port}"
    rows = []
    statics = []
    try:
        rss_warm = None
        for name, url in [*pages.items(), FLOOR]:
            # The static file again before each page: the ratio compares two runs a few
            # seconds apart, so a neighbour's burst of CPU on a shared machine skews both alike.
            static = measure(tool, f"{base}/static/{STATIC_PATH}", args, False, server.pid, 2)
            statics.append(static)
            rss_warm = rss_warm or worker_rss_mb(server.pid)
            log(f"  static file: {static['requests_per_s']:.0f} req/s")
            for mode in ("hit", "miss"):
                runs = 2 if mode == "hit" else 1
                result = measure(tool, base + url, args, mode == "miss", server.pid, runs)
                queries = counts[name]["hit_queries" if mode == "hit" else "miss_queries"]
                rows.append(
                    {
                        "page": name,
                        "mode": mode,
                        "url": url,
                        **result,
                        "sql_per_request": queries,
                        "bytes": counts[name]["bytes"],
                        "ratio_to_static": result["requests_per_s"] / static["requests_per_s"],
                        "cpu_ratio_to_static": static["cpu_ms"] / max(result["cpu_ms"], 1e-6),
                        "static_requests_per_s": static["requests_per_s"],
                    }
                )
                log(
                    f"  {name} {mode}: {result['requests_per_s']:.0f} req/s, "
                    f"p50 {result['p50_ms']:.1f} ms, {result['cpu_ms']:.2f} ms CPU, "
                    f"{queries} queries"
                )
        static = sorted(statics, key=lambda r: r["requests_per_s"])[len(statics) // 2]
        rows.insert(
            0,
            {
                "page": "static file",
                "mode": "static",
                **static,
                "sql_per_request": 0,
                "bytes": static_file.stat().st_size,
                "ratio_to_static": 1.0,
                "cpu_ratio_to_static": 1.0,
                "static_requests_per_s": static["requests_per_s"],
            },
        )
        rss_end = worker_rss_mb(server.pid)
        headers = static_headers(base, counts["article"]["body"])
        soak_rss = None
        if args.soak:
            log(f"Soak: {args.soak:.0f} s of cache misses over every page")
            soak_rss = {"seconds": args.soak, **soak(tool, base, pages, args, server)}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        # The miss runs stored a page for every request (about 2 GB for the soak): give the
        # machine's Redis its memory back.
        redis.Redis.from_url(REDIS_URL).flushdb()

    meta = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "size": args.size,
        "tool": tool,
        "connections": args.connections,
        "duration": args.duration,
        "workers": args.workers,
        "threads": args.threads,
        "miss_mode": "a query string never used before on every request (bench/unique.lua)",
        "sql_counted_by": "Django test client + CaptureQueriesContext, in the benchmark process",
        "worker_rss_mb": {
            "after_warmup": list(rss_warm.values()),
            "at_end": list(rss_end.values()),
        },
        "soak": soak_rss,
        "scale": scale,
        "admin_queries": admin_queries,
        "weight": weight,
        "static_headers": headers,
        "elapsed_s": round(time.monotonic() - started),
    }
    text = table(rows, meta)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    (RESULTS / "latest.md").write_text(text + "\n")
    (RESULTS / f"size-{args.size}.md").write_text(text + "\n")
    (RESULTS / f"size-{args.size}.json").write_text((RESULTS / "latest.json").read_text())
    log("")
    log(text)
    log(f"\nWrote {RESULTS / 'latest.json'} and latest.md in {meta['elapsed_s']} s.")


if __name__ == "__main__":
    main()
