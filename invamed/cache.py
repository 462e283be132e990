"""
The page cache: whole public pages for anonymous visitors, never stale after a review decision.

Who gets what:
- An anonymous visitor (no session cookie) asking GET or HEAD for a public page gets the stored
  response when there is one, without a database query, and a 304 when their copy is current.
- Anyone with a session cookie (editors, reviewers, administrators, even a stale one) always gets
  a freshly rendered page; so does every request under /admin/, and any response that sets a
  cookie, varies on more than the cookie, or says it must not be cached (previews are
  `never_cache`: "private, no-cache, no-store").

Invalidation is a site-wide *content generation*, a number kept in the shared cache (Redis in
production, one for every application server). Each stored page carries the generation it was
rendered under and is served only while that is still the current one, which every request
reads from the shared cache, so `content_changed()`, which increments it, retires every stored
page on every server at once: the next request anywhere renders from the database and stores
the new page. The review transitions that change what visitors see (publish, scheduled
publish, withdraw, re-review) call it after their transaction commits, and so does any
successful write in the admin (notices, categories, reviewer profiles, FAQ placements...), so
nothing waits for a timeout. The timeout only bounds memory.

If the generation is missing (evicted, Redis restarted) it starts again from the clock in
milliseconds, which is above any value it had before, so no page stored earlier comes back.
When the cache is unreachable (invamed.cache_backends fails open) there is no generation and
every page is rendered from the database.

Each process also keeps copies of the pages it is asked for again (LocalPages), valid for one
generation: a hit then reads only the generation, not the whole page. With Redis even that
read is local: each process tracks the generation key (Redis client-side caching, see
invamed.cache_backends.TrackedValue), and Redis pushes a message to every process the moment
the key changes, before it acknowledges the change; a hit then checks its socket for such a
message instead of asking Redis. When tracking is unavailable it asks Redis on every request.

Settings, each optional:
- PAGE_CACHE: on or off (off when absent). invamed/settings.py turns it on with REDIS_URL:
  a per-process cache could not hear another process's publication.
- PAGE_CACHE_SECONDS: how long a stored page may stay, to bound memory (default one day).
- PAGE_CACHE_ALIAS: which of CACHES holds pages and the generation (default "default").
- PAGE_CACHE_LOCAL_ENTRIES: how many pages each process keeps a copy of (default 200; 0: none).
- PAGE_CACHE_LOCAL_SECONDS: how long such a copy may be served at most (default 60).

What a visitor's address can ask for is closed: an anonymous GET or HEAD outside the admin keeps
only the query parameters of settings.PUBLIC_QUERY_PARAMETERS (a list's `page`, the search's
`q`, the sitemap's `p`), in a fixed order, and the view never sees the others. Campaign tags
(utm_source=...), click ids (fbclid=..., unique per click) and made-up cache-busters then share
the one stored page of their address instead of each being rendered and stored for a day,
which let anyone fill the shared cache and keep every request a miss. This holds with the page
cache off too (development, tests), so a view that starts reading a new parameter fails its
tests until the parameter is listed, instead of misbehaving only in production.

A page is answered with an ETag (hash of its body) for conditional requests. It has no
Last-Modified of ours: dates have one-second resolution, and a correction published in the
same second as a stored copy must not be answered "not modified".
"""

import logging
import threading
import time
from collections import OrderedDict
from hashlib import sha256
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_vary_headers,
    set_response_etag,
)

from invamed.security import admin_prefix

logger = logging.getLogger("invamed.cache")

GENERATION_KEY = "page-cache:generation"
PAGE_KEY_PREFIX = "page-cache:page"
# Cookies that can change what a page shows: the session (logged-in users) and flash messages.
BYPASS_COOKIES = ("messages",)
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def is_enabled():
    return bool(getattr(settings, "PAGE_CACHE", False))


def _fresh_generation():
    return int(time.time() * 1000)


def generation(cache=None):
    """The current content generation, or None when the shared cache cannot be reached.

    With Redis (invamed.cache_backends) it is tracked: Redis tells this process when the
    generation changes, so most requests read it without a round trip.
    """
    cache = cache or _cache()
    tracked = getattr(cache, "get_tracked", None)
    value = tracked(GENERATION_KEY) if tracked else None
    if value is not None:
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def content_changed(cache=None):
    """Retire every stored page on every application server: what visitors see has changed.

    Called after the commit of a publication, withdrawal or re-review, and after admin writes.
    """
    cache = cache or _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # No generation yet (or it was evicted): a new one from the clock is above any old one.
        if not cache.add(GENERATION_KEY, _fresh_generation(), timeout=None):
            try:
                cache.incr(GENERATION_KEY)
            except ValueError:
                # The cache is unreachable from this process. Other processes may still serve
                # their copies: the shared ones until PAGE_CACHE_SECONDS, their own ones until
                # PAGE_CACHE_LOCAL_SECONDS. Say so loudly: a correction is not showing yet.
                logger.error(
                    "Could not retire cached pages (the shared cache is unreachable): "
                    "visitors may see the previous content for up to %s s.",
                    getattr(settings, "PAGE_CACHE_SECONDS", 24 * 60 * 60),
                )


def page_key(request):
    """One key per URL; the stored value carries the generation it was rendered under."""
    url = request.build_absolute_uri()
    return f"{PAGE_KEY_PREFIX}:{sha256(url.encode()).hexdigest()}"


def _excluded_prefixes():
    return (admin_prefix(), *getattr(settings, "PAGE_CACHE_EXCLUDE", ()))


def _anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and not any(
        name in cookies for name in BYPASS_COOKIES
    ) and "HTTP_AUTHORIZATION" not in request.META  # fmt: skip


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and _anonymous(request)
        and not request.path.startswith(_excluded_prefixes())
    )


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

    A hit then costs one small round trip to the shared cache (the generation) instead of
    fetching and unpickling the whole page each time. A page is copied here only when it comes
    from the shared cache, that is from its second request on: a URL asked once (a one-off
    query string) never takes memory in every process. All copies are dropped as soon as a
    request sees a newer generation, at most `max_entries` are kept (least recently used first
    out; PAGE_CACHE_LOCAL_ENTRIES, default 200, some 10 MB of typical pages), and each is kept
    for `seconds` at most (PAGE_CACHE_LOCAL_SECONDS, default 60): should a generation bump
    ever be lost (Redis unreachable at that moment, or data changed outside the application),
    a process's copy outlives the shared one by no more than that.
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


def _local_pages():
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
    local = _local_pages()
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
    """Serve and store anonymous visitors' public pages; see the module docstring.

    Place it right after WhiteNoiseMiddleware and before SessionMiddleware: a hit then costs
    no session, user or database work, and on the way out it sees every cookie and header
    that the inner middleware added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = _cacheable_request(request)
        if cacheable:
            keep_public_parameters(request)
        if not is_enabled():
            return self.get_response(request)
        if not cacheable:
            response = self.get_response(request)
            if request.method == "POST" and request.path.startswith(_excluded_prefixes()):
                self._after_admin_write(request, response)
            return response

        cache = _cache()
        key = page_key(request)
        gen = generation(cache)
        if gen is None:  # Cache unreachable: render from the database.
            return self.get_response(request)
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

    def _after_admin_write(self, request, response):
        """A successful admin save may change a notice, category, profile or FAQ placement."""
        user = getattr(request, "user", None)
        if request.path.endswith(("/login/", "/logout/")):
            return
        if response.status_code < 400 and user is not None and user.is_authenticated:
            content_changed()
