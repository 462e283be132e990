"""
A small HTTP load generator, used by bench/run.py only when wrk is not installed.

Runs in its own process: `python bench/loadgen.py URL [URL ...] --connections 16 --duration 5
[--unique]` keeps N keep-alive connections busy for the duration (one thread each) and prints one
JSON object: requests, requests_per_s, p50_ms, p99_ms, errors. Several URLs (of one server) are
asked for in turn. --unique appends a query string never used before to every request
(cache-miss mode); bench/unique.lua does both for wrk.
"""

import argparse
import http.client
import json
import threading
import time
import uuid
from urllib.parse import urlsplit


def worker(urls, deadline, unique, latencies, errors, lock):
    parts = [urlsplit(url) for url in urls]
    paths = [p.path + (f"?{p.query}" if p.query else "") for p in parts]
    prefix = uuid.uuid4().hex[:8]
    connection = http.client.HTTPConnection(parts[0].hostname, parts[0].port, timeout=10)
    mine, failed, n = [], 0, 0
    while time.perf_counter() < deadline:
        n += 1
        path = paths[n % len(paths)]
        sep = "&" if "?" in path else "?"
        target = f"{path}{sep}nocache={prefix}-{n}" if unique else path
        start = time.perf_counter()
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                failed += 1
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
            connection = http.client.HTTPConnection(parts[0].hostname, parts[0].port, timeout=10)
            continue
        mine.append(time.perf_counter() - start)
    connection.close()
    with lock:
        latencies.extend(mine)
        errors.append(failed)


def run(urls, connections, duration, unique):
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + duration
    threads = [
        threading.Thread(target=worker, args=(urls, deadline, unique, latencies, errors, lock))
        for _ in range(connections)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def percentile(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0
        )

    return {
        "requests": len(latencies),
        "requests_per_s": len(latencies) / elapsed,
        "p50_ms": percentile(0.50),
        "p99_ms": percentile(0.99),
        "errors": sum(errors),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+", metavar="url")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--unique", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.urls, args.connections, args.duration, args.unique)))
