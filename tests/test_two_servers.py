"""
Two application servers (two gunicorn processes on different ports) share one PostgreSQL and one
Redis: a publication or withdrawal through server A shows on server B at the next request.

Runs when the suite runs on PostgreSQL (DATABASE_URL) and Redis answers on 127.0.0.1:6379, as in
CI's second pass; skipped otherwise. The servers run the production settings (DEBUG off, Redis
cache, page cache) against the test database, so the test is transactional: they must see
the rows this test commits.
"""

import os
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse

from bench.run import free_port
from invamed.site import roles
from loadtest import servers
from loadtest.two_servers import check

from . import factories

# The Redis database the tests may flush (TEST_REDIS_URL lets two checkouts test side by side).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="two servers share one PostgreSQL: run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def role_groups():
    """The groups migration review/0002_roles writes (a transactional test's flush drops them)."""
    roles.apply_roles(Group, Permission)


def served_database_url():
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def two_servers(tmp_path):
    if not servers.redis_ping(REDIS_URL):
        pytest.skip("two servers share one Redis: none answers on 127.0.0.1:6379")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = servers.production_env(served_database_url(), REDIS_URL, LOADTEST_STATIC_FINDERS="1")
    started = [
        servers.Gunicorn(free_port(), env, workers=1, threads=2, log_path=tmp_path / f"{n}.log")
        for n in ("a", "b")
    ]
    try:
        yield [server.wait_ready() for server in started]
    finally:
        for server in started:
            server.stop()


def test_publication_through_one_server_shows_on_the_other_at_once(two_servers, notices):
    a, b = two_servers
    editor = factories.make_user(role="editor")
    reviewer = factories.make_reviewer(name="Dr Selin Kaya")
    title = "Cement augmentation: what the second server shows"
    article = factories.make_article(editor, title=title, notice=notices["regulatory"])
    factories.approve(article, reviewer)
    # The servers run production's password hashers; the test suite's fast MD5 is not one.
    hasher = PBKDF2PasswordHasher()
    get_user_model().objects.filter(pk=reviewer.pk).update(
        password=hasher.encode(factories.PASSWORD, hasher.salt(), iterations=1000)
    )

    seen = check(
        a.base,
        b.base,
        admin_path="blog/article",
        pk=article.pk,
        url=reverse("blog:article", kwargs={"slug": article.slug}),
        index_url=reverse("blog:index"),
        title=title,
        username=reviewer.username,
        password=factories.PASSWORD,
    )

    assert seen["b_index_before"]["x_cache"] == "HIT", seen  # B answered from its cache...
    assert seen["visible_at_once"], seen  # ...yet showed the publication made through A
    assert seen["b_article_cached"]["x_cache"] == "HIT", seen
    assert seen["gone_at_once"], seen  # and a withdrawal through A is a 404 on B at once
    article.refresh_from_db()
    assert article.status == "withdrawn"
