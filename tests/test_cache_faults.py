"""
Faults under a real server (gunicorn, production settings, tests/servers.py): a Redis that stops
answering for a while and PostgreSQL connections killed under the application. Visitors never
get a page that a review decision retired, nor an error page once the fault is over, and
nothing saved is lost.

PostgreSQL only (the server shares the test database, so the tests are transactional); each
test starts a Redis of its own, which it may pause.
"""

import os
import shutil
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction

from blog.models import Article
from invamed.review import services
from invamed.review.models import verify_audit_chain
from invamed.site import roles

from . import factories, servers

pytestmark = servers.sharing_postgresql("the server shares the test database")


@pytest.fixture(autouse=True)
def role_groups():
    """The groups migration review/0002_roles writes (a transactional test's flush drops them)."""
    roles.apply_roles(Group, Permission)


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("REQUIRE_REDIS=1 but redis-server is not installed")
        pytest.skip("redis-server is not installed: apt-get install redis-server")
    started = servers.RedisServer(tmp_path)
    yield started
    started.stop()


@pytest.fixture
def server(tmp_path, redis_server):
    env = servers.production_env(servers.database_url(connection.settings_dict), redis_server.url)
    started = servers.Gunicorn(env, tmp_path / "server.log")
    try:
        yield started.wait_ready()
    finally:
        started.stop()


def can_sign_in(*users):
    """The server runs production's password hashers; the test suite's fast MD5 is not one."""
    hasher = PBKDF2PasswordHasher()
    for user in users:
        get_user_model().objects.filter(pk=user.pk).update(
            password=hasher.encode(factories.PASSWORD, hasher.salt(), iterations=1000)
        )


def until(condition, seconds=20):
    """Wait for `condition()` to be true (a bound, not a measurement)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the server did not get there in time"
        time.sleep(0.1)


def test_decisions_taken_while_redis_is_paused_are_not_lost(server, redis_server, notices):
    """Redis stops answering (SIGSTOP) while a reviewer withdraws one article and publishes a
    correction of another. Once Redis answers again and the server uses it again, visitors
    never get the withdrawn article or the uncorrected text from the cache."""
    editor = factories.make_user(role="editor")
    reviewer = factories.make_reviewer(name="Dr Selin Kaya")
    second = factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")
    can_sign_in(second)
    withdrawn = factories.publish(
        factories.make_article(editor, title="Outdated dosage guidance"), reviewer
    )
    corrected = factories.publish(
        factories.make_article(editor, title="Cement volume, first edition"), reviewer
    )
    factories.edit(corrected, editor, title="Cement volume, corrected edition")
    factories.approve(corrected, reviewer)
    visitor = servers.Browser(server.base)
    pages = ["/en/", withdrawn.get_absolute_url(), corrected.get_absolute_url()]
    for path in pages:
        visitor.get(path)
        assert visitor.get(path).x_cache == "HIT", path  # stored, and copied into the process

    staff = servers.Browser(server.base).admin_login(second.username, factories.PASSWORD)
    redis_server.pause()
    try:
        staff.transition("blog/article", withdrawn.pk, "withdraw", comment="Outdated.")
        staff.transition("blog/article", corrected.pk, "publish")
    finally:
        redis_server.resume()
    assert not Article.objects.get(pk=withdrawn.pk).is_published()

    def home_from_the_cache_again():
        home = visitor.get("/en/")
        assert home.status_code == 200
        assert "Outdated dosage guidance" not in home.text
        assert "first edition" not in home.text
        return home.x_cache != ""

    until(home_from_the_cache_again)  # the page cache is back in use: Redis answers again
    assert visitor.get(withdrawn.get_absolute_url()).status_code == 404
    page = visitor.get(corrected.get_absolute_url())
    assert "Cement volume, corrected edition" in page.text
    assert "first edition" not in page.text


def terminate(where, *params):
    """pg_terminate_backend of the server's connections that match `where`; how many."""
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps showing the activity it first saw.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = current_database() AND pid <> pg_backend_pid() AND {where}",
            params,
        )
        return cursor.fetchone()[0]


def test_connections_killed_between_requests_cost_visitors_nothing(server, notices):
    """Every connection of the server to PostgreSQL is terminated (a failover, an
    administrator): the next pages are served as before, and a withdrawal made afterwards
    shows at once."""
    editor = factories.make_user(role="editor")
    reviewer = factories.make_reviewer(name="Dr Selin Kaya")
    can_sign_in(reviewer)
    article = factories.publish(factories.make_article(editor, title="Balloon kyphoplasty"))
    visitor = servers.Browser(server.base)
    pages = ["/en/", "/en/invablog/", article.get_absolute_url()]
    for path in pages:
        visitor.get(path)
    staff = servers.Browser(server.base).admin_login(reviewer.username, factories.PASSWORD)

    assert terminate("backend_type = 'client backend'") >= 2  # requests' and the listener's
    for path in pages:
        response = visitor.get(path)
        assert response.status_code == 200, path
        assert "Balloon kyphoplasty" in response.text, path

    terminate("backend_type = 'client backend'")
    staff.transition("blog/article", article.pk, "withdraw", comment="Superseded.")
    assert visitor.get(article.get_absolute_url()).status_code == 404
    assert "Balloon kyphoplasty" not in visitor.get("/en/").text
    assert verify_audit_chain()[1] is None


def test_a_connection_killed_during_a_withdrawal_saves_nothing_and_nothing_breaks(server, notices):
    """The reviewer's connection dies while the withdrawal waits for a lock: that request
    fails and saves nothing, the stored pages still show the (still live) article, and the
    next requests, the reviewer's retry included, succeed."""
    editor = factories.make_user(role="editor")
    reviewer = factories.make_reviewer(name="Dr Selin Kaya")
    can_sign_in(reviewer)
    article = factories.publish(factories.make_article(editor, title="Balloon kyphoplasty"))
    visitor = servers.Browser(server.base)
    visitor.get(article.get_absolute_url())
    staff = servers.Browser(server.base).admin_login(reviewer.username, factories.PASSWORD)
    staff.get(f"/admin/blog/article/{article.pk}/change/")  # the CSRF cookie
    withdraw = f"/admin/blog/article/{article.pk}/transition/withdraw/"
    answers = []

    with transaction.atomic():
        Article.objects.select_for_update().get(pk=article.pk)  # the withdrawal will wait here
        request = threading.Thread(
            target=lambda: answers.append(staff.post(withdraw, {"comment": "Superseded."}))
        )
        request.start()
        until(lambda: terminate("wait_event_type = 'Lock'"))
    request.join(timeout=30)

    [killed] = answers
    assert killed.status_code != 302  # the error page: the withdrawal did not happen
    article.refresh_from_db()
    assert article.is_published() and article.status == "published"
    assert not services.history(article).filter(action="withdraw").exists()
    page = visitor.get(article.get_absolute_url())
    assert page.status_code == 200 and "Balloon kyphoplasty" in page.text

    staff.transition("blog/article", article.pk, "withdraw", comment="Superseded.")
    assert visitor.get(article.get_absolute_url()).status_code == 404
    assert verify_audit_chain()[1] is None
