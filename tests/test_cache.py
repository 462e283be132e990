"""
The page cache (invamed/cache.py): anonymous visitors get stored pages without a query, staff
never do, and a review decision shows on every page of every application server at once.
"""

import os
import time

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.views.decorators.cache import never_cache
from freezegun import freeze_time

from invamed import cache as page_cache_module
from invamed.cache import (
    GENERATION_KEY,
    LocalPages,
    PageCacheMiddleware,
    content_changed,
    generation,
    page_key,
)
from invamed.review import services
from tests import factories

pytestmark = pytest.mark.django_db

MIDDLEWARE = "invamed.cache.PageCacheMiddleware"
# The Redis database the tests may flush (TEST_REDIS_URL lets two checkouts test side by side).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def with_page_cache(settings):
    """Put the middleware where the production settings have it, and switch the cache on."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        position = middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
        middleware.insert(position, MIDDLEWARE)
        settings.MIDDLEWARE = middleware
    settings.PAGE_CACHE = True
    page_cache_module._local.clear()  # each process's copies: none left from another test


@pytest.fixture
def page_cache(settings):
    with_page_cache(settings)
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def site(editor, reviewer, notices):
    """A live article with tags, references and an FAQ entry, in its own category."""
    category = factories.make_category("Spine care", slug="spine-care")
    article = factories.make_article(
        editor, title="Kyphoplasty explained", slug="kyphoplasty-explained", category=category,
        notice=notices["regulatory"], tags=["vertebral augmentation", "spine care"],
        references=[("Doe J. Cement augmentation outcomes. Spine J. 2021.", "")],
    )  # fmt: skip
    factories.publish(article, reviewer)
    entry = factories.make_entry(editor, question="Is the procedure painful?", articles=[article])
    factories.publish(entry, reviewer)
    article.refresh_from_db()
    return {"article": article, "category": category, "entry": entry}


def public_urls(site):
    return {
        "home": reverse("home"),
        "index": reverse("blog:index"),
        "category": reverse("blog:category", kwargs={"slug": site["category"].slug}),
        "tag": reverse("tag", kwargs={"slug": "spine-care"}),
        "article": site["article"].get_absolute_url(),
    }


def test_anonymous_second_request_is_served_from_cache_without_queries(
    client, page_cache, site, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "Cookie" in second["Vary"]
    assert second["ETag"] == first["ETag"]


def test_page_asked_again_is_served_from_this_process_copy_until_content_changes(
    client, page_cache, site, rf, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    client.get(url)  # rendered, stored in the shared cache
    assert client.get(url)["X-Cache"] == "HIT"  # from the shared cache; now copied here
    # Even with the shared copy gone, this process answers from its own copy...
    caches["default"].delete(page_key(rf.get(url)))
    with django_assert_num_queries(0):
        third = client.get(url)
    assert third["X-Cache"] == "HIT"
    # ...but never once the content generation has moved on.
    content_changed()
    assert client.get(url)["X-Cache"] == "MISS"


def test_page_asked_once_takes_no_memory_in_the_process(client, page_cache, site):
    client.get(reverse("search"), {"q": "one-off query"})
    assert not page_cache_module._local_pages().pages


def test_process_copies_are_bounded_and_kept_for_one_generation():
    pages = LocalPages(max_entries=2, seconds=60)
    for key in ("a", "b", "c"):
        pages.put(7, key, (7, key))
    assert pages.get(7, "a") is None  # the least recently used went first
    assert pages.get(7, "c") == (7, "c")
    assert pages.get(8, "c") is None  # another generation: not served
    pages.put(8, "d", (8, "d"))
    assert list(pages.pages) == ["d"]  # a new generation drops every older copy
    pages.put(7, "late", (7, "late"))  # a slow request's copy from before the change
    assert list(pages.pages) == ["d"] and pages.get(8, "late") is None
    assert LocalPages(max_entries=0, seconds=60).put(1, "a", (1, "a")) is None
    assert LocalPages(max_entries=0, seconds=60).get(1, "a") is None


def test_process_copies_expire_even_if_no_change_is_heard():
    """A lost generation bump (Redis unreachable at that moment) is bounded in time."""
    pages = LocalPages(max_entries=10, seconds=60)
    with freeze_time("2026-11-25 10:00:00") as clock:
        pages.put(7, "a", (7, "a"))
        clock.tick(59)
        assert pages.get(7, "a") == (7, "a")
        clock.tick(2)
        assert pages.get(7, "a") is None
        assert not pages.pages


def test_a_change_that_cannot_retire_pages_is_logged_as_an_error(settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "invamed.cache_backends.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with caplog.at_level("ERROR", logger="invamed.cache"):
        content_changed()
    assert "Could not retire cached pages" in caplog.text


def test_head_request_is_answered_from_cache(client, page_cache, site, django_assert_num_queries):
    url = reverse("home")
    client.get(url)
    with django_assert_num_queries(0):
        response = client.head(url)
    assert response.status_code == 200 and response["X-Cache"] == "HIT"


def test_query_string_is_part_of_the_key(client, page_cache, site):
    client.get(reverse("search"), {"q": "kyphoplasty"})
    other = client.get(reverse("search"), {"q": "painful"})
    assert other["X-Cache"] == "MISS"
    assert "Is the procedure painful?" in other.content.decode()


def test_parameters_no_page_reads_share_the_stored_page(
    client, page_cache, site, django_assert_num_queries
):
    """A newsletter's utm tags, a click id unique to each click, a made-up cache-buster: the
    visitor gets the article's stored page, and nothing new is stored for them."""
    url = site["article"].get_absolute_url()
    first = client.get(url)
    stored = set(caches["default"]._cache)
    with django_assert_num_queries(0):
        for query in ("?utm_source=newsletter&utm_medium=email", "?fbclid=IwAR0x1", "?x=1"):
            response = client.get(url + query)
            assert response["X-Cache"] == "HIT", query
            assert response.content == first.content
    assert set(caches["default"]._cache) == stored


