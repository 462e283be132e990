"""
Honest review dates, read from the page a visitor gets.

"Last reviewed" is the date of the recorded sign-off of the live version (or of its latest
re-review), never a save, publication or render time. "Updated" is the day a newer version was
published. Each test walks the calendar with freezegun; times are noon UTC so the local day
(Europe/Istanbul) is the same day.
"""

import re

import pytest
from freezegun import freeze_time

from invamed.review import services
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def signoff_dates(client, item):
    """{label: datetime attribute} of the sign-off section of the item's public page."""
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    section = re.search(r'<section class="signoff".*?</section>', page, re.S)
    assert section, "the page has a sign-off section"
    pairs = re.findall(r'<dt>([^<]+)</dt>\s*<dd><time datetime="([^"]+)">', section.group(0), re.S)
    return dict(pairs)


@pytest.mark.parametrize("make", [factories.make_article, factories.make_entry])
def test_last_reviewed_is_the_approval_day_not_the_publication_or_reading_day(
    client, editor, reviewer, make
):
    """The same on an article's page and an FAQ entry's."""
    item = make(editor)
    with freeze_time("2024-03-04 12:00:00"):  # day A
        factories.approve(item, reviewer)
    with freeze_time("2024-03-11 12:00:00"):  # day B
        services.perform(item, "publish", reviewer)
    with freeze_time("2024-04-20 12:00:00"):  # day C
        dates = signoff_dates(client, item)
    assert dates == {"Last reviewed": "2024-03-04", "Next review due": "2025-03-04"}


def test_a_save_without_review_moves_no_review_date(client, editor, reviewer):
    article = factories.make_article(editor)
    with freeze_time("2024-03-04 12:00:00"):
        factories.publish(article, reviewer)
    with freeze_time("2024-06-01 12:00:00"):
        article.refresh_from_db()
        factories.edit(article, editor)  # saved, nothing changed
        factories.edit(article, editor, body="<p>A change nobody reviewed yet.</p>")
    with freeze_time("2024-06-02 12:00:00"):
        dates = signoff_dates(client, article)
    assert dates == {"Last reviewed": "2024-03-04", "Next review due": "2025-03-04"}


def test_a_reconfirmation_moves_both_review_dates(client, editor, reviewer, second_reviewer):
    article = factories.make_article(editor)
    with freeze_time("2024-03-04 12:00:00"):
        factories.publish(article, reviewer)
    with freeze_time("2025-02-17 12:00:00"):
        services.perform(article, "reconfirm", second_reviewer, password=PASSWORD)
    with freeze_time("2025-03-01 12:00:00"):
        dates = signoff_dates(client, article)
    assert dates == {"Last reviewed": "2025-02-17", "Next review due": "2026-02-17"}


def test_updated_appears_only_when_a_newer_version_is_published_on_a_later_day(
    client, editor, reviewer, second_reviewer
):
    article = factories.make_article(editor)
    with freeze_time("2024-03-04 12:00:00"):
        factories.publish(article, reviewer)
        article.refresh_from_db()
        # A correction published the same day is not an update worth a date of its own.
        factories.edit(article, editor, title="Same-day correction")
        factories.publish(article, reviewer)
    assert "Updated" not in signoff_dates(client, article)

    with freeze_time("2024-05-01 12:00:00"):
        factories.edit(article, editor, body="<p>New evidence added.</p>")
    with freeze_time("2024-05-02 12:00:00"):
        factories.approve(article, second_reviewer)
    assert "Updated" not in signoff_dates(client, article), "approved is not published"

    with freeze_time("2024-05-06 12:00:00"):
        services.perform(article, "publish", second_reviewer)
    with freeze_time("2024-07-01 12:00:00"):
        dates = signoff_dates(client, article)
    assert dates == {
        "Last reviewed": "2024-05-02",
        "Next review due": "2025-05-02",
        "Updated": "2024-05-06",
    }


def test_the_header_date_is_the_first_publication(client, editor, reviewer, second_reviewer):
    article = factories.make_article(editor)
    with freeze_time("2024-03-04 12:00:00"):
        factories.publish(article, reviewer)
    with freeze_time("2024-05-06 12:00:00"):
        article.refresh_from_db()
        factories.edit(article, editor, body="<p>New evidence added.</p>")
        factories.publish(article, second_reviewer)
    page = client.get(article.get_absolute_url()).content.decode()
    header = re.search(r'<header class="article__header">.*?</header>', page, re.S).group(0)
    assert '<time datetime="2024-03-04">' in header


def test_the_review_day_is_the_local_day(client, editor, reviewer):
    """Signed at 22:30 UTC, 01:30 the next day in Istanbul: the page shows the local day."""
    article = factories.make_article(editor)
    with freeze_time("2024-03-04 22:30:00"):
        factories.publish(article, reviewer)
    assert signoff_dates(client, article)["Last reviewed"] == "2024-03-05"


def test_updated_compares_local_days(client, editor, reviewer, second_reviewer):
    """Published at noon, updated at 22:30 UTC the same UTC day: already the next day locally."""
    article = factories.make_article(editor)
    with freeze_time("2024-03-04 12:00:00"):
        factories.publish(article, reviewer)
        article.refresh_from_db()
        factories.edit(article, editor, body="<p>Evening correction.</p>")
        factories.approve(article, second_reviewer)
    with freeze_time("2024-03-04 22:30:00"):
        services.perform(article, "publish", second_reviewer)
    assert signoff_dates(client, article)["Updated"] == "2024-03-05"
