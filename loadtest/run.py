"""
The load and fault runs (`make loadtest`): production settings on PostgreSQL and Redis servers
of its own, loaded from 127.0.0.1, with that PostgreSQL restarted and that Redis stopped under
load, and two servers sharing one cache.

    .venv/bin/python -m loadtest.run                 # make loadtest
    .venv/bin/python -m loadtest.run --skip-faults   # the load run and two servers only

In order (loadtest/README.md says more):
1. Starts a throwaway PostgreSQL cluster (initdb in a temporary folder, a free port) and a
   redis-server on a free port; the machine's own PostgreSQL and Redis are not touched.
   Creates the database `invamed_bench_loadtest` there, migrates, collects static files and
   generates the benchmark's data set (bench/dataset.py).
2. Load: gunicorn (2 gthread workers x 4 threads) and wrk, --duration seconds at 64
   connections rotating over the benchmark's pages (bench/pages.py): requests/s, p50/p99,
   non-2xx/3xx responses, socket errors. Zero errors required.
3. PostgreSQL restart --fault-at seconds into a run of the same length, half of the requests
   bypassing the page cache: failed requests and when, the time until an uncached page is
   served again (polled every 100 ms, must be under 5 s), then workers x threads x 10 uncached
   requests, all 200.
4. Redis stopped 10 s into a 40 s run and started again 15 s later: zero errors required.
5. Two servers (loadtest/two_servers.py): publish through A, visible on B at once; withdraw,
   404 on B at once.
Both servers of its own are stopped and removed at the end whatever happens. Exits non-zero
when any requirement fails; writes loadtest/results/latest.json and latest.md.
"""

import json
import os
import tempfile
import threading
import time
from pathlib import Path

from bench import pages
from loadtest.two_servers import approved_article, check
from tools import harness

RESULTS = harness.ROOT / "loadtest" / "results"
DATABASE = "invamed_bench_loadtest"
log = harness.log


def load(server, paths, args, *, duration, uncached=0):
    """Start wrk over `paths` in rotation, every `uncached`-th request bypassing the cache."""
    return harness.wrk(
        server.base + "/",
        duration=duration,
        connections=args.connections,
        timeout=5,
        paths=paths,
        uncached=uncached,
        report="failures",
    )


def summary(name, r):
    s = r["socket_errors"]
    return (
        f"  {name}: {r['requests']} requests, {r['requests_per_s']:.0f} req/s, "
        f"p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, non-2xx/3xx {r['non_2xx_3xx']}, "
        f"socket errors connect {s['connect']} read {s['read']} write {s['write']} "
        f"timeout {s['timeout']}"
    )


def uncached(path, tag):
    return f"{path}{'&' if '?' in path else '?'}nocache={tag}"


def poll_until_served(base, path, *, every=0.1, limit=30):
    """Seconds until an uncached `path` answers 200, polling every 100 ms (None: never)."""
    started = time.monotonic()
    n = 0
    while time.monotonic() - started < limit:
        n += 1
        try:
            status, _, _ = harness.request(base, "GET", uncached(path, f"recover-{n}"), timeout=2)
            if status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(every)
    return None


def no_worker_broken(base, paths, total, concurrency=16):
    """`total` uncached requests, `concurrency` at a time: how many did not answer 200."""
    statuses, lock = [], threading.Lock()
    counter = iter(range(total))

    def client():
        for n in counter:
            path = uncached(paths[n % len(paths)], f"after-{n}-{time.monotonic_ns()}")
            try:
                status = harness.request(base, "GET", path)[0]
            except OSError as error:
                status = type(error).__name__
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [s for s in statuses if s != 200]


def load_run(server, paths_file, args):
    log(f"Load: wrk {args.duration} s, {args.connections} connections over the public pages")
    result = harness.wrk_result(load(server, paths_file, args, duration=args.duration))
    log(summary("load", result))
    return result


def postgres_fault(server, postgres, paths, paths_file, args):
    duration, at = args.duration, args.fault_at
    log(f"PostgreSQL restart {at} s into a {duration} s run, every 2nd request uncached")
    process = load(server, paths_file, args, duration=duration, uncached=2)
    started = time.time()
    time.sleep(at)
    restart_at = time.time()
    postgres.pg_ctl("restart")
    restarted_at = time.time()
    recovery = poll_until_served(server.base, paths[4])
    result = harness.wrk_result(process)
    total = 10 * server.workers * server.threads
    broken = no_worker_broken(server.base, paths, total)
    served_again_at = restarted_at + (recovery or 0)
    failures = [{"second": t - int(restart_at), "failed": c} for t, c in result["failures_at"]]
    outside = [
        f for f in result["failures_at"] if not (restart_at - 1 <= f[0] <= served_again_at + 1)
    ]
    fault = {
        **result,
        "restart_started_s": round(restart_at - started, 2),
        "restart_took_s": round(restarted_at - restart_at, 2),
        "recovery_s": None if recovery is None else round(recovery, 3),
        "failures_by_second_from_restart": failures,
        "failures_outside_restart": len(outside),
        "after_recovery_requests": total,
        "after_recovery_not_200": broken,
    }
    log(summary("PostgreSQL restart", result))
    log(
        f"  restart at {fault['restart_started_s']} s, took {fault['restart_took_s']} s; "
        f"uncached page served again {fault['recovery_s']} s after it completed; "
        f"failures by second from the restart: {failures or 'none'}; "
        f"after recovery {total} uncached requests, not 200: {len(broken)}"
    )
    return fault


