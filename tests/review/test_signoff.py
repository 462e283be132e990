"""
The review interval of the site's content: an article or FAQ entry is due for review after its
category's interval. The sign-off itself is the review app's, tested in tests/review_app/.
"""

import datetime

import pytest
from freezegun import freeze_time

from tests import factories

pytestmark = pytest.mark.django_db


def test_next_review_is_due_after_the_categorys_interval(editor, reviewer):
    category = factories.make_category(review_interval_months=6)
    article = factories.make_article(editor, category=category)
    with freeze_time("2024-05-31 12:00:00"):
        factories.publish(article, reviewer)
    assert article.next_review_due == datetime.date(2024, 11, 30)


def test_faq_entries_follow_their_categorys_interval(editor, reviewer):
    entry = factories.make_entry(editor)
    entry.category.review_interval_months = 3
    entry.category.save()
    with freeze_time("2024-02-10 12:00:00"):
        entry = factories.publish(entry, reviewer)
    assert entry.next_review_due == datetime.date(2024, 5, 10)
