"""
How many reports one address may send: RATE reports per WINDOW seconds.

Counted in the shared cache (Redis in production), one key per address and window. When the
cache cannot count (Redis down: the fail-open backend answers every call as a miss), the count
is read from the database instead, the reports that address stored in the last window: the
limit still holds, and a cache outage is never an error page.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

RATE = 5
WINDOW = 60  # seconds
KEY_PREFIX = "reports:sent"


def client_digest(address):
    """A keyed digest of the visitor's address: one per address, and not reversible by anyone
    without the secret key, so the address itself is never stored."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


def _cache_count(client):
    """This attempt's number within the current window, or None when the cache cannot say."""
    key = f"{KEY_PREFIX}:{client}"
    if cache.add(key, 1, timeout=WINDOW):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between the two calls, or the cache is unreachable
        return None


def allow(client):
    """Whether one more report from `client` (a client_digest) may be accepted now."""
    from .models import Report

    count = _cache_count(client)
    if count is None:
        since = timezone.now() - datetime.timedelta(seconds=WINDOW)
        count = Report.objects.sent_from(client, since).count() + 1
    return count <= RATE