def redis_fault(server, redis_server, paths, paths_file, args):
    duration, down_at, down_for = 40, 10, 15
    log(f"Redis stopped {down_at} s into a {duration} s run, started again {down_for} s later")
    warnings_before = server.tail(10**6).count("Redis cache unavailable")
    process = load(server, paths_file, args, duration=duration, uncached=2)
    probe = {}
    try:
        time.sleep(down_at)
        redis_server.stop()
        probe["redis_answering_while_down"] = harness.redis_ping(redis_server.url())
        time.sleep(1)
        status, headers, _ = harness.request(server.base, "GET", paths[0])
        probe["home_while_down"] = {"status": status, "x_cache": headers.get("x-cache", [None])[0]}
        time.sleep(down_for - 1)
    finally:
        redis_server.start()
    probe["redis_answering_after"] = harness.redis_ping(redis_server.url())
    result = harness.wrk_result(process)
    time.sleep(6)  # the backend's retry interval: the cache is used again
    status, headers, _ = harness.request(server.base, "GET", paths[0])
    status, headers, _ = harness.request(server.base, "GET", paths[0])
    probe["home_after"] = {"status": status, "x_cache": headers.get("x-cache", [None])[0]}
    probe["warnings_logged"] = server.tail(10**6).count("Redis cache unavailable") - warnings_before
    log(summary("Redis down", result))
    log(f"  {probe}")
    return {**result, **probe}


def two_servers(server_a, env, log_dir):
    from django.db import connections
    from django.urls import reverse

    from bench import dataset

    title = f"Two servers, one cache: check {int(time.time())}"
    article, reviewer = approved_article(title, f"two-servers-{int(time.time())}", dataset.PASSWORD)
    connections.close_all()
    log("Two servers: publish through A, read from B; withdraw through A, read from B")
    server_b = harness.Gunicorn(harness.free_port(), env, log_path=log_dir / "gunicorn-b.log")
    try:
        server_b.wait_ready()
        seen = check(
            server_a.base,
            server_b.base,
            admin_path="blog/article",
            pk=article.pk,
            url=article.get_absolute_url(),
            index_url=reverse("blog:index"),
            title=title,
            username=reviewer.username,
            password=dataset.PASSWORD,
        )
    finally:
        server_b.stop()
    log(
        f"  visible on B at once: {'yes' if seen['visible_at_once'] else 'NO'}; "
        f"gone from B at once: {'yes' if seen['gone_at_once'] else 'NO'} "
        f"(B's cache was warm: {seen['warm_cache_on_b']})"
    )
    return seen


def prepare(database_url, size):
    """The database and static files, and the data set with its public pages."""
    harness.reset_database(database_url)
    harness.manage("migrate", "--no-input", "-v", "0")
    harness.manage("collectstatic", "--no-input", "-v", "0")
    import django

    django.setup()
    from django.db import connections

    from bench import dataset

    log(f"Generating {size} articles (bench/dataset.py)")
    dataset.generate(size, log=log)
    paths = [page.path for page in pages.public_pages()]
    connections.close_all()
    return paths