def test_public_parameters_in_any_order_are_one_page(client, page_cache, site):
    search = reverse("search")
    first = client.get(search + "?q=procedure&page=1")
    assert first["X-Cache"] == "MISS"
    second = client.get(search + "?page=1&utm_campaign=spring&q=procedure")
    assert second["X-Cache"] == "HIT" and second.content == first.content


def test_views_never_see_parameters_no_page_reads(client, site):
    """With the page cache off too (as in development): the page a visitor gets cannot depend
    on a parameter outside settings.PUBLIC_QUERY_PARAMETERS, so it is safe to share."""
    response = client.get(reverse("search") + "?utm_source=feed&q=procedure&fbclid=abc")
    assert response.wsgi_request.GET.dict() == {"q": "procedure"}
    assert response.wsgi_request.get_full_path() == "/en/search/?q=procedure"
    assert "Is the procedure painful?" in response.content.decode()


def test_staff_and_the_admin_keep_every_parameter(client, site, superuser):
    login = client.get("/admin/login/?next=/admin/review/&utm_source=x")
    assert login.wsgi_request.GET.dict() == {"next": "/admin/review/", "utm_source": "x"}
    client.force_login(superuser)
    response = client.get(reverse("search") + "?q=procedure&utm_source=x")
    assert response.wsgi_request.GET.dict() == {"q": "procedure", "utm_source": "x"}


