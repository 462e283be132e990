"""
Two application servers (two gunicorn processes on different ports) share one PostgreSQL and one
Redis: a publication or withdrawal through server A shows on server B at the next request.

Runs when the suite runs on PostgreSQL (DATABASE_URL) and Redis answers at TEST_REDIS_URL, as in
CI's second pass; skipped otherwise. The servers run the production settings (DEBUG off, Redis
cache, page cache) against the test database, so the test is transactional: they must see
the rows this test commits.
"""

import datetime
import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from invamed.site import roles

from . import factories, servers

# The Redis database the tests may flush (TEST_REDIS_URL lets two checkouts test side by side).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")

pytestmark = servers.sharing_postgresql("two servers share one PostgreSQL")


@pytest.fixture(autouse=True)
def role_groups():
    """The groups migration review/0002_roles writes (a transactional test's flush drops them)."""
    roles.apply_roles(Group, Permission)


def redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def two_servers(tmp_path):
    if not redis_answers(REDIS_URL):
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"REQUIRE_REDIS=1 but Redis does not answer at {REDIS_URL}")
        pytest.skip(f"two servers share one Redis: none answers at {REDIS_URL}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = servers.production_env(servers.database_url(connection.settings_dict), REDIS_URL)
    started = [servers.Gunicorn(env, tmp_path / f"{name}.log") for name in ("a", "b")]
    try:
        yield [server.wait_ready() for server in started]
    finally:
        for server in started:
            server.stop()
        redis.Redis.from_url(REDIS_URL).flushdb()


def can_sign_in(*users):
    """The servers run production's password hashers; the test suite's fast MD5 is not one."""
    hasher = PBKDF2PasswordHasher()
    for user in users:
        get_user_model().objects.filter(pk=user.pk).update(
            password=hasher.encode(factories.PASSWORD, hasher.salt(), iterations=1000)
        )


def test_publication_through_one_server_shows_on_the_other_at_once(two_servers, notices):
    """B answers its visitors from its cache, yet the very next page after a publication (and
    then a withdrawal) made through A shows it."""
    a, b = two_servers
    editor = factories.make_user(role="editor")
    reviewer = factories.make_reviewer(name="Dr Selin Kaya")
    can_sign_in(reviewer)
    title = "Cement augmentation: what the second server shows"
    article = factories.make_article(editor, title=title, notice=notices["regulatory"])
    factories.approve(article, reviewer)
    url = reverse("blog:article", kwargs={"slug": article.slug})
    index = reverse("blog:index")
    visitor = servers.Browser(b.base)

    visitor.get(index)
    before = visitor.get(index)
    assert before.x_cache == "HIT" and title not in before.text
    assert visitor.get(url).status_code == 404

    staff = servers.Browser(a.base).admin_login(reviewer.username, factories.PASSWORD)
    staff.transition("blog/article", article.pk, "publish")
    assert visitor.get(url).status_code == 200
    assert title in visitor.get(index).text
    assert visitor.get(url).x_cache == "HIT"  # B stores the new page again

    staff.transition("blog/article", article.pk, "withdraw", comment="Withdrawn again.")
    assert visitor.get(url).status_code == 404
    assert title not in visitor.get(index).text
    article.refresh_from_db()
    assert article.status == "withdrawn"


@pytest.fixture
def live_site(notices):
    """A live article, signed off a year ago, in its own category and tag; a second article
    approved and waiting for publication; an editor and two reviewers who can sign in."""
    editor = factories.make_user("edna", role="editor")
    reviewer = factories.make_reviewer(name="Dr Selin Kaya", username="selin")
    second = factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")
    can_sign_in(editor, reviewer, second)
    category = factories.make_category("Spine care", slug="spine-care")
    a_year_ago = timezone.now() - datetime.timedelta(days=365)
    live = factories.make_article(
        editor, title="Kyphoplasty explained", category=category, tags=["spine care"],
        notice=notices["regulatory"],
    )  # fmt: skip
    factories.publish(live, reviewer, when=a_year_ago)
    waiting = factories.make_article(
        editor, title="Vertebroplasty after a fracture", category=category, tags=["spine care"],
    )  # fmt: skip
    factories.approve(waiting, reviewer)
    pages = {
        "home": reverse("home"),
        "index": reverse("blog:index"),
        "category": category.get_absolute_url(),
        "tag": reverse("tag", kwargs={"slug": "spine-care"}),
        "article": live.get_absolute_url(),
    }
    return {"live": live, "waiting": waiting, "pages": pages}


def served(two_servers, pages):
    """How each server answers each page now: {(server, page): X-Cache}."""
    return {
        (n, name): servers.Browser(server.base).get(path).x_cache
        for n, server in enumerate(two_servers)
        for name, path in pages.items()
    }


def warm(two_servers, pages):
    """Every page stored, and copied into each server's process."""
    for server in two_servers:
        for path in pages.values():
            servers.Browser(server.base).get(path)
    assert set(served(two_servers, pages).values()) == {"HIT"}


def test_a_draft_a_submission_and_an_approval_leave_every_stored_page_valid(two_servers, live_site):
    """None of them changes what visitors see, so neither server renders any page again."""
    a, b = two_servers
    pages, live = live_site["pages"], live_site["live"]
    warm(two_servers, pages)

    editor = servers.Browser(a.base).admin_login("edna", factories.PASSWORD)
    editor.save_change_form("blog/article", live.pk, body="<p>Reworded, not yet reviewed.</p>")
    assert set(served(two_servers, pages).values()) == {"HIT"}, "draft save"
    editor.save_change_form("blog/article", live.pk, _submit="Save and submit for review")
    assert set(served(two_servers, pages).values()) == {"HIT"}, "submission"
    reviewer = servers.Browser(b.base).admin_login("selin", factories.PASSWORD)
    reviewer.transition("blog/article", live.pk, "approve", password=factories.PASSWORD)
    assert set(served(two_servers, pages).values()) == {"HIT"}, "approval"

    live.refresh_from_db()
    assert live.status == "approved" and live.has_unpublished_changes
    assert "Reworded" not in servers.Browser(b.base).get(pages["article"]).text


def test_a_publication_a_re_review_and_a_withdrawal_retire_the_stored_pages(two_servers, live_site):
    """Each changes what visitors see: both servers render every page again at once."""
    a, b = two_servers
    pages, live, waiting = live_site["pages"], live_site["live"], live_site["waiting"]
    visitor = servers.Browser(b.base)
    reviewer = servers.Browser(a.base).admin_login("deniz", factories.PASSWORD)

    warm(two_servers, pages)
    reviewer.transition("blog/article", waiting.pk, "publish")
    assert "HIT" not in served(two_servers, pages).values(), "publication"
    assert "Vertebroplasty after a fracture" in visitor.get(pages["index"]).text

    warm(two_servers, pages)
    today = f'<dt>Last reviewed</dt><dd><time datetime="{timezone.localdate().isoformat()}"'
    assert today not in visitor.get(pages["article"]).text
    reviewer.transition("blog/article", live.pk, "reconfirm", password=factories.PASSWORD)
    assert "HIT" not in served(two_servers, pages).values(), "re-review"
    assert today in visitor.get(pages["article"]).text

    warm(two_servers, pages)
    reviewer.transition("blog/article", live.pk, "withdraw", comment="Outdated.")
    assert "HIT" not in served(two_servers, pages).values(), "withdrawal"
    assert visitor.get(pages["article"]).status_code == 404
    assert "Kyphoplasty explained" not in visitor.get(pages["index"]).text
