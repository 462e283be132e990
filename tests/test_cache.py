"""
The page cache (invamed/cache.py): visitors who are not signed in get stored pages, signed-in
users never do, and a change visitors can see (and only such a change) retires every stored
page of every application server when it commits.

In these tests a request reads the content generation from the database (one query), as on
SQLite: a test's transaction never commits, so no notification could come. The PostgreSQL
listener, which makes a hit cost no query at all, is tested at the end with committed data.
"""

import os
import time

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from freezegun import freeze_time

from invamed import cache as page_cache_module
from invamed.cache import (
    Listener,
    LocalPages,
    PageCacheMiddleware,
    generation,
    local_pages,
    page_key,
    process_listener,
    public_site_changed,
)
from invamed.content.models import ContentGeneration, SitePage, Tag
from invamed.review import services
from tests import factories
from tests.admin_forms import change_form_data, change_url

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
    page_cache_module.reset_process_state()  # no copies or listener left from another test


@pytest.fixture
def page_cache(settings):
    with_page_cache(settings)
    caches["default"].clear()
    yield
    caches["default"].clear()
    page_cache_module.reset_process_state()


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


# Who gets a stored page ---------------------------------------------------------------------


def test_second_request_is_served_from_cache_reading_only_the_generation(
    client, page_cache, site, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(1):  # the content generation (none with the listener)
        second = client.get(url)
    assert second.status_code == 200
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "Cookie" in second["Vary"]
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize(
    "cookies, headers, queries",
    [
        ({"sessionid": "x"}, {}, 1),  # too short to be a session key: not even looked up
        ({"sessionid": "k" * 32}, {}, 2),  # looked up once: no such session
        ({"messages": "x"}, {}, 1),
        ({"csrftoken": "x" * 32}, {}, 1),
        ({}, {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}, 1),
    ],
    ids=["short session cookie", "unknown session", "messages", "csrftoken", "authorization"],
)
def test_junk_cookies_and_headers_get_the_stored_page(
    client, page_cache, site, django_assert_num_queries, cookies, headers, queries
):
    """Nothing in them makes the page personal, so they cannot make every request a render."""
    url = site["article"].get_absolute_url()
    stored = client.get(url)
    for name, value in cookies.items():
        client.cookies[name] = value
    with django_assert_num_queries(queries):
        response = client.get(url + "?utm_source=junk", **headers)
    assert response["X-Cache"] == "HIT"
    assert response.content == stored.content


def test_a_session_without_a_user_gets_the_stored_page(client, page_cache, site):
    url = reverse("home")
    client.get(url)
    session = SessionStore()
    session["seen"] = True
    session.create()
    client.cookies["sessionid"] = session.session_key
    assert client.get(url)["X-Cache"] == "HIT"


def test_a_signed_out_users_old_cookie_gets_the_stored_page(client, page_cache, site, editor):
    url = reverse("home")
    client.get(url)
    client.force_login(editor)
    old_key = client.cookies["sessionid"].value
    client.logout()
    client.cookies["sessionid"] = old_key
    assert client.get(url)["X-Cache"] == "HIT"


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


def test_head_request_is_answered_from_cache(client, page_cache, site, django_assert_num_queries):
    url = reverse("home")
    client.get(url)
    with django_assert_num_queries(1):
        response = client.head(url)
    assert response.status_code == 200 and response["X-Cache"] == "HIT"


def test_repeat_visit_with_matching_etag_gets_304_without_rendering(
    client, page_cache, site, django_assert_num_queries
):
    url = reverse("blog:index")
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_stale_etag_gets_the_new_page(client, page_cache, site, reviewer):
    """After a withdrawal the old ETag no longer matches: the visitor gets the new page."""
    url = reverse("home")
    etag = client.get(url)["ETag"]
    services.perform(site["article"], "withdraw", reviewer, comment="Outdated dosage.")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Kyphoplasty explained" not in response.content.decode()


# This process's copies ----------------------------------------------------------------------


def test_page_asked_again_is_served_from_this_process_copy_until_content_changes(
    client, page_cache, site, rf, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    client.get(url)  # rendered, stored in the shared cache
    assert client.get(url)["X-Cache"] == "HIT"  # from the shared cache; now copied here
    # Even with the shared copy gone, this process answers from its own copy...
    caches["default"].delete(page_key(rf.get(url)))
    with django_assert_num_queries(1):
        third = client.get(url)
    assert third["X-Cache"] == "HIT"
    # ...but never once the content generation has moved on.
    public_site_changed()
    assert client.get(url)["X-Cache"] == "MISS"


def test_page_asked_once_takes_no_memory_in_the_process(client, page_cache, site):
    client.get(reverse("search"), {"q": "one-off query"})
    assert not local_pages().pages


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


def test_process_copies_never_outlive_their_time():
    """A page changed behind the application's back (SQL by hand) shows once the shared copy
    has expired: a process's own copy lasts no longer than PAGE_CACHE_LOCAL_SECONDS."""
    pages = LocalPages(max_entries=10, seconds=60)
    with freeze_time("2026-11-25 10:00:00") as clock:
        pages.put(7, "a", (7, "a"))
        clock.tick(59)
        assert pages.get(7, "a") == (7, "a")
        clock.tick(2)
        assert pages.get(7, "a") is None
        assert not pages.pages


# Addresses ---------------------------------------------------------------------------------


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
    with django_assert_num_queries(3):  # one content generation per request
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


# The content generation ----------------------------------------------------------------------


def test_a_change_moves_the_generation_in_its_own_transaction(site, reviewer):
    before = generation()
    with transaction.atomic():
        services.perform(site["article"], "withdraw", reviewer, comment="Superseded.")
        assert generation() > before  # inside the transaction, not after it
    assert generation() > before


def test_a_change_rolled_back_retires_nothing(client, page_cache, site):
    url = reverse("home")
    client.get(url)
    before = generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        public_site_changed()
        raise RuntimeError("the change failed")
    assert generation() == before
    assert client.get(url)["X-Cache"] == "HIT"


def test_the_generation_never_goes_back(page_cache):
    """A backup restored, or the row deleted, must not bring back pages stored under a later
    number: a new number is at least the clock's milliseconds."""
    now_ms = int(time.time() * 1000)
    ContentGeneration.objects.update_or_create(pk=1, defaults={"value": 5})  # an old backup
    public_site_changed()
    assert generation() >= now_ms
    latest = generation()
    ContentGeneration.objects.all().delete()
    assert generation() >= latest


def test_unreachable_redis_serves_every_page_from_the_database(client, settings, site):
    """Redis down: invamed.cache_backends fails open, so every page is a miss, rendered."""
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
        assert response["X-Cache"] == "MISS"


def test_a_change_is_recorded_while_redis_is_unreachable(settings, site, reviewer):
    """Nothing of an invalidation goes through Redis: it cannot be lost there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "invamed.cache_backends.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    before = generation()
    services.perform(site["article"], "withdraw", reviewer, comment="Outdated.")
    assert generation() > before


# Which changes retire the stored pages ------------------------------------------------------


def schedule(item, reviewer):
    tomorrow = timezone.now() + timezone.timedelta(1)
    return services.perform(item, "schedule", reviewer, publish_at=tomorrow)


# Each: (what is done, whether visitors can see it). `site` is live; `other` a draft.
CHANGES = {
    "a draft saved of the live article": (
        lambda s, editor, reviewer, second: factories.edit(s["article"], editor, title="Draft"),
        False,
    ),
    "a submission": (
        lambda s, editor, reviewer, second: services.perform(s["other"], "submit", editor),
        False,
    ),
    "a send-back with a comment": (
        lambda s, editor, reviewer, second: (
            services.perform(s["other"], "submit", editor),
            services.perform(s["other"], "request_changes", reviewer, comment="Cite it."),
        ),
        False,
    ),
    "an approval not yet published": (
        lambda s, editor, reviewer, second: factories.approve(s["other"], reviewer),
        False,
    ),
    "a schedule, and its cancelling": (
        lambda s, editor, reviewer, second: (
            factories.approve(s["other"], reviewer),
            schedule(s["other"], reviewer),
            services.perform(s["other"], "unschedule", reviewer),
        ),
        False,
    ),
    "a withdrawal of an article never live": (
        lambda s, editor, reviewer, second: (
            factories.approve(s["other"], reviewer),
            schedule(s["other"], reviewer),
            services.perform(s["other"], "withdraw", reviewer, comment="Not needed."),
        ),
        False,
    ),
    "a publication": (
        lambda s, editor, reviewer, second: factories.publish(s["other"], reviewer),
        True,
    ),
    "a scheduled publication": (
        lambda s, editor, reviewer, second: (
            factories.approve(s["other"], reviewer),
            schedule(s["other"], reviewer),
            type(s["other"]).objects.filter(pk=s["other"].pk).update(publish_at=timezone.now()),
            services.perform(s["other"], "publish_scheduled", None),
        ),
        True,
    ),
    "a withdrawal": (
        lambda s, editor, reviewer, second: services.perform(
            s["article"], "withdraw", reviewer, comment="Outdated."
        ),
        True,
    ),
    "a re-review": (
        lambda s, editor, reviewer, second: services.perform(
            s["article"], "reconfirm", second, password=factories.PASSWORD
        ),
        True,
    ),
    "a corrected version published": (
        lambda s, editor, reviewer, second: (
            factories.edit(s["article"], editor, title="Kyphoplasty explained (corrected)"),
            factories.publish(s["article"], second),
        ),
        True,
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_only_changes_visitors_can_see_retire_the_stored_pages(
    client, page_cache, site, editor, reviewer, second_reviewer, change
):
    """A draft, a submission, a comment or an approval leaves every stored page valid; what
    changes a public page retires them all."""
    site["other"] = factories.make_article(
        editor, title="Vertebroplasty", category=site["category"]
    )
    urls = public_urls(site)
    for url in urls.values():
        client.get(url)
    action, visible = CHANGES[change]
    action(site, editor, reviewer, second_reviewer)
    served = {name: client.get(url).get("X-Cache") for name, url in urls.items()}
    if visible:  # rendered again (a miss, or a 404, which is never stored)
        assert "HIT" not in served.values(), served
    else:
        assert set(served.values()) == {"HIT"}, served


def admin_client(user):
    from django.test import Client

    staff = Client()
    staff.force_login(user)
    return staff


def test_a_draft_saved_through_the_admin_leaves_the_stored_pages_valid(
    client, page_cache, site, editor
):
    url = site["article"].get_absolute_url()
    client.get(url)
    staff = admin_client(editor)
    form = change_url(site["article"])
    data = change_form_data(staff, form, "article_form", body="<p>Reworded, not yet reviewed.</p>")
    assert staff.post(form, data).status_code == 302
    assert site["article"].has_unpublished_changes
    assert client.get(url)["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "changes", [{"is_featured": "on"}, {"slug": "kyphoplasty-in-brief"}], ids=["featured", "slug"]
)
def test_a_change_of_what_a_live_article_shows_waits_for_review_and_retires_nothing(
    client, page_cache, site, editor, changes
):
    """The featured flag and the address are signed content: saving them is a new version,
    and the stored pages (which show the live one) stay valid."""
    client.get(reverse("home"))
    staff = admin_client(editor)
    form = change_url(site["article"])
    assert (
        staff.post(form, change_form_data(staff, form, "article_form", **changes)).status_code
        == 302
    )
    assert site["article"].has_unpublished_changes
    assert client.get(reverse("home"))["X-Cache"] == "HIT"


def test_an_faq_placement_on_a_live_article_waits_for_review_and_retires_nothing(
    client, page_cache, site, editor, reviewer
):
    url = site["article"].get_absolute_url()
    entry = factories.publish(factories.make_entry(editor, question="Who performs it?"), reviewer)
    client.get(url)
    staff = admin_client(editor)
    form = change_url(site["article"])
    data = change_form_data(staff, form, "article_form")
    total = int(data["faq_placements-TOTAL_FORMS"])
    data.update({"faq_placements-TOTAL_FORMS": str(total + 1),
                 f"faq_placements-{total}-entry": str(entry.pk),
                 f"faq_placements-{total}-position": "9"})  # fmt: skip
    assert staff.post(form, data).status_code == 302
    response = client.get(url)
    assert response["X-Cache"] == "HIT" and "Who performs it?" not in response.content.decode()


def reviewer_profile(site):
    return site["article"].live_signoff.reviewer.reviewer_profile


@pytest.mark.parametrize(
    "record, form_id, field, value",
    [
        (lambda s: s["category"], "category_form", "name", "Spine and pain care"),
        (lambda s: s["article"].author, "author_form", "name", "INVAMED Spine Team"),
        (reviewer_profile, "reviewerprofile_form", "credentials", "MD, PhD, spine surgery"),
    ],
    ids=["category", "author", "reviewer profile"],
)
def test_a_record_pages_show_changed_in_the_admin_retires_the_stored_pages(
    client, page_cache, site, superuser, record, form_id, field, value
):
    urls = [site["article"].get_absolute_url(), reviewer_profile(site).get_absolute_url()]
    for url in urls:
        client.get(url)
    staff = admin_client(superuser)
    form = change_url(record(site))
    data = change_form_data(staff, form, form_id, **{field: value})
    assert staff.post(form, data).status_code == 302
    responses = [client.get(url) for url in urls]
    assert [response["X-Cache"] for response in responses] == ["MISS", "MISS"]
    assert any(value in response.content.decode() for response in responses)


def test_a_reviewer_s_affiliation_changed_in_the_admin_shows_on_the_pages_they_signed(
    client, page_cache, site, superuser
):
    """The article page's sign-off and the reviewer's profile name their affiliation, which
    each process keeps for the content generation: changed in the profile's texts, it shows on
    the next pages."""
    urls = [site["article"].get_absolute_url(), reviewer_profile(site).get_absolute_url()]
    for url in urls:
        assert "INVAMED Medical Affairs" in client.get(url).content.decode()
    staff = admin_client(superuser)
    form = change_url(reviewer_profile(site))
    data = change_form_data(
        staff, form, "reviewerprofile_form", **{"texts-0-affiliation": "Ankara Spine Institute"}
    )
    assert staff.post(form, data).status_code == 302
    for url in urls:
        page = client.get(url)
        assert page["X-Cache"] == "MISS" and "Ankara Spine Institute" in page.content.decode()


def test_records_deleted_in_the_admin_retire_the_stored_pages(client, page_cache, site, superuser):
    """The list's bulk delete runs outside the admin's transaction: the mixin opens one."""
    url = reverse("home")
    client.get(url)
    unused = factories.make_author(name="Former team")
    staff = admin_client(superuser)
    response = staff.post(
        reverse("admin:content_author_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [unused.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not type(unused).objects.filter(pk=unused.pk).exists()
    assert client.get(url)["X-Cache"] == "MISS"


def test_a_record_saved_unchanged_in_the_admin_leaves_the_stored_pages_valid(
    client, page_cache, site, superuser
):
    url = site["article"].get_absolute_url()
    client.get(url)
    staff = admin_client(superuser)
    form = change_url(site["category"])
    assert staff.post(form, change_form_data(staff, form, "category_form")).status_code == 302
    assert client.get(url)["X-Cache"] == "HIT"


def test_a_tag_merge_waits_for_review_and_retires_nothing(client, page_cache, site, reviewer):
    """Merged tags reach the items as new versions; live pages keep their signed tags."""
    url = site["article"].get_absolute_url()
    client.get(url)
    staff = admin_client(reviewer)
    ids = [str(t.pk) for t in Tag.objects.filter(name__in=["spine care", "vertebral augmentation"])]
    response = staff.post(
        reverse("admin:content_tag_changelist"), {"action": "merge", ACTION_CHECKBOX_NAME: ids}
    )
    merge = staff.post(response["Location"], {"target": "spine surgery"})
    assert merge.status_code == 302
    response = client.get(url)
    assert response["X-Cache"] == "HIT" and "spine surgery" not in response.content.decode()


def test_signing_in_and_out_of_the_admin_leaves_the_stored_pages_valid(
    client, page_cache, site, editor
):
    from django.test import Client

    url = reverse("home")
    client.get(url)
    staff = Client()
    login = staff.post(
        reverse("admin:login"), {"username": editor.username, "password": factories.PASSWORD}
    )
    assert login.status_code == 302
    staff.post(reverse("admin:logout"))
    assert client.get(url)["X-Cache"] == "HIT"


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

    The real Redis when it answers; otherwise two LocMemCache instances with the same
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
    client, two_servers, site, editor, reviewer, second_reviewer
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

    with on_server("server_a"):
        factories.publish(article, second_reviewer)

    for name, url in urls.items():
        response = get(client, "server_b", url)
        assert response["X-Cache"] == "MISS", name
        if name != "article":
            assert "Vertebroplasty after osteoporotic fracture" in response.content.decode(), name
    response = get(client, "server_b", article.get_absolute_url())
    assert response.status_code == 200


def test_two_servers_new_approved_version_replaces_the_cached_one(
    client, two_servers, site, editor, second_reviewer
):
    article = site["article"]
    url = article.get_absolute_url()
    for _ in range(3):  # the last two from the shared cache, then from server B's own copy
        assert "Kyphoplasty explained" in get(client, "server_b", url).content.decode()

    with on_server("server_a"):
        factories.edit(article, editor, title="Kyphoplasty explained (corrected)")
        factories.publish(article, second_reviewer)

    assert "Kyphoplasty explained (corrected)" in get(client, "server_b", url).content.decode()


def test_two_servers_withdrawal_removes_the_item_from_every_page_at_once(
    client, two_servers, site, reviewer
):
    urls = public_urls(site)
    for url in urls.values():
        for _ in range(2):
            get(client, "server_b", url)
        assert get(client, "server_b", url)["X-Cache"] == "HIT"  # server B's own copy

    with on_server("server_a"):
        services.perform(site["article"], "withdraw", reviewer, comment="Outdated guidance.")

    assert get(client, "server_b", urls.pop("article")).status_code == 404
    for name, url in urls.items():
        response = get(client, "server_b", url)
        assert "Kyphoplasty explained" not in response.content.decode(), name


def test_two_servers_uses_real_redis_when_it_answers(two_servers):
    if not _redis_available():
        pytest.skip(f"Redis does not answer at {REDIS_URL}: the LocMemCache stand-in was used")
    assert two_servers.endswith("FailOpenRedisCache")


# The listener: each process told of a change by PostgreSQL (committed data) ------------------

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="LISTEN/NOTIFY: run with DATABASE_URL=postgres://..."
)


def until(condition, seconds=10):
    """Wait for `condition()` to hold (a bound, not a measurement)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the bound"
        time.sleep(0.02)


def listener_backend():
    """What PostgreSQL says of the listener's connection: (pid, start of its latest query)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, query_start FROM pg_stat_activity "
            "WHERE application_name LIKE %s AND datname = current_database()",
            [f"{Listener.APPLICATION_NAME}%"],
        )
        return cursor.fetchone()


@pytest.fixture
def listening(settings, monkeypatch, site):
    """The page cache with this process's listener, on committed data (a transactional test).

    Its heartbeat is slowed down so that only a notification can tell it of a change."""
    with_page_cache(settings)
    settings.PAGE_CACHE_LISTEN = True
    monkeypatch.setattr(Listener, "HEARTBEAT", 30.0)
    monkeypatch.setattr(Listener, "LEASE", 60.0)
    caches["default"].clear()
    listener = process_listener()
    until(listener.generation)
    yield listener
    page_cache_module.reset_process_state()
    caches["default"].clear()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_with_the_listener_a_hit_makes_no_query_and_no_round_trip(
    client, listening, site, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    client.get(url)
    client.get(url)  # copied into this process
    before = listener_backend()
    with django_assert_num_queries(0):
        for _ in range(5):
            assert client.get(url)["X-Cache"] == "HIT"
    assert listener_backend() == before  # the listener's connection was not used either


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_with_the_listener_a_committed_change_retires_the_pages_at_once(
    client, listening, site, reviewer
):
    """Only the notification can tell the listener (its heartbeat is slowed down), and the
    change returns only once every listening process holds the new number."""
    url = reverse("home")
    client.get(url)
    services.perform(site["article"], "withdraw", reviewer, comment="Outdated.")  # commits
    assert listening.generation() == generation()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Kyphoplasty explained" not in response.content.decode()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_with_the_listener_what_every_page_shows_is_read_once_a_generation(client, listening, site):
    """The footer's site pages are read by the first page after a change and kept for the
    others; a site page published (a change) is in the next page's footer."""

    def reads_of_site_pages(url):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        return sum('"content_sitepage"' in query["sql"] for query in queries), page

    assert reads_of_site_pages(reverse("home"))[0] == 1
    assert reads_of_site_pages(reverse("blog:index"))[0] == 0
    factories.make_site_page(SitePage.Kind.PRIVACY)  # commits, and the listener hears it
    reads, page = reads_of_site_pages(reverse("faq:index"))
    assert reads == 1 and f'<a href="{reverse("privacy")}">Privacy notice</a>' in page


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_with_the_listener_connection_killed_requests_read_the_database_until_it_is_back(
    client, listening, site, reviewer, django_assert_num_queries
):
    """A lost connection could miss a notification: the number is not trusted until the
    listener has connected again and read it."""
    url = reverse("home")
    client.get(url)
    pid, _ = listener_backend()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    until(lambda: listening.generation() is None)
    services.perform(site["article"], "withdraw", reviewer, comment="Outdated.")
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Kyphoplasty explained" not in response.content.decode()
    until(lambda: listening.generation() == generation())  # connected again
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url)["X-Cache"] == "HIT"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_with_the_listener_silent_past_its_lease_requests_read_the_database(
    client, listening, site, monkeypatch, django_assert_num_queries
):
    """A connection that died without a word would bring no notification: once the number
    is older than the lease, each request reads it itself."""
    url = reverse("home")
    client.get(url)
    monkeypatch.setattr(Listener, "LEASE", 0.2)
    until(lambda: listening.generation() is None)
    with django_assert_num_queries(1):
        assert client.get(url)["X-Cache"] == "HIT"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_change_waits_no_longer_than_the_lease_for_a_process_that_does_not_hear(
    settings, monkeypatch, caplog
):
    """A process whose listener has stopped answering distrusts its number after the lease:
    the change waits for it that long at most, and says so."""
    import psycopg

    settings.PAGE_CACHE_LISTEN = True
    monkeypatch.setattr(Listener, "LEASE", 0.3)
    params = connection.get_connection_params()
    deaf = psycopg.connect(**params, application_name=f"{Listener.APPLICATION_NAME} 1")
    try:
        with caplog.at_level("WARNING", logger="invamed.cache"), transaction.atomic():
            public_site_changed()
    finally:
        deaf.close()
    assert "1 process(es) did not hear of content generation" in caplog.text
