"""
The page cache: whole public pages for visitors who are not signed in, never served once what
they show has changed.

Who gets a stored page: anyone not signed in (signed in: a session cookie naming a live session
with a user in it) asking GET or HEAD for a public page. A made-up cookie or an Authorization
header makes nothing personal, so it gets the stored page too. The admin is never cached, nor
a response that sets a cookie, varies on more than the cookie or must not be cached (previews).

Invalidation: each stored page carries the *content generation* it was rendered under, a number
in the database (ContentGeneration) that `public_site_changed()` moves in the transaction of
each change visitors can see, and is served only while its number is the current one. A change
thus retires every page on every server when it commits, and no cache fault can lose it.

A process knows the number without a query: on PostgreSQL a thread (Listener) LISTENs on a
connection of its own. A request reads the number from the database instead while the listener
cannot vouch for it (starting, connection lost or silent), and always on SQLite or with
PAGE_CACHE_LISTEN off. The request that made a change answers only once every listener holds
the new number (wait_until_heard). When the database cannot be asked, no page is served from
the cache. Pages live in the shared cache (Redis), and each process keeps copies of those it
is asked for again (LocalPages): a hit from one makes no query and no round trip to Redis.

Settings, each optional: PAGE_CACHE (off; invamed/settings.py turns it on with REDIS_URL),
PAGE_CACHE_SECONDS (how long a page is kept, to bound memory: one day), PAGE_CACHE_ALIAS (the
CACHES alias: "default"), PAGE_CACHE_LOCAL_ENTRIES (200; 0: no copies),
PAGE_CACHE_LOCAL_SECONDS (60), PAGE_CACHE_LISTEN (on; off behind a pooler in transaction
mode, which cannot LISTEN).

Addresses: a cacheable request keeps only the query parameters in
settings.PUBLIC_QUERY_PARAMETERS, sorted, so campaign tags and made-up cache-busters share their
address's one stored page. The view never sees the others, with the page cache off too, so a
view that reads a new parameter fails its tests until the parameter is listed.

Pages carry an ETag and no Last-Modified: dates have one-second resolution, and a correction
published in the same second must not be "not modified".
"""

import logging
import os
import threading
import time
from collections import OrderedDict
from hashlib import sha256
from importlib import import_module
from urllib.parse import urlencode

import psycopg
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.db import DatabaseError, connections, router, transaction
from django.http import HttpResponse, QueryDict
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_vary_headers,
    set_response_etag,
)
from psycopg import sql

from invamed.content.models import ContentGeneration
from invamed.security import admin_prefix

logger = logging.getLogger("invamed.cache")

PAGE_KEY_PREFIX = "page-cache:page"
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def is_enabled():
    return bool(getattr(settings, "PAGE_CACHE", False))


def public_site_changed():
    """Say that what visitors see changes in the current transaction: every stored page on
    every server retires when it commits (and stays valid if it rolls back).

    Called by services.perform (publications, withdrawals, re-reviews) and by the admins of
    what pages show besides reviewed content (PublicRecordAdminMixin, ReviewableAdmin). After
    the commit it waits until every listening process holds the new number (wait_until_heard).
    """
    value = ContentGeneration.move()
    alias = _listening_database()
    if alias is not None:
        # robust: the change is committed whatever happens here; an error is only logged.
        transaction.on_commit(lambda: wait_until_heard(value), using=alias, robust=True)


