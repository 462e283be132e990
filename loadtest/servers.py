"""
The names tests/test_two_servers.py imports, kept until the tests carry a helper of their own:
they are tools/harness.py's.
"""

from tools import harness
from tools.harness import Browser, Gunicorn, redis_ping, request

__all__ = ["Browser", "Gunicorn", "production_env", "redis_ping", "request"]


def production_env(database_url, redis_url, *, LOADTEST_STATIC_FINDERS="0", **extra):  # noqa: N803
    """harness.production_env, with the test's name for serving static files from the apps."""
    return harness.production_env(
        database_url, redis_url, STATIC_FROM_FINDERS=LOADTEST_STATIC_FINDERS, **extra
    )
