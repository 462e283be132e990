"""
The benchmark's "editorial day": anonymous visitors read the site while editors save and submit
articles in the admin and a reviewer publishes one article a minute, all through the same
gunicorn. It reports the share of anonymous requests the page cache served.

- Visitors: wrk over `--day-pages` public addresses, the benchmark's pages first and then
  articles, tags, FAQ entries, list pages and categories, the k-th asked for k times less often
  than the first (tools/wrk.lua, pick=zipf), after one request to each so that all are stored.
  wrk counts each response's X-Cache per second and address.
- Editors: each article in turn is opened in the admin's change form and saved with a changed
  body twice, then submitted for review, one step every `--day-save-every` seconds: a logged-in
  session posting the change form as an editor's browser does.
- A reviewer: every minute, from 30 s in, approves (with their password) and publishes the
  article that has waited longest, through the admin's buttons.

A publication retires every stored page, so each address's first requests after it are misses
until the page is stored again: those are the refill. The share "between publications" leaves
them out: after a publication, an address's misses count as refill up to the first second
after it in which that address was served from the cache. Every other miss, such as one after
an editor's save, counts against the share.
"""

import os
import threading
import time
from itertools import chain, zip_longest

from tools import harness

PUBLISH_EVERY_S = 60
FIRST_PUBLICATION_S = 30
DAY_GOAL_PERCENT = 99


