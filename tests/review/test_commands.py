"""
The scheduler on the site's content: it finds articles, FAQ entries, notices and site pages, and
a scheduled article's or entry's public page appears at its time. The command itself is tested
on the review app's own test model, in tests/review_app/test_commands.py.
"""

import pytest

from invamed.review.models import reviewable_models
from tests import factories
from tests.review_app import scheduling
from tests.review_app.scheduling import SCHEDULED_FOR

pytestmark = pytest.mark.django_db


def schedule(item, reviewer, publish_at=SCHEDULED_FOR):
    return scheduling.schedule(item, reviewer, factories.approve, publish_at)


def test_reviewable_models_are_articles_faq_entries_notices_and_site_pages():
    names = sorted(model._meta.label for model in reviewable_models())
    assert names == ["blog.Article", "content.Notice", "content.SitePage", "faq.Entry"]


@pytest.mark.parametrize("kind", ["article", "entry"])
def test_a_scheduled_item_goes_live_at_its_time_with_no_one_at_the_keyboard(
    client, editor, reviewer, kind
):
    make = factories.make_article if kind == "article" else factories.make_entry
    item = schedule(make(editor), reviewer)

    scheduling.goes_live_at_its_time(client, item)
