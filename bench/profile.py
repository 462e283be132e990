"""
Profile the public pages on a cache miss against the benchmark database (no server, no load).

    .venv/bin/python bench/profile.py                 # mean ms and queries per page
    .venv/bin/python bench/profile.py --profile article   # pyinstrument tree (pip install it)

Uses the database bench/run.py left (`invamed_bench`) and production settings with the page
cache off, so every request renders from the database. Times are CPU-bound and noisy on a
shared machine; compare pages with each other and before/after a change, not across machines.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY="profile-only-not-secret",  # noqa: S105
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        PAGE_CACHE="0",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def pages():
    from taggit.models import Tag

    from bench.run import pick_pages
    from blog.models import Article, Category

    data = {"tags": list(Tag.objects.all()), "categories": [Category.objects.first()]}
    return pick_pages(data, Article.objects.count())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/invamed_bench"
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", help="page name to profile with pyinstrument")
    args = parser.parse_args()
    setup(args.database_url)
    from django.db import connection
    from django.test import Client

    from bench.run import QueryCounter

    client = Client(HTTP_HOST="127.0.0.1")
    urls = pages()
    for name, url in urls.items():
        if args.profile and name != args.profile:
            continue
        client.get(url)  # warm the template cache and connection
        if args.profile:
            from pyinstrument import Profiler

            with Profiler(interval=0.0005) as profiler:
                for _ in range(args.repeat):
                    client.get(url)
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            continue
        with connection.execute_wrapper(counter := QueryCounter()):
            response = client.get(url)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(
            f"{name:12} {times[len(times) // 2]:7.1f} ms p50  {times[0]:7.1f} ms min  "
            f"{counter.count} queries  {len(response.content)} bytes"
        )


if __name__ == "__main__":
    main()