def anonymous_paths(pages, limit):
    """The benchmark's pages, then other public addresses of every language in turn, `limit`
    in all."""
    from django.conf import settings
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import translation

    from bench.pages import LANGUAGES
    from blog.models import Article, Category
    from faq.models import Entry, FAQCategory
    from invamed.content.models import Tag

    others = []
    for language in LANGUAGES:
        articles = Article.objects.published().in_language(language)
        last_page = -(-articles.count() // settings.INVAMED["PAGE_SIZE"])
        with translation.override(language):
            index = reverse("blog:index")
        tags = Tag.objects.filter(language=language).annotate(
            n=Count("blog_taggedarticleversion_items")
        )
        others += [
            [a.get_absolute_url() for a in articles[:limit]],
            [t.get_absolute_url() for t in tags.order_by("-n", "pk")[:limit]],
            [e.get_absolute_url() for e in Entry.objects.published().in_language(language)[:limit]],
            [f"{index}?page={n}" for n in range(2, min(last_page, limit) + 1)],
            [c.get_absolute_url() for c in Category.objects.filter(language=language)],
            [c.get_absolute_url() for c in FAQCategory.objects.filter(language=language)],
        ]
    paths = [page.path for page in pages]
    for path in chain.from_iterable(zip_longest(*others)):
        if path and path not in paths:
            paths.append(path)
    return paths[:limit]


def store_all(base, paths, threads=4):
    """Ask for every path once, `threads` at a time, so each is in the page cache."""
    todo = iter(paths)
    lock = threading.Lock()

    def ask():
        while True:
            with lock:
                path = next(todo, None)
            if path is None:
                return
            status = harness.request(base, "GET", path, timeout=60)[0]
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")

    workers = [threading.Thread(target=ask) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def share(cache_at, publications):
    """Hits, misses, refill misses and both shares from wrk's CACHE_AT lines."""
    published = sorted(int(t) for t in publications)
    by_path = {}
    for second, path, hits, misses in sorted(cache_at):
        by_path.setdefault(path, []).append((second, hits, misses))
    hits = misses = refill = 0
    for seconds in by_path.values():
        pending = list(published)
        refilling_since = None
        for second, h, m in seconds:
            while pending and pending[0] <= second:
                refilling_since = pending.pop(0)
            hits += h
            misses += m
            if refilling_since is not None:
                refill += m
                if h and second > refilling_since:
                    refilling_since = None
    total = hits + misses
    return {
        "requests": total,
        "hits": hits,
        "misses": misses,
        "refill_misses": refill,
        "share_percent": 100 * hits / total if total else None,
        "share_between_publications_percent": 100 * hits / (total - refill)
        if total - refill
        else None,
    }


class Editorial:
    """An editor's and a reviewer's admin sessions, and the articles they work on."""

    def __init__(self, base, password):
        from django.contrib.auth import get_user_model

        from blog.models import Article
        from invamed.site import roles

        users = get_user_model().objects.order_by("pk")
        editor = users.filter(groups__name=roles.EDITORS).first()
        reviewer = users.filter(groups__name=roles.REVIEWERS).first()
        # The oldest live articles: the visitors' mix starts from the newest.
        self.articles = list(Article.objects.published().order_by("published_at", "pk")[:60])
        self.editor = harness.Browser(base).admin_login(editor.username, password)
        self.reviewer = harness.Browser(base).admin_login(reviewer.username, password)
        self.password = password
        self.waiting = []  # submitted, oldest first
        self.saves = 0

    def save(self, article):
        self.saves += 1
        note = f"<p>Editorial day: revision {self.saves}.</p>"

        def change(fields):
            fields["body"] += note

        self.editor.save_change_form("blog/article", article.pk, change)

    def submit(self, article):
        # An editor submits with the action bar's "Save and submit for review", a button of the
        # change form (submit has no form of its own, unlike the reviewer's transitions).
        self.editor.save_change_form(
            "blog/article", article.pk, _submit="Save and submit for review"
        )
        self.waiting.append(article)

    def publish(self):
        """Approve and publish the article that waited longest; returns when publish began."""
        article = self.waiting.pop(0)
        self.reviewer.transition("blog/article", article.pk, "approve", password=self.password)
        started = time.time()
        self.reviewer.transition("blog/article", article.pk, "publish")
        return started


def schedule(seconds, save_every):
    """(seconds from the start, action) pairs: an editor's steps and a publication a minute."""
    steps = []
    for n in range(int((seconds - 2) // save_every) + 1):
        article, step = divmod(n, 3)
        steps.append((2 + n * save_every, "submit" if step == 2 else "save", article))
    publications = range(FIRST_PUBLICATION_S, int(seconds), PUBLISH_EVERY_S)
    steps += [(t, "publish", None) for t in publications]
    return sorted(steps, key=lambda s: (s[0], s[1] != "publish"))


def run(server, pages, args, password, log=harness.log):
    paths = anonymous_paths(pages, args.day_pages)
    log(f"Editorial day: storing {len(paths)} public pages, then {args.day:.0f} s of visitors")
    store_all(server.base, paths)
    editorial = Editorial(server.base, password)
    paths_file = harness.paths_file(paths)
    # One connection per wrk thread: the script pairs each response with its request.
    process = harness.wrk(
        server.base + "/",
        duration=args.day,
        connections=args.connections,
        threads=args.connections,
        timeout=10,
        paths=paths_file,
        pick="zipf",
        report="cache,failures",
    )
    started = time.monotonic()
    done = {"save": 0, "submit": 0, "publish": 0}
    publications, problems = [], []
    for at, action, n in schedule(args.day, args.day_save_every):
        time.sleep(max(0.0, at - (time.monotonic() - started)))
        try:
            if action == "publish":
                if editorial.waiting:
                    publications.append(editorial.publish())
            else:
                getattr(editorial, action)(editorial.articles[n % len(editorial.articles)])
            done[action] += 1
        except RuntimeError as error:
            problems.append(f"{action} at {at} s: {error}")
            log(f"  {action} at {at} s failed: {error}")
    result = harness.wrk_result(process)
    os.unlink(paths_file)
    counts = share(result.pop("cache_at"), publications)
    day = {
        "seconds": args.day,
        "pages": len(paths),
        "connections": args.connections,
        "saves": done["save"],
        "submissions": done["submit"],
        "publications": done["publish"],
        "problems": problems,
        "goal_percent": DAY_GOAL_PERCENT,
        **{k: result[k] for k in ("requests_per_s", "p50_ms", "p99_ms", "errors")},
        **counts,
    }
    log(
        f"  {day['requests_per_s']:.0f} req/s, {day['saves']} saves, {day['submissions']} "
        f"submissions, {day['publications']} publications; from the cache: "
        f"{day['share_percent']:.2f} % of all, {day['share_between_publications_percent']:.2f} % "
        f"between publications ({day['refill_misses']} refill misses of {day['misses']})"
    )
    return day