class PublicRecordAdminMixin:
    """For the ModelAdmin of a record that public pages show (a category, an author, a
    reviewer profile, a notice, a tag): a save that changes one, or a delete, retires the
    stored pages, in the admin's transaction."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            public_site_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_site_changed()

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=queryset.db):  # the admin's bulk action has none
            super().delete_queryset(request, queryset)
            public_site_changed()


class Listener:
    """The content generation as this process knows it, kept up to date by a thread.

    The thread holds a PostgreSQL connection of its own (application_name "invamed page
    cache", then the number it holds), LISTENs on ContentGeneration.CHANNEL, reads the number
    when it connects, takes the number of each notification as it arrives and reads the number
    again every HEARTBEAT seconds. `generation()` gives the number only while a read confirmed
    it within LEASE seconds: a lost connection makes it None at once, a silent one (a network
    failure that sends nothing) within LEASE. The caller then reads the database itself.
    """

    HEARTBEAT = 1.0
    LEASE = 3.0
    RETRY_AFTER = 1.0  # seconds between attempts to connect after a failure
    APPLICATION_NAME = "invamed page cache"

    def __init__(self, connection_params):
        self.params = {
            "connect_timeout": 2,
            # A heartbeat nobody acknowledges fails after LEASE instead of the kernel's minutes.
            "tcp_user_timeout": int(self.LEASE * 1000),
            **connection_params,
            "autocommit": True,
            "application_name": self.APPLICATION_NAME,
        }
        self.pid = os.getpid()
        self.known = (None, 0.0)  # (generation, when the database last confirmed it)
        self.reported = None  # the generation this connection's application_name shows
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="page-cache-listener", daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=self.RETRY_AFTER + 5)

    def generation(self):
        value, confirmed_at = self.known
        if value is None or time.monotonic() - confirmed_at > self.LEASE:
            return None
        return value

    def run(self):
        failed = False
        listen = sql.SQL("LISTEN {}").format(sql.Identifier(ContentGeneration.CHANNEL))
        while not self.stopping.is_set():
            try:
                with psycopg.connect(**self.params) as connection:
                    connection.execute(listen)
                    self.reported = None
                    self.read(connection)
                    if failed:
                        logger.warning("Listening for content changes again.")
                        failed = False
                    read_at = time.monotonic() + self.HEARTBEAT
                    while not self.stopping.is_set():
                        # At most a second at a time, so that stop() is heard within a second.
                        wait = min(max(read_at - time.monotonic(), 0.0), 1.0)
                        heard = [
                            int(notification.payload)
                            for notification in connection.notifies(timeout=wait, stop_after=1)
                        ]
                        if heard:
                            value, confirmed_at = self.known
                            self.hold(connection, max(*heard, value or 0), confirmed_at)
                        elif time.monotonic() >= read_at:
                            self.read(connection)
                            read_at = time.monotonic() + self.HEARTBEAT
            except (psycopg.Error, ValueError) as error:
                self.known = (None, 0.0)
                if not failed:
                    logger.warning(
                        "Cannot listen for content changes (%s: %s); each request reads the "
                        "content generation from the database until this process can again.",
                        type(error).__name__,
                        error,
                    )
                    failed = True
                self.stopping.wait(self.RETRY_AFTER)

    def read(self, connection):
        """Read the number: it is current as of the moment the query was sent. (A
        notification says the number moved; only a read confirms there was nothing else.)"""
        sent_at = time.monotonic()
        table = sql.Identifier(ContentGeneration._meta.db_table)
        row = connection.execute(sql.SQL("SELECT value FROM {} WHERE id = 1").format(table))
        value = row.fetchone()
        self.hold(connection, value[0] if value else None, sent_at)

    def hold(self, connection, value, confirmed_at):
        """Hold `value` for this process's requests; then, if it is new, say so in this
        connection's application_name, which writers wait for (wait_until_heard). In this
        order: by the time a writer sees it, this process's requests use it."""
        self.known = (value, confirmed_at)
        if value is not None and value != self.reported:
            name = f"{self.APPLICATION_NAME} {value}"
            connection.execute("SELECT set_config('application_name', %s, false)", [name])
            self.reported = value


def _listening_database():
    """The alias of the database that processes listen to, or None (SQLite, listening off)."""
    alias = router.db_for_write(ContentGeneration)
    if getattr(settings, "PAGE_CACHE_LISTEN", True) and connections[alias].vendor == "postgresql":
        return alias
    return None


_listeners = {}  # by process id: a forked process starts its own
_listeners_lock = threading.Lock()


def process_listener():
    """This process's Listener, started on first use; None where the database cannot LISTEN."""
    alias = _listening_database()
    if alias is None:
        return None
    pid = os.getpid()
    listener = _listeners.get(pid)
    if listener is None:
        with _listeners_lock:
            listener = _listeners.get(pid)
            if listener is None:
                params = connections[alias].get_connection_params()
                listener = _listeners[pid] = Listener(params).start()
    return listener


def wait_until_heard(value):
    """Wait until every process that listens holds generation `value`, as each tells PostgreSQL
    in its application_name, so that once the request that made the change answers, no
    server serves a page from before it: PostgreSQL sends a notification only after the
    commit, and a busy machine may deliver it a moment later. After Listener.LEASE seconds a
    process that has not heard distrusts its number anyway (it confirmed it before the
    commit), so the wait ends there at the latest."""
    deadline = time.monotonic() + Listener.LEASE
    with connections[_listening_database()].cursor() as cursor:
        while True:
            # Within a transaction PostgreSQL would keep showing the activity it first saw.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name LIKE %s "
                "AND coalesce(substring(application_name FROM ' ([0-9]+)$')::bigint, 0) < %s",
                [f"{Listener.APPLICATION_NAME}%", value],
            )
            (behind,) = cursor.fetchone()
            if not behind:
                return
            if time.monotonic() > deadline:
                logger.warning(
                    "%s process(es) did not hear of content generation %s in time; they read "
                    "it from the database until their listener answers again.",
                    behind,
                    value,
                )
                return
            time.sleep(0.005)


