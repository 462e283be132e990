"""Fixtures of the review app's tests, which run under their own settings (settings.py here)."""

import pytest
from django.conf import settings

if "tests.review_app.testapp" not in settings.INSTALLED_APPS:
    raise pytest.UsageError(
        "tests/review_app/ runs under its own settings: `make test`, or "
        "pytest --ds=tests.review_app.settings --confcutdir=tests/review_app tests/review_app"
    )

from . import factories, people  # noqa: E402 (after the check: its models need these settings)

editor, reviewer, second_reviewer, superuser = people.fixtures(factories)


@pytest.fixture
def live_memo(editor, reviewer):
    memo = factories.make_memo(
        editor, tags=["spine care", "osteoporosis"],
        sources=[("Doe J. A study. Spine J. 2020.", "https://doi.org/10.1000/1")],
    )  # fmt: skip
    return factories.publish(memo, reviewer)
