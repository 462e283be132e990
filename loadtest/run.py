"""
The load and fault runs (`make loadtest`): production settings on PostgreSQL and Redis, loaded
from 127.0.0.1, with PostgreSQL restarted and Redis stopped under load, and two servers sharing
one cache.

    .venv/bin/python loadtest/run.py                 # about 5 minutes
    .venv/bin/python loadtest/run.py --skip-faults   # the 60 s load run and two servers only

In order (loadtest/README.md says more):
1. Drops and creates the PostgreSQL database `invamed_loadtest`, flushes Redis db 12, migrates,
   collects static files, generates the benchmark's data set (bench/dataset.py).
2. Load: gunicorn (2 gthread workers x 4 threads) and wrk, 60 s at 64 connections rotating over
   home, INVAblog index, category, article, tag, FAQ index and search (loadtest/public.lua):
   requests/s, p50/p99, non-2xx/3xx responses, socket errors. Zero errors required.
3. PostgreSQL restart 20 s into a 60 s run, half of the requests bypassing the page cache:
   failed requests and when, the time until an uncached page is served again (polled every
   100 ms, must be under 5 s), then workers x threads x 10 uncached requests, all 200.
4. Redis stopped 10 s into a 40 s run and started again 15 s later: zero errors required.
5. Two servers (loadtest/two_servers.py): publish through A, visible on B at once; withdraw,
   404 on B at once.
PostgreSQL and Redis are running again at the end whatever happens. Exits non-zero when any
requirement fails; writes loadtest/results/latest.json and latest.md.
"""

# Starts wrk with fixed arguments.
# ruff: noqa: S603, S607

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run as bench  # noqa: E402
from loadtest import servers  # noqa: E402

HERE = ROOT / "loadtest"
RESULTS = HERE / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/invamed_loadtest"
REDIS_URL = "redis://127.0.0.1:6379/12"
log = bench.log


def wrk(base, paths, *, duration, connections, bypass_every):
    """Start wrk over `paths` in rotation; returns the process (see parse_wrk)."""
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(HERE / "public.lua"),
        base,
        "--",
        str(bypass_every),
        *paths,
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def parse_wrk(process):
    out, err = process.communicate(timeout=600)
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
        else {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    )
    failures_at = sorted(
        (int(t), int(c)) for t, c in re.findall(r"^FAILURES_AT (\d+) (\d+)$", out, re.MULTILINE)
    )
    result = {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": bench._ms(percentiles["50"]),
        "p99_ms": bench._ms(percentiles["99"]),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors,
        "failures_at": failures_at,
    }
    result["errors"] = result["non_2xx_3xx"] + sum(socket_errors.values())
    return result


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
            status, _, _ = servers.request(base, "GET", uncached(path, f"recover-{n}"), timeout=2)
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
                status = servers.request(base, "GET", path)[0]
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


def load_run(server, paths, args):
    log(f"Load: wrk {args.duration} s, {args.connections} connections over {len(paths)} pages")
    result = parse_wrk(
        wrk(
            server.base,
            paths,
            duration=args.duration,
            connections=args.connections,
            bypass_every=0,
        )
    )
    log(summary("load", result))
    return result


def postgres_fault(server, paths, args):
    duration, at = args.duration, args.fault_at
    log(f"PostgreSQL restart {at} s into a {duration} s run, every 2nd request uncached")
    process = wrk(
        server.base, paths, duration=duration, connections=args.connections, bypass_every=2
    )
    started = time.time()
    try:
        time.sleep(at)
        restart_at = time.time()
        done = servers.pg_ctl("restart")
        restarted_at = time.time()
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctlcluster restart failed: {done.stderr}")
        recovery = poll_until_served(server.base, paths[3])
    finally:
        servers.pg_ensure_running()
    result = parse_wrk(process)
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


def redis_fault(server, paths, args):
    duration, down_at, down_for = 40, 10, 15
    log(f"Redis stopped {down_at} s into a {duration} s run, started again {down_for} s later")
    warnings_before = server.tail(10**6).count("Redis cache unavailable")
    process = wrk(
        server.base, paths, duration=duration, connections=args.connections, bypass_every=2
    )
    probe = {}
    try:
        time.sleep(down_at)
        servers.redis_stop()
        probe["redis_answering_while_down"] = servers.redis_ping()
        time.sleep(1)
        status, headers, _ = servers.request(server.base, "GET", paths[0])
        probe["home_while_down"] = {"status": status, "x_cache": headers.get("x-cache", [None])[0]}
        time.sleep(down_for - 1)
    finally:
        servers.redis_start()
    probe["redis_answering_after"] = servers.redis_ping()
    result = parse_wrk(process)
    time.sleep(6)  # the backend's retry interval: the cache is used again
    status, headers, _ = servers.request(server.base, "GET", paths[0])
    status, headers, _ = servers.request(server.base, "GET", paths[0])
    probe["home_after"] = {"status": status, "x_cache": headers.get("x-cache", [None])[0]}
    probe["warnings_logged"] = server.tail(10**6).count("Redis cache unavailable") - warnings_before
    log(summary("Redis down", result))
    log(f"  {probe}")
    return {**result, **probe}