def generation():
    """The current content generation, or None when the database cannot say."""
    listener = process_listener()
    value = listener.generation() if listener is not None else None
    if value is None:
        try:
            value = ContentGeneration.current()
        except DatabaseError as error:
            logger.warning("Cannot read the content generation (%s): serving without cache.", error)
            return None
    return value


_shared = {"generation": None, "values": {}}
_shared_lock = threading.Lock()


def for_this_generation(key, compute):
    """`compute()`, kept by this process until the content generation moves.

    For what many pages show alike of the public site (the footer's site pages, the
    disclaimer): after a change the first page to need it reads it, and the others take it
    from here. Only while the listener vouches for the number (see generation()); elsewhere
    it is computed each time. The value is computed after the number was read, so it is never
    older than the generation it is kept for.
    """
    listener = process_listener() if is_enabled() else None
    gen = listener.generation() if listener is not None else None
    if gen is None:
        return compute()
    with _shared_lock:
        if _shared["generation"] != gen:
            _shared["generation"], _shared["values"] = gen, {}
        if key in _shared["values"]:
            return _shared["values"][key]
    value = compute()
    with _shared_lock:
        if _shared["generation"] == gen:
            _shared["values"][key] = value
    return value


def reset_process_state():
    """Stop this process's listener and drop its copies of pages and what it kept for the
    generation: the next request starts afresh. For tests that change the cache's settings."""
    listener = _listeners.pop(os.getpid(), None)
    if listener is not None:
        listener.stop()
    _local.clear()
    with _shared_lock:
        _shared["generation"], _shared["values"] = None, {}


def page_key(request):
    """One key per URL; the stored value carries the generation it was rendered under."""
    url = request.build_absolute_uri()
    return f"{PAGE_KEY_PREFIX}:{sha256(url.encode()).hexdigest()}"


def _excluded_prefixes():
    return (admin_prefix(), *getattr(settings, "PAGE_CACHE_EXCLUDE", ()))


def keep_public_parameters(request):
    """Drop the query parameters no public page reads (see the module docstring).

    The kept ones are sorted by name, each keeping the order of its own values, so that
    "?q=a&page=2" and "?page=2&q=a" are one page, with one key.
    """
    if not request.META.get("QUERY_STRING"):
        return  # most requests: nothing to parse
    allowed = settings.PUBLIC_QUERY_PARAMETERS
    query = request.GET
    if all(name in allowed for name in query) and list(query) == sorted(query):
        return
    kept = [
        (name, value) for name in sorted(query) if name in allowed for value in query.getlist(name)
    ]
    request.META["QUERY_STRING"] = urlencode(kept)
    request.GET = QueryDict(request.META["QUERY_STRING"])


