"""
The benchmark (`make bench`): every public page type, from the page cache and on a cache miss,
against the floor (robots.txt through the same stack), and an editorial day.

    .venv/bin/python -m bench.run --size 1000       # make bench
    .venv/bin/python -m bench.run --size 10000      # make bench-scale

What it does, in order (bench/README.md says more):
1. Drops and creates the PostgreSQL databases `invamed_bench_base` (--baseline articles) and
   `invamed_bench` (--size articles) on 127.0.0.1:5432 (or BENCH_DATABASE_URL), flushes Redis
   db 13, migrates, generates the data sets (bench/dataset.py), runs collectstatic.
2. In this process: each page's uncached p50 and SQL queries at both sizes, the admin
   changelists' queries, and each page's queries on a miss and on a hit.
3. Serves the site with gunicorn as production does (tools/harness.py) and drives it with wrk:
   each page of bench/pages.py as cache hits (the same address again and again) and misses (a
   query string never used before on every request), with requests/s, latency, and the CPU
   time per request of the gunicorn workers and of the PostgreSQL backends serving the
   database, read from /proc. The floor is measured before the first page, halfway and after
   the last, and every page is compared with the median of those three.
4. The editorial day (bench/editorial_day.py), then a soak of cache misses over every page,
   reading the workers' resident memory.
5. Writes bench/results/size-N.md and size-N.json, and the README's generated block when the
   README names that file.
"""

import json
import math
import os
import re
import statistics
import time
import urllib.request
from pathlib import Path

from bench import editorial_day, pages, report
from tools import harness

# Re-exported for tests/test_two_servers.py until the tests carry a helper of their own.
from tools.harness import free_port  # noqa: F401

RESULTS = harness.ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/invamed_bench"
REDIS_URL = "redis://127.0.0.1:6379/13"
log = harness.log