def two_servers(server_a, env, data, args, log_dir):
    from django.urls import reverse

    from bench import dataset
    from loadtest.two_servers import approved_article, check

    title = f"Two servers, one cache: check {int(time.time())}"
    article, reviewer = approved_article(title, f"two-servers-{int(time.time())}", dataset.PASSWORD)
    from django.db import connections

    connections.close_all()
    log("Two servers: publish through A, read from B; withdraw through A, read from B")
    server_b = servers.Gunicorn(bench.free_port(), env, log_path=log_dir / "gunicorn-b.log")
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="live articles (default 1000)")
    parser.add_argument("--duration", type=int, default=60, help="seconds of each load run")
    parser.add_argument("--fault-at", type=int, default=20, help="seconds before the restart")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--skip-faults", action="store_true")
    parser.add_argument(
        "--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    args = parser.parse_args()
    started = time.monotonic()

    env = servers.production_env(args.database_url, REDIS_URL)
    os.environ.update(env)
    if bench.find_load_tool() != "wrk":
        raise SystemExit("wrk is needed (apt-get install wrk)")
    servers.pg_ensure_running()
    servers.redis_start()
    log(f"Resetting {args.database_url} and Redis {REDIS_URL}")
    bench.reset_database(args.database_url)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    bench.manage("migrate", "--no-input", "-v", "0")
    bench.manage("collectstatic", "--no-input", "-v", "0")

    import django

    django.setup()
    from django.db import connections

    from bench import dataset

    log(f"Generating {args.size} articles (bench/dataset.py)")
    data = dataset.generate(args.size, log=log)
    pages = bench.pick_pages(data, args.size)
    paths = [pages[name] for name in ("home", "index p1", "category", "article", "tag")]
    paths += [pages["FAQ index"], pages["search"]]
    connections.close_all()

    log_dir = Path(tempfile.mkdtemp(prefix="invamed-loadtest-"))
    server = servers.Gunicorn(
        bench.free_port(),
        env,
        workers=args.workers,
        threads=args.threads,
        log_path=log_dir / "gunicorn-a.log",
    )
    results, problems = {}, []
    try:
        server.wait_ready()
        for path in paths:  # every page answers, and is stored once
            status = servers.request(server.base, "GET", path)[0]
            if status != 200:
                problems.append(f"{path} answered {status} before the load")
        results["load"] = load_run(server, paths, args)
        if results["load"]["errors"]:
            problems.append(f"load: {results['load']['errors']} errors")
        if not args.skip_faults:
            pg = results["postgres_restart"] = postgres_fault(server, paths, args)
            if pg["recovery_s"] is None or pg["recovery_s"] > 5:
                problems.append(f"PostgreSQL: served again after {pg['recovery_s']} s (> 5 s)")
            if pg["after_recovery_not_200"]:
                problems.append(f"PostgreSQL: broken workers: {pg['after_recovery_not_200'][:5]}")
            if pg["failures_outside_restart"]:
                problems.append("PostgreSQL: requests failed outside the restart")
            rd = results["redis_down"] = redis_fault(server, paths, args)
            if rd["errors"]:
                problems.append(f"Redis down: {rd['errors']} errors")
            if rd["home_while_down"]["status"] != 200:
                problems.append("Redis down: the home page was not served")
        seen = results["two_servers"] = two_servers(server, env, data, args, log_dir)
        if not (seen["visible_at_once"] and seen["gone_at_once"]):
            problems.append(f"two servers: {seen}")
    finally:
        server.stop()
        servers.redis_start()
        servers.pg_ensure_running()

    meta = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": bench.machine(),
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
        f"{meta['threads']} threads, PostgreSQL + Redis on 127.0.0.1.",
        "",
        "| run | requests | req/s | p50 ms | p99 ms | non-2xx/3xx | socket errors |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {
        "load": f"load, {meta['duration_s']} s, page cache on",
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