def _cacheable_response(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    directives = {
        d.split("=")[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
        if d.strip()
    }
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= {"cookie"}


class LocalPages:
    """This process's copies of stored pages, for the current generation only.

    A hit from a copy fetches and unpickles nothing. A page is copied here only when it comes
    from the shared cache, that is from its second request on: a URL asked once (a one-off
    query string) never takes memory in every process. All copies are dropped as soon as a
    request sees a newer generation, at most `max_entries` are kept (least recently used first
    out), and each for `seconds` at most, so that a copy never outlives the shared one by more
    than that (a change made behind the application's back, without public_site_changed,
    shows once the shared copy has expired).
    """

    def __init__(self, max_entries, seconds):
        self.max_entries = max_entries
        self.seconds = seconds
        self.generation = None
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, gen, key):
        with self.lock:
            if gen != self.generation:
                return None
            expires, stored = self.pages.get(key, (0, None))
            if expires < time.monotonic():
                self.pages.pop(key, None)
                return None
            self.pages.move_to_end(key)
            return stored

    def put(self, gen, key, stored):
        if self.max_entries <= 0:
            return
        with self.lock:
            if self.generation is not None and gen < self.generation:
                return  # a slow request's copy from before the latest change: not kept
            if gen != self.generation:
                self.generation = gen
                self.pages.clear()
            self.pages[key] = (time.monotonic() + self.seconds, stored)
            self.pages.move_to_end(key)
            while len(self.pages) > self.max_entries:
                self.pages.popitem(last=False)


_local = {}


def local_pages():
    """The local copies kept for the configured shared cache (one set per PAGE_CACHE_ALIAS)."""
    alias = getattr(settings, "PAGE_CACHE_ALIAS", "default")
    pages = _local.get(alias)
    if pages is None:
        max_entries = getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 200)
        seconds = getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 60)
        pages = _local.setdefault(alias, LocalPages(max_entries, seconds))
    return pages


def _stored_page(cache, gen, key):
    """The page stored under `key` for generation `gen`: this process's copy, else the shared
    one (then copied here: it is being asked for again), else None."""
    local = local_pages()
    stored = local.get(gen, key)
    if stored is None:
        stored = cache.get(key)
        if stored is None or stored[0] != gen:
            return None
        local.put(gen, key, stored)
    return stored


def _rebuild(stored):
    _gen, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class PageCacheMiddleware:
    """Serve and store public pages for visitors who are not signed in; see the module docstring.

    Place it right after WhiteNoiseMiddleware and before SessionMiddleware: a hit then costs
    no session, user or database work, and on the way out it sees every cookie and header
    that the inner middleware added.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore

    def signed_in(self, request):
        """Whether the request carries the session of a signed-in user, which alone makes a
        public page personal. A cookie naming no live session, or a session without a user,
        does not: one session lookup, and only for a request that carries the cookie."""
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        return bool(key) and SESSION_KEY in self.session_store(key)

    def cacheable(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(_excluded_prefixes())
            and not self.signed_in(request)
        )

    def __call__(self, request):
        if not self.cacheable(request):
            return self.get_response(request)
        keep_public_parameters(request)
        if not is_enabled():
            return self.get_response(request)
        gen = generation()
        if gen is None:  # Nothing can confirm the generation: render from the database.
            return self.get_response(request)

        cache = _cache()
        key = page_key(request)
        stored = _stored_page(cache, gen, key)
        if stored is not None:
            response = _rebuild(stored)
            response["X-Cache"] = "HIT"
            if request.method == "HEAD":
                response.content = b""  # Content-Length stays that of the GET.
            return get_conditional_response(request, etag=response.get("ETag"), response=response)

        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_vary_headers(response, ("Cookie",))
            if not response.has_header("ETag"):
                set_response_etag(response)
            if not response.has_header("Cache-Control"):
                # Browsers may keep a copy but must ask again: a correction shows at once.
                response["Cache-Control"] = "max-age=0, must-revalidate"
            headers = [(n, v) for n, v in response.items() if n.lower() != "x-cache"]
            cache.set(
                key,
                (gen, response.status_code, headers, response.content),
                timeout=getattr(settings, "PAGE_CACHE_SECONDS", 24 * 60 * 60),
            )
            response["X-Cache"] = "MISS"
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        return response