class QueryCounter:
    """Counts every SQL statement the connection executes (works with DEBUG off)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def uncached(path, tag):
    return f"{path}{'&' if '?' in path else '?'}nocache={tag}"


def count_queries(rows):
    """SQL queries per request on a miss and on a hit, and the response, per page."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for page in rows:
        with connection.execute_wrapper(miss := QueryCounter()):
            response = client.get(uncached(page.path, "count"))
        assert response.status_code == 200, (page.name, page.path, response.status_code)
        # The floor is outside the languages' prefixes, so it varies with Accept-Language and
        # the page cache never stores it: its "hit" is a render too.
        stored = page.type is not pages.FLOOR
        assert response.get("X-Cache") == ("MISS" if stored else None), (page.name, response)
        client.get(page.path)
        with connection.execute_wrapper(hit := QueryCounter()):
            response = client.get(page.path)
        assert response.get("X-Cache") == ("HIT" if stored else None), (page.name, response)
        counts[page.name] = {"miss": miss.count, "hit": hit.count, "body": response.content}
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
    times = {db: {page.name: [] for page in rows} for db, rows in sites.items()}
    queries = {db: {} for db in sites}
    for db, rows in sites.items():
        use_database(db)
        for page in rows:
            client.get(uncached(page.path, f"warm-{db}"))
            with connection.execute_wrapper(counter := QueryCounter()):
                client.get(uncached(page.path, f"count-{db}"))
            queries[db][page.name] = counter.count
    for n in range(repeat):
        for db, rows in sites.items():
            use_database(db)
            client.get("/robots.txt")  # connect outside the timed renders
            for page in rows:
                start = time.perf_counter()
                response = client.get(uncached(page.path, f"{db}-{n}"))
                times[db][page.name].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (page.name, response.status_code)
    connection.close()
    return {
        db: {
            name: {"p50_ms": round(statistics.median_low(t), 1), "queries": queries[db][name]}
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
                "bytes": len(response.read()),
            }
    return found


def measure(server, backends, path, args, *, miss):
    """A warm-up, then one measured run of wrk with the CPU it cost per request."""
    options = {
        "connections": args.connections,
        "threads": args.threads_wrk,
        "uncached": 1 if miss else 0,
    }
    harness.run_wrk(server.base + path, duration=args.warmup, **options)
    with harness.CpuMeter(server, backends) as cpu:
        result = harness.run_wrk(server.base + path, duration=args.duration, **options)
    requests = max(1, result["requests"])
    result["worker_cpu_ms"] = cpu.workers_s * 1000 / requests
    result["postgres_cpu_ms"] = None if cpu.postgres_s is None else cpu.postgres_s * 1000 / requests
    for key in ("cache_at", "failures_at", "socket_errors"):
        result.pop(key)
    return result


def measure_pages(server, backends, rows, counts, args):
    """Each page's hit and miss, with the floor before the first, halfway and after the last."""
    floor = pages.floor_page()
    # Every page rendered a few times first, so that the first floor run is not also the
    # workers' first sight of the templates and queries.
    every_page = harness.paths_file([page.path for page in [floor, *rows]])
    harness.run_wrk(
        server.base + "/",
        duration=3 * args.warmup,
        connections=args.connections,
        threads=args.threads_wrk,
        paths=every_page,
        uncached=1,
    )
    os.unlink(every_page)
    half = math.ceil(len(rows) / 2)
    order = [floor, *rows[:half], floor, *rows[half:], floor]
    measured, floors = [], {"hit": [], "miss": []}
    for page in order:
        for mode in ("hit", "miss"):
            result = measure(server, backends, page.path, args, miss=mode == "miss")
            row = {
                "page": page.name,
                "type": page.type.name,
                "language": page.language,
                "mode": mode,
                "path": page.path,
                **result,
                "sql_per_request": counts[page.name][mode],
                "bytes": len(counts[page.name]["body"]),
                "goal": page.type.miss_goal if mode == "miss" else None,
            }
            (floors[mode] if page is floor else measured).append(row)
            log(
                f"  {page.name} {mode}: {row['requests_per_s']:.0f} req/s, p50 "
                f"{row['p50_ms']:.1f} ms, worker CPU {row['worker_cpu_ms']:.2f} ms, PostgreSQL "
                f"CPU {report.number(row['postgres_cpu_ms'])} ms, {row['sql_per_request']} queries"
            )
    floor_rows = []
    for runs in floors.values():
        median = sorted(runs, key=lambda r: r["worker_cpu_ms"])[len(runs) // 2]
        floor_rows.append(
            {**median, "floor_runs_worker_cpu_ms": [r["worker_cpu_ms"] for r in runs]}
        )
    for row in measured:
        base = next(f for f in floor_rows if f["mode"] == row["mode"])["worker_cpu_ms"]
        row["floor_multiple"] = row["worker_cpu_ms"] / base
        row["met"] = None if row["goal"] is None else row["floor_multiple"] <= row["goal"]
    return floor_rows, measured


SOAK_SAMPLE_S = 5  # seconds of load between two readings of the workers' RSS
# Seconds of the soak's own load before its first measured minute: in their first minute of
# sustained misses the workers climb to the working set of four threads rendering at once, and
# that is start-up, not growth. It is reported on its own line.
SOAK_WARMUP_S = 60


def soak(server, rows, args):
    """SOAK_WARMUP_S, then --soak seconds, of cache misses over every page in turn, reading each
    worker's RSS every SOAK_SAMPLE_S seconds; per minute, the mean and the peak of those.

    Every run asks for all the pages in turn, so every reading is taken under the same mix;
    runs of one page at a time made the readings follow that page's working set.
    """
    paths = harness.paths_file([page.path for page in rows])

    def readings_for(seconds):
        started = time.monotonic()
        readings = []  # (seconds since the start, {pid: MB})
        while (elapsed := time.monotonic() - started) < seconds:
            harness.run_wrk(
                server.base + "/",
                duration=min(SOAK_SAMPLE_S, max(1, seconds - elapsed)),
                connections=args.connections,
                threads=args.threads_wrk,
                paths=paths,
                uncached=1,
            )
            readings.append((time.monotonic() - started, server.worker_rss_mb()))
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
        log(f"  soak minute {minute + 1}: RSS mean {minutes[-1]['mean']}")
    os.unlink(paths)
    return {
        "seconds": args.soak,
        "sample_s": SOAK_SAMPLE_S,
        "warmup_s": SOAK_WARMUP_S,
        "warmup": warmup,
        "minutes": minutes,
    }


def build_sites(args):
    """Reset, migrate and fill the baseline's database and the main one; their pages."""
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
        harness.reset_database(url)
        harness.flush_redis(REDIS_URL)
        harness.manage("migrate", "--no-input", "-v", "0", env={**os.environ, "DATABASE_URL": url})
        ContentType.objects.clear_cache()
        log(f"Generating {size} articles")
        started = time.monotonic()
        dataset.generate(size, log=log)
        log(f"  generated in {time.monotonic() - started:.0f} s")
        sites[db] = pages.public_pages()
    use_database(main_db)
    return main_db, sites


def main():
    parser = harness.arguments(__doc__.split("\n\n")[0], duration=5, connections=8)
    parser.add_argument("--warmup", type=float, default=1, help="seconds of warm-up per row")
    parser.add_argument("--threads-wrk", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--baseline",
        type=int,
        default=100,
        help="also build a site of this size first and compare uncached p50 and queries (0: no)",
    )
    parser.add_argument("--repeat", type=int, default=30, help="renders per page for the p50s")
    parser.add_argument("--day", type=float, default=180, help="seconds of the editorial day")
    parser.add_argument("--day-pages", type=int, default=300, help="addresses visitors read")
    parser.add_argument(
        "--day-save-every", type=float, default=10, help="seconds between editors' steps"
    )
    parser.add_argument(
        "--soak", type=float, default=300, help="seconds of cache misses at the end (RSS; 0: no)"
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    args = parser.parse_args()
    if not harness.database_name(args.database_url).startswith("invamed_bench"):
        raise SystemExit("The benchmark's database names start with invamed_bench.")
    started = time.monotonic()
    harness.require_wrk()
    os.environ.update(harness.production_env(args.database_url, REDIS_URL))
    import django

    django.setup()
    from bench import dataset

    main_db, sites = build_sites(args)
    rows = sites[main_db]
    harness.manage("collectstatic", "--no-input", "--clear", "-v", "0")
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
    use_database(main_db)
    log("Admin changelists: SQL queries")
    admin_queries = admin_changelist_queries()
    log("Counting SQL queries per page (Django test client, in this process)")
    counts = count_queries([*rows, pages.floor_page()])
    article = next(page for page in rows if page.type.name == "article")
    weight = page_weight(counts[article.name]["body"])
    harness.flush_redis(REDIS_URL)

    server = harness.Gunicorn(
        harness.free_port(), os.environ.copy(), workers=args.workers, threads=args.threads
    ).wait_ready()
    backends = harness.postgres_backends(args.database_url)
    log(f"Serving with gunicorn on {server.base}; load from wrk")
    try:
        floors, measured = measure_pages(server, backends, rows, counts, args)
        rss_after_rows = list(server.worker_rss_mb().values())
        headers = static_headers(server.base, counts[article.name]["body"])
        day = None
        if args.day:
            harness.flush_redis(REDIS_URL)  # the miss runs' pages, never asked for again
            day = editorial_day.run(server, rows, args, dataset.PASSWORD)
        soak_rss = None
        if args.soak:
            harness.flush_redis(REDIS_URL)
            log(f"Soak: {args.soak:.0f} s of cache misses over every page")
            soak_rss = soak(server, rows, args)
        rss_end = list(server.worker_rss_mb().values())
    finally:
        server.stop()
        if backends:
            backends.close()
        # The miss runs stored a page for every request: give the machine's Redis its memory.
        harness.flush_redis(REDIS_URL)

    meta = {
        "date": harness.now_utc(),
        "machine": harness.machine(),
        "size": args.size,
        "connections": args.connections,
        "duration": args.duration,
        "workers": args.workers,
        "threads": args.threads,
        "languages": [language or "none" for language in pages.LANGUAGES],
        "worker_rss_mb": {"after_rows": rss_after_rows, "at_end": rss_end},
        "soak": soak_rss,
        "scale": scale,
        "admin_queries": admin_queries,
        "weight": weight,
        "static_headers": headers,
        "elapsed_s": round(time.monotonic() - started),
    }
    results = {"meta": meta, "floor": floors, "rows": measured, "editorial_day": day}
    results["goals"] = report.goals(results)
    name = f"size-{args.size}"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    markdown = report.markdown(results, f"bench/results/{name}.md")
    (RESULTS / f"{name}.md").write_text(markdown)
    log("")
    log(markdown)
    if report.update_readme(harness.ROOT / "README.md", f"bench/results/{name}.md", markdown):
        log("README.md: the generated block is rewritten from this run.")
    log(f"Wrote {RESULTS / name}.md and .json in {meta['elapsed_s']} s.")


if __name__ == "__main__":
    main()