def test_repeat_visit_with_matching_etag_gets_304_without_rendering(
    client, page_cache, site, django_assert_num_queries
):
    url = reverse("blog:index")
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_stale_etag_gets_the_new_page(
    client, page_cache, site, reviewer, django_capture_on_commit_callbacks
):
    """After a withdrawal the old ETag no longer matches: the visitor gets the new page."""
    url = reverse("home")
    etag = client.get(url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        services.perform(site["article"], "withdraw", reviewer, comment="Outdated dosage.")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Kyphoplasty explained" not in response.content.decode()


def test_logged_in_staff_never_get_cached_pages(client, page_cache, site, editor):
    url = site["article"].get_absolute_url()
    client.get(url)  # An anonymous visitor stores the page.
    client.force_login(editor)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_staff_pages_are_not_stored_for_visitors(client, page_cache, site, editor):
    url = reverse("home")
    client.force_login(editor)
    client.get(url)
    client.logout()
    client.cookies.clear()
    assert client.get(url)["X-Cache"] == "MISS"


def test_admin_is_never_cached(client, page_cache, site):
    url = reverse("admin:login")
    client.get(url)
    assert "X-Cache" not in client.get(url)


def _run(view, request):
    return PageCacheMiddleware(view)(request)


def test_private_and_cookie_setting_responses_are_not_stored(page_cache):
    """Previews are never_cache (private, no-store); a response that sets a cookie is personal."""

    @never_cache
    def preview(request):
        return HttpResponse("Preview - not published")

    def sets_cookie(request):
        response = HttpResponse("Hello")
        response.set_cookie("csrftoken", "abc")
        return response

    factory = RequestFactory()
    for view in (preview, sets_cookie):
        for _ in range(2):
            response = _run(view, factory.get("/en/invablog/some-page/"))
            assert "X-Cache" not in response, view.__name__


def test_publication_bumps_the_generation_after_commit(
    page_cache, site, reviewer, django_capture_on_commit_callbacks
):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        services.perform(site["article"], "withdraw", reviewer, comment="Superseded.")
    assert generation() == before + 1


def test_missing_generation_restarts_above_any_earlier_one(page_cache):
    """An evicted generation must not bring back pages stored under an earlier number."""
    cache = caches["default"]
    cache.set(GENERATION_KEY, 5)
    cache.delete(GENERATION_KEY)
    content_changed()
    assert cache.get(GENERATION_KEY) > 5
    cache.delete(GENERATION_KEY)
    assert generation() > 5


def test_unreachable_cache_serves_pages_from_the_database(client, settings, site):
    """Redis down: invamed.cache_backends fails open, so the page cache is simply bypassed."""
    with_page_cache(settings)
    settings.CACHES = {
        "default": {
            "BACKEND": "invamed.cache_backends.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for _ in range(2):
        response = client.get(site["article"].get_absolute_url())
        assert response.status_code == 200
        assert "X-Cache" not in response


# Two application servers sharing one cache -------------------------------------------------


def _redis_available():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception:
        return False


@pytest.fixture
def two_servers(settings):
    """Cache aliases "server_a" and "server_b": two separate clients of one shared store.

    The real Redis (db 14) when it answers; otherwise two LocMemCache instances with the same
    LOCATION, which share one store in this process. REQUIRE_REDIS=1 makes a missing Redis fail.
    """
    with_page_cache(settings)
    if _redis_available():
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        backend = {"BACKEND": "invamed.cache_backends.FailOpenRedisCache",  # as in production
                   "LOCATION": REDIS_URL, "KEY_PREFIX": "invamed-test"}  # fmt: skip
    elif os.environ.get("REQUIRE_REDIS") == "1":
        pytest.fail(f"REQUIRE_REDIS=1 but Redis does not answer at {REDIS_URL}")
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                   "LOCATION": "two-servers"}  # fmt: skip
    settings.CACHES = {alias: dict(backend) for alias in ("default", "server_a", "server_b")}
    assert caches["server_a"] is not caches["server_b"]
    caches["server_a"].clear()
    yield backend["BACKEND"]
    caches["server_a"].clear()


def on_server(name):
    return override_settings(PAGE_CACHE_ALIAS=name)


def get(client, server, url):
    with on_server(server):
        return client.get(url)


def test_two_servers_publication_shows_on_every_page_of_the_other_server_at_once(
    client, two_servers, site, editor, reviewer, second_reviewer, django_capture_on_commit_callbacks
):
    """Server A publishes a new article; server B's very next response of each page has it."""
    article = factories.make_article(
        editor, title="Vertebroplasty after osteoporotic fracture", category=site["category"],
        tags=["spine care"],
    )  # fmt: skip
    urls = public_urls(site)
    for name, url in urls.items():
        get(client, "server_b", url)
        get(client, "server_b", url)  # from the shared cache, and copied into server B
        stored = get(client, "server_b", url)  # from server B's own copy
        assert stored["X-Cache"] == "HIT", name
        assert "Vertebroplasty" not in stored.content.decode(), name

    with on_server("server_a"), django_capture_on_commit_callbacks(execute=True):
        factories.publish(article, second_reviewer)

    for name, url in urls.items():
        response = get(client, "server_b", url)
        assert response["X-Cache"] == "MISS", name
        if name != "article":
            assert "Vertebroplasty after osteoporotic fracture" in response.content.decode(), name
    response = get(client, "server_b", article.get_absolute_url())
    assert response.status_code == 200


def test_two_servers_new_approved_version_replaces_the_cached_one(
    client, two_servers, site, editor, second_reviewer, django_capture_on_commit_callbacks
):
    article = site["article"]
    url = article.get_absolute_url()
    for _ in range(3):  # the last two from the shared cache, then from server B's own copy
        assert "Kyphoplasty explained" in get(client, "server_b", url).content.decode()

    with on_server("server_a"), django_capture_on_commit_callbacks(execute=True):
        factories.edit(article, editor, title="Kyphoplasty explained (corrected)")
        factories.publish(article, second_reviewer)

    assert "Kyphoplasty explained (corrected)" in get(client, "server_b", url).content.decode()


def test_two_servers_withdrawal_removes_the_item_from_every_page_at_once(
    client, two_servers, site, reviewer, django_capture_on_commit_callbacks
):
    urls = public_urls(site)
    for url in urls.values():
        for _ in range(2):
            get(client, "server_b", url)
        assert get(client, "server_b", url)["X-Cache"] == "HIT"  # server B's own copy

    with on_server("server_a"), django_capture_on_commit_callbacks(execute=True):
        services.perform(site["article"], "withdraw", reviewer, comment="Outdated guidance.")

    assert get(client, "server_b", urls.pop("article")).status_code == 404
    for name, url in urls.items():
        response = get(client, "server_b", url)
        assert "Kyphoplasty explained" not in response.content.decode(), name


def test_two_servers_uses_real_redis_when_it_answers(two_servers):
    if not _redis_available():
        pytest.skip(f"Redis does not answer at {REDIS_URL}: the LocMemCache stand-in was used")
    assert two_servers.endswith("FailOpenRedisCache")


def test_admin_save_retires_cached_pages(client, page_cache, site, superuser):
    """A renamed category (or notice, profile...) is not a review transition, yet pages show it."""
    category = site["category"]
    url = reverse("blog:category", kwargs={"slug": category.slug})
    client.get(url)
    visitor_cookies = client.cookies
    admin = type(client)()
    admin.force_login(superuser)
    change = reverse("admin:blog_category_change", args=[category.pk])
    response = admin.post(change, {"name": "Spine and pain care", "slug": category.slug,
                                   "language": "en", "description": "", "order": 0})  # fmt: skip
    assert response.status_code == 302
    client.cookies = visitor_cookies
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Spine and pain care" in response.content.decode()


# The generation, tracked: Redis tells each process when it changes ------------------------


@pytest.fixture
def tracked(two_servers, monkeypatch):
    """Server A and server B on the real Redis; every command redis-py sends is recorded."""
    if not two_servers.endswith("FailOpenRedisCache"):
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    from redis.connection import Connection

    sent = []
    send_command = Connection.send_command

    def recording(self, *args, **kwargs):
        sent.append(args)
        return send_command(self, *args, **kwargs)

    monkeypatch.setattr(Connection, "send_command", recording)
    return caches["server_a"], caches["server_b"], sent


def generation_reads(sent):
    return [args for args in sent if args[0] == "GET" and args[1].endswith(GENERATION_KEY)]


def test_tracked_generation_is_read_once_then_known_without_asking_redis(tracked):
    server_a, server_b, sent = tracked
    first = generation(server_b)  # none yet: made, then read
    assert generation(server_b) == first  # read once more: tracked from now on
    sent.clear()
    assert [generation(server_b) for _ in range(5)] == [first] * 5
    assert generation_reads(sent) == []  # no round trip: nothing came from Redis


def test_tracked_generation_changes_at_once_when_another_server_bumps_it(tracked):
    server_a, server_b, sent = tracked
    first = generation(server_b)
    generation(server_b)
    content_changed(server_a)
    sent.clear()
    assert generation(server_b) == first + 1  # no wait: Redis's message came before A's answer
    assert len(generation_reads(sent)) == 1  # read again once, then known again
    assert generation(server_b) == first + 1
    assert len(generation_reads(sent)) == 1


def test_tracked_generation_is_not_trusted_after_its_connection_is_lost(tracked):
    """A killed connection (Redis restarted, a proxy timeout): the change is not missed."""
    import redis

    server_a, server_b, sent = tracked
    first = generation(server_b)
    admin = redis.Redis.from_url(REDIS_URL)
    tracking = [c for c in admin.client_list() if "t" in c["flags"] and c["resp"] == "3"]
    assert tracking, "server B holds a tracking connection"
    for client in tracking:
        admin.client_kill_filter(_id=client["id"])
    content_changed(server_a)
    assert generation(server_b) == first + 1


def test_tracked_generation_is_kept_without_a_read_while_redis_answers_pings(tracked, monkeypatch):
    """Nothing changes: no request waits for Redis. A PING goes out now and then, unawaited,
    and its PONG keeps the value trusted past TRACKED_LEASE (3 s; 0.3 s here)."""
    from invamed.cache_backends import FailOpenRedisCache

    monkeypatch.setattr(FailOpenRedisCache, "TRACKED_LEASE", 0.3)
    server_a, server_b, sent = tracked
    first = generation(server_b)
    generation(server_b)
    sent.clear()
    deadline = time.monotonic() + 1.0  # more than three leases
    while time.monotonic() < deadline:
        assert generation(server_b) == first
        time.sleep(0.02)
    assert generation_reads(sent) == []
    assert ("PING",) in sent
    content_changed(server_a)
    assert generation(server_b) == first + 1


def test_tracked_generation_is_asked_again_after_the_lease(tracked, monkeypatch):
    """Should nothing arrive (a network failure that says nothing), the value is read again
    after TRACKED_LEASE (3 s; 0.3 s here): an old generation cannot outlive that."""
    from redis.connection import Connection

    from invamed.cache_backends import FailOpenRedisCache

    monkeypatch.setattr(FailOpenRedisCache, "TRACKED_LEASE", 0.3)
    server_a, server_b, sent = tracked
    first = generation(server_b)
    generation(server_b)  # tracked from now on
    monkeypatch.setattr(Connection, "can_read", lambda self, timeout=0: False)  # deaf
    content_changed(server_a)
    assert generation(server_b) == first  # the lost message is not heard...
    time.sleep(0.35)
    assert generation(server_b) == first + 1  # ...but the lease is over


def test_without_tracking_the_generation_is_read_on_every_request(tracked, monkeypatch, caplog):
    """A Redis that refuses CLIENT TRACKING (an older server, a restricted service): the
    generation is read from Redis each time, and invalidation works as before."""
    from redis.exceptions import ResponseError

    from invamed.cache_backends import TrackedValue

    def refuse(self, connection):
        raise ResponseError("unknown subcommand 'TRACKING'")

    monkeypatch.setattr(TrackedValue, "_track", refuse)
    server_a, server_b, sent = tracked
    first = generation(server_b)
    assert "Redis refuses to track" in caplog.text
    sent.clear()
    generation(server_b)
    content_changed(server_a)
    assert generation(server_b) == first + 1
    assert len(generation_reads(sent)) == 2
    assert caplog.text.count("Redis refuses to track") == 1  # said once, not on every request


def test_tracked_generation_reconnects_in_a_forked_process(tracked):
    """A worker forked after the first read must not share its parent's connection."""
    server_a, server_b, sent = tracked
    first = generation(server_b)
    [value] = server_b._tracked.values()
    parent_connection = value.connection
    parent_connection.pid = -1  # as seen from a child process
    content_changed(server_a)
    assert generation(server_b) == first + 1
    assert value.connection is not parent_connection
