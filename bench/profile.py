"""
Profile the public pages on a cache miss against the benchmark database (no server, no load).

    .venv/bin/python -m bench.profile                     # median ms and queries per page
    .venv/bin/python -m bench.profile --profile article   # pyinstrument tree (pip install it)

Uses the database bench/run.py left (`invamed_bench`) and production settings with the page
cache off, so every request renders from the database. Times are CPU-bound and noisy on a
shared machine; compare pages with each other and before/after a change, not across machines.
"""

import argparse
import os
import statistics
import time

from tools import harness


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/invamed_bench"
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", help="page name to profile with pyinstrument")
    args = parser.parse_args()
    os.environ.update(harness.production_env(args.database_url, ""))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.pages import public_pages
    from bench.run import QueryCounter

    client = Client(HTTP_HOST="127.0.0.1")
    for page in public_pages():
        if args.profile and page.name != args.profile:
            continue
        client.get(page.path)  # warm the template cache and connection
        if args.profile:
            from pyinstrument import Profiler

            with Profiler(interval=0.0005) as profiler:
                for _ in range(args.repeat):
                    client.get(page.path)
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            continue
        with connection.execute_wrapper(counter := QueryCounter()):
            response = client.get(page.path)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(page.path)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{page.name:28} {statistics.median_low(times):7.1f} ms p50  {min(times):7.1f} ms min"
            f"  {counter.count} queries  {len(response.content)} bytes"
        )


if __name__ == "__main__":
    main()
