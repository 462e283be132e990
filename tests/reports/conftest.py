import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test counts its own reports: the rate limit's counts live in the cache."""
    cache.clear()
    yield
    cache.clear()
