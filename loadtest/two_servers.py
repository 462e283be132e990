"""
Two application servers sharing one PostgreSQL and one Redis: what a reviewer publishes or
withdraws through server A is what the next anonymous visitor of server B sees, at once.

B's page cache is warmed first (its copy of the INVAblog index and, once published, of the
article are cache hits), so B can only show the change if the invalidation went through the
shared cache: there is no timeout to wait for.

`check()` is used by loadtest/run.py (on the load-test data set) and tests/test_two_servers.py.
"""

from tools.harness import Browser, request


def _get(base, path):
    status, headers, body = request(base, "GET", path)
    return status, headers.get("x-cache", [""])[0], body


def check(a, b, *, admin_path, pk, url, index_url, title, username, password):
    """Publish the approved item `pk` through server A, then withdraw it; watch server B.

    Returns the observations; `visible_at_once` and `gone_at_once` are the verdicts.
    """
    marker = title.encode()
    seen = {}
    _get(b, index_url)
    status, cache, body = _get(b, index_url)
    seen["b_index_before"] = {"status": status, "x_cache": cache, "lists_it": marker in body}
    seen["b_article_before"] = _get(b, url)[0]

    reviewer = Browser(a).admin_login(username, password)
    reviewer.transition(admin_path, pk, "publish")
    status, cache, body = _get(b, url)
    seen["b_article_after_publish"] = {"status": status, "x_cache": cache}
    shown = status == 200 and marker in body
    status, cache, body = _get(b, index_url)
    seen["b_index_after_publish"] = {"status": status, "x_cache": cache, "lists_it": marker in body}
    listed = marker in body
    status, cache, _ = _get(b, url)
    seen["b_article_cached"] = {"status": status, "x_cache": cache}

    reviewer.transition(admin_path, pk, "withdraw", comment="Load test: withdrawn again.")
    status, cache, _ = _get(b, url)
    seen["b_article_after_withdraw"] = {"status": status, "x_cache": cache}
    gone = status == 404
    status, cache, body = _get(b, index_url)
    seen["b_index_after_withdraw"] = {"status": status, "lists_it": marker in body}
    unlisted = marker not in body

    seen["warm_cache_on_b"] = seen["b_index_before"]["x_cache"] == "HIT" and (
        seen["b_article_cached"]["x_cache"] == "HIT"
    )
    seen["visible_at_once"] = (
        seen["b_article_before"] == 404
        and not seen["b_index_before"]["lists_it"]
        and shown
        and listed
    )
    seen["gone_at_once"] = gone and unlisted
    return seen


def approved_article(title, slug, reviewer_password):
    """A new article, submitted and approved (not yet published), in the configured database.

    Goes through services.save_version and services.perform, as the admin would. Returns it.
    """
    from django.contrib.auth import get_user_model

    from blog.models import Article, Category
    from invamed.content.models import Author
    from invamed.review import services
    from invamed.site import roles

    User = get_user_model()
    editor = User.objects.filter(groups__name=roles.EDITORS).order_by("pk").first()
    reviewer = User.objects.filter(groups__name=roles.REVIEWERS).order_by("pk").first()
    article = Article.objects.create(
        title=title,
        slug=slug,
        summary="Written by the two-server check of the load test.",
        body="<h2>Why this article?</h2><p>It proves that both servers see one publication.</p>",
        category=Category.objects.order_by("pk").first(),
        author=Author.objects.order_by("pk").first(),
        created_by=editor,
    )
    services.save_version(article, editor)
    article.refresh_from_db()
    services.perform(article, "submit", editor)
    services.perform(article, "approve", reviewer, password=reviewer_password)
    article.refresh_from_db()
    return article, reviewer
