"""
The scheduler on the site's content: it finds articles, FAQ entries, notices and site pages, and
a scheduled article's or entry's public page appears at its time. The command itself is tested
on the review app's own test model, in tests/review_app/test_commands.py.
"""

import datetime

import pytest
from freezegun import freeze_time

from invamed.review import services
from invamed.review.models import State, reviewable_models
from tests import factories
from tests.review_app import scheduling
from tests.review_app.scheduling import SCHEDULED_FOR, run

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

    with freeze_time("2024-06-10 05:59:00"):
        output = run()
        assert client.get(item.get_absolute_url()).status_code == 404
    assert "0 scheduled item(s) published." in output
    item.refresh_from_db()
    assert item.status == State.SCHEDULED and not item.is_published()

    with freeze_time("2024-06-10 06:00:30"):
        output = run()
        assert client.get(item.get_absolute_url()).status_code == 200
    assert f'"{item}" (id {item.pk}), scheduled for 2024-06-10 09:00.' in output
    assert "1 scheduled item(s) published." in output
    item.refresh_from_db()
    assert item.status == State.PUBLISHED
    assert item.published_at == datetime.datetime(2024, 6, 10, 6, 0, 30, tzinfo=datetime.UTC)

    event = services.history(item).first()
    assert (event.action, event.actor, event.actor_name) == ("publish_scheduled", None, "scheduler")
    assert (event.from_state, event.to_state) == ("scheduled", "published")
