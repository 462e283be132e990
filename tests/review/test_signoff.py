"""
The sign-off: an electronic signature bound to one exact version, and the periodic re-review
that confirms an unchanged live item.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from invamed.review import services
from invamed.review.models import SignOff, State
from invamed.review.services import add_months
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_approval_records_who_signed_what_when_and_what_it_means(editor, reviewer):
    article = factories.make_article(editor)
    with freeze_time("2024-03-05 09:30:00"):
        factories.approve(article, reviewer)
    signoff = SignOff.objects.get()
    version = article.head_version
    assert (signoff.item, signoff.version_number, signoff.fingerprint) == (
        article,
        version.number,
        version.fingerprint,
    )
    assert signoff.reviewer == reviewer
    assert (signoff.signer_name, signoff.signer_credentials) == (
        "Dr Deniz Aksoy",
        "MD, physical medicine",
    )
    assert signoff.meaning == "Medically reviewed and approved for publication"
    assert signoff.kind == SignOff.Kind.APPROVAL
    assert signoff.signed_at == datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC)
    assert signoff.next_review_due == datetime.date(2025, 3, 5)


def test_publishing_makes_the_approval_the_live_signoff(live_article, reviewer):
    signoff = live_article.live_signoff
    assert signoff.kind == SignOff.Kind.APPROVAL and signoff.reviewer == reviewer
    assert signoff.fingerprint == live_article.live_version.fingerprint


def test_a_signoff_cannot_be_changed_or_deleted(live_article):
    signoff = live_article.live_signoff
    signoff.signer_name = "Someone else"
    with pytest.raises(ValidationError):
        signoff.save()
    with pytest.raises(ValidationError):
        signoff.delete()
    assert SignOff.objects.filter(pk=signoff.pk, signer_name="Dr Deniz Aksoy").exists()


# Re-review ------------------------------------------------------------------------------------


def test_reconfirming_an_unchanged_live_item_records_a_new_signoff_and_moves_the_dates(
    editor, reviewer, second_reviewer
):
    article = factories.make_article(editor)
    with freeze_time("2024-01-10 08:00:00"):
        factories.publish(article, reviewer)
    with freeze_time("2024-12-20 15:00:00"):
        services.perform(
            article, "reconfirm", second_reviewer, password=PASSWORD, comment="Still current."
        )
    article.refresh_from_db()
    signoff = article.live_signoff
    assert signoff.kind == SignOff.Kind.RECONFIRMATION
    assert signoff.reviewer == second_reviewer
    assert signoff.meaning == "Medically re-reviewed: content confirmed as current"
    assert signoff.fingerprint == article.live_version.fingerprint
    assert article.last_reviewed_at.date() == datetime.date(2024, 12, 20)
    assert article.next_review_due == datetime.date(2025, 12, 20)
    assert article.status == State.PUBLISHED
    assert SignOff.objects.count() == 2, "the approval is kept"


def test_reconfirm_does_not_change_the_publication_dates(live_article, second_reviewer):
    published_at, first = live_article.published_at, live_article.first_published_at
    with freeze_time("2030-01-01"):
        services.perform(live_article, "reconfirm", second_reviewer, password=PASSWORD)
    live_article.refresh_from_db()
    assert (live_article.published_at, live_article.first_published_at) == (published_at, first)
    assert not live_article.was_updated


def test_reconfirm_is_refused_while_there_are_unpublished_changes(
    live_article, editor, second_reviewer
):
    signoff = live_article.live_signoff
    factories.edit(live_article, editor, body="<p>Not reviewed yet.</p>")
    with pytest.raises(services.TransitionRefused):
        services.perform(live_article, "reconfirm", second_reviewer, password=PASSWORD)
    live_article.refresh_from_db()
    assert live_article.live_signoff == signoff


def test_the_author_of_the_live_version_cannot_reconfirm_it(reviewer, second_reviewer):
    article = factories.publish(factories.make_article(reviewer), second_reviewer)
    with pytest.raises(services.TransitionRefused, match="Four eyes"):
        services.perform(article, "reconfirm", reviewer, password=PASSWORD)


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


def test_review_overdue_lists_live_items_past_their_due_date(editor, reviewer, second_reviewer):
    old = factories.make_article(editor)
    with freeze_time("2023-01-15 12:00:00"):
        factories.publish(old, reviewer)
    recent = factories.publish(factories.make_article(editor), reviewer)
    model = type(old)
    assert list(model.objects.review_overdue()) == [old]
    services.perform(old, "reconfirm", second_reviewer, password=PASSWORD)
    assert list(model.objects.review_overdue()) == []
    assert recent.next_review_due > datetime.date.today()


@pytest.mark.parametrize(
    "day, months, due",
    [
        (datetime.date(2024, 3, 15), 12, datetime.date(2025, 3, 15)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),  # leap year
        (datetime.date(2023, 1, 31), 1, datetime.date(2023, 2, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 8, 31), 3, datetime.date(2024, 11, 30)),
        (datetime.date(2024, 11, 30), 3, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 12, 1), 1, datetime.date(2025, 1, 1)),
        (datetime.date(2024, 5, 31), 24, datetime.date(2026, 5, 31)),
        (datetime.date(2024, 3, 31), -1, datetime.date(2024, 2, 29)),
    ],
)
def test_add_months_never_goes_past_the_months_last_day(day, months, due):
    assert add_months(day, months) == due


def test_the_due_date_is_counted_from_the_local_day_of_the_signature(editor, reviewer):
    """Istanbul is UTC+3: a sign-off at 22:30 UTC on 31 December is on 1 January there."""
    article = factories.make_article(editor)
    with freeze_time("2024-12-31 22:30:00"):
        factories.approve(article, reviewer)
    assert SignOff.objects.get().next_review_due == datetime.date(2026, 1, 1)