def run(args, postgres, redis_server, log_dir):
    env = harness.production_env(postgres.url(DATABASE), redis_server.url())
    os.environ.update(env)
    paths = prepare(postgres.url(DATABASE), args.size)
    paths_file = harness.paths_file(paths, log_dir)
    server = harness.Gunicorn(
        harness.free_port(),
        env,
        workers=args.workers,
        threads=args.threads,
        log_path=log_dir / "gunicorn-a.log",
    )
    results, problems = {}, []
    try:
        server.wait_ready()
        for path in paths:  # every page answers, and is stored once
            status = harness.request(server.base, "GET", path)[0]
            if status != 200:
                problems.append(f"{path} answered {status} before the load")
        results["load"] = load_run(server, paths_file, args)
        if results["load"]["errors"]:
            problems.append(f"load: {results['load']['errors']} errors")
        if not args.skip_faults:
            pg = results["postgres_restart"] = postgres_fault(
                server, postgres, paths, paths_file, args
            )
            if pg["recovery_s"] is None or pg["recovery_s"] > 5:
                problems.append(f"PostgreSQL: served again after {pg['recovery_s']} s (> 5 s)")
            if pg["after_recovery_not_200"]:
                problems.append(f"PostgreSQL: broken workers: {pg['after_recovery_not_200'][:5]}")
            if pg["failures_outside_restart"]:
                problems.append("PostgreSQL: requests failed outside the restart")
            rd = results["redis_down"] = redis_fault(server, redis_server, paths, paths_file, args)
            if rd["errors"]:
                problems.append(f"Redis down: {rd['errors']} errors")
            if rd["home_while_down"]["status"] != 200:
                problems.append("Redis down: the home page was not served")
        seen = results["two_servers"] = two_servers(server, env, log_dir)
        if not (seen["visible_at_once"] and seen["gone_at_once"]):
            problems.append(f"two servers: {seen}")
    finally:
        server.stop()
    return paths, results, problems


def main():
    parser = harness.arguments(__doc__.split("\n\n")[0], duration=60, connections=64)
    parser.add_argument("--fault-at", type=int, default=20, help="seconds before the restart")
    parser.add_argument("--skip-faults", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    harness.require_wrk()
    log_dir = Path(tempfile.mkdtemp(prefix="invamed-loadtest-"))
    postgres, redis_server = harness.PostgresCluster(), harness.RedisServer()
    try:
        log(f"PostgreSQL of our own on port {postgres.port}, Redis on port {redis_server.port}")
        postgres.start()
        redis_server.start()
        paths, results, problems = run(args, postgres, redis_server, log_dir)
    finally:
        redis_server.close()
        postgres.close()

    meta = {
        "date": harness.now_utc(),
        "machine": harness.machine(),
        "size": args.size,
        "connections": args.connections,
        "duration_s": args.duration,
        "workers": args.workers,
        "threads": args.threads,
        "paths": paths,
        "gunicorn_logs": str(log_dir),
        "elapsed_s": round(time.monotonic() - started),
        "problems": problems,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps({"meta": meta, **results}, indent=2, default=str) + "\n"
    )
    (RESULTS / "latest.md").write_text(report(meta, results) + "\n")
    log("")
    log(report(meta, results))
    if problems:
        log("\nFAILED:\n- " + "\n- ".join(problems))
        raise SystemExit(1)
    log(f"\nAll requirements met in {meta['elapsed_s']} s.")


def report(meta, results):
    lines = [
        f"Load test {meta['date']} on {meta['machine']}; {meta['size']} articles, wrk "
        f"{meta['connections']} connections, gunicorn {meta['workers']} gthread workers x "
        f"{meta['threads']} threads, PostgreSQL + Redis of its own on 127.0.0.1.",
        "",
        "| run | requests | req/s | p50 ms | p99 ms | non-2xx/3xx | socket errors |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {
        "load": f"load, {meta['duration_s']:g} s, page cache on",
        "postgres_restart": "PostgreSQL restarted, half uncached",
        "redis_down": "Redis stopped for 15 s, half uncached",
    }
    for key, name in names.items():
        r = results.get(key)
        if r:
            lines.append(
                f"| {name} | {r['requests']} | {r['requests_per_s']:.0f} | {r['p50_ms']:.1f} | "
                f"{r['p99_ms']:.1f} | {r['non_2xx_3xx']} | {sum(r['socket_errors'].values())} |"
            )
    pg = results.get("postgres_restart")
    if pg:
        lines += [
            "",
            f"PostgreSQL restart: at {pg['restart_started_s']} s, took {pg['restart_took_s']} s; "
            f"failed requests {pg['errors']} (by second from the restart: "
            f"{pg['failures_by_second_from_restart'] or 'none'}); an uncached page was served "
            f"again {pg['recovery_s']} s after the restart completed; then "
            f"{pg['after_recovery_requests']} uncached requests, "
            f"{len(pg['after_recovery_not_200'])} not 200.",
        ]
    rd = results.get("redis_down")
    if rd:
        lines.append(
            f"Redis down: {rd['errors']} errors; home page while down: "
            f"{rd['home_while_down']['status']} (X-Cache {rd['home_while_down']['x_cache']}); "
            f"warnings logged: {rd['warnings_logged']}; after restart X-Cache "
            f"{rd['home_after']['x_cache']}."
        )
    two = results.get("two_servers")
    if two:
        lines.append(
            f"Two servers: published through A, visible on B at once: "
            f"{'yes' if two['visible_at_once'] else 'no'}; withdrawn, 404 on B at once: "
            f"{'yes' if two['gone_at_once'] else 'no'} (B's page cache was warm: "
            f"{'yes' if two['warm_cache_on_b'] else 'no'})."
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
