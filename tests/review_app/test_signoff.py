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

from . import factories
from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_approval_records_who_signed_what_when_and_what_it_means(editor, reviewer):
    memo = factories.make_memo(editor)
    with freeze_time("2024-03-05 09:30:00"):
        factories.approve(memo, reviewer)
    signoff = SignOff.objects.get()
    version = memo.head_version
    assert (signoff.item, signoff.version_number, signoff.fingerprint) == (
        memo,
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


def test_publishing_makes_the_approval_the_live_signoff(live_memo, reviewer):
    signoff = live_memo.live_signoff
    assert signoff.kind == SignOff.Kind.APPROVAL and signoff.reviewer == reviewer
    assert signoff.fingerprint == live_memo.live_version.fingerprint


def test_a_signoff_cannot_be_changed_or_deleted(live_memo):
    signoff = live_memo.live_signoff
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
    memo = factories.make_memo(editor)
    with freeze_time("2024-01-10 08:00:00"):
        factories.publish(memo, reviewer)
    with freeze_time("2024-12-20 15:00:00"):
        services.perform(
            memo, "reconfirm", second_reviewer, password=PASSWORD, comment="Still current."
        )
    memo.refresh_from_db()
    signoff = memo.live_signoff
    assert signoff.kind == SignOff.Kind.RECONFIRMATION
    assert signoff.reviewer == second_reviewer
    assert signoff.meaning == "Medically re-reviewed: content confirmed as current"
    assert signoff.fingerprint == memo.live_version.fingerprint
    assert memo.last_reviewed_at.date() == datetime.date(2024, 12, 20)
    assert memo.next_review_due == datetime.date(2025, 12, 20)
    assert memo.status == State.PUBLISHED
    assert SignOff.objects.count() == 2, "the approval is kept"


def test_reconfirm_does_not_change_the_publication_dates(live_memo, second_reviewer):
    published_at, first = live_memo.published_at, live_memo.first_published_at
    with freeze_time("2030-01-01"):
        services.perform(live_memo, "reconfirm", second_reviewer, password=PASSWORD)
    live_memo.refresh_from_db()
    assert (live_memo.published_at, live_memo.first_published_at) == (published_at, first)
    assert not live_memo.was_updated


def test_reconfirm_is_refused_while_there_are_unpublished_changes(
    live_memo, editor, second_reviewer
):
    signoff = live_memo.live_signoff
    factories.edit(live_memo, editor, body="<p>Not reviewed yet.</p>")
    with pytest.raises(services.TransitionRefused):
        services.perform(live_memo, "reconfirm", second_reviewer, password=PASSWORD)
    live_memo.refresh_from_db()
    assert live_memo.live_signoff == signoff


def test_the_author_of_the_live_version_cannot_reconfirm_it(reviewer, second_reviewer):
    memo = factories.publish(factories.make_memo(reviewer), second_reviewer)
    with pytest.raises(services.TransitionRefused, match="Four eyes"):
        services.perform(memo, "reconfirm", reviewer, password=PASSWORD)


def test_next_review_is_due_after_the_sites_interval(settings, editor, reviewer):
    """An item without a category of its own follows the site's review interval (a setting)."""
    settings.INVAMED = {**settings.INVAMED, "REVIEW_INTERVAL_MONTHS": 6}
    memo = factories.make_memo(editor)
    with freeze_time("2024-05-31 12:00:00"):
        memo = factories.publish(memo, reviewer)
    assert memo.next_review_due == datetime.date(2024, 11, 30)


def test_review_overdue_lists_live_items_past_their_due_date(editor, reviewer, second_reviewer):
    old = factories.make_memo(editor)
    with freeze_time("2023-01-15 12:00:00"):
        factories.publish(old, reviewer)
    recent = factories.publish(factories.make_memo(editor), reviewer)
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
    memo = factories.make_memo(editor)
    with freeze_time("2024-12-31 22:30:00"):
        factories.approve(memo, reviewer)
    assert SignOff.objects.get().next_review_due == datetime.date(2026, 1, 1)


# Review dates -----------------------------------------------------------------------------------
# The item's facts that public pages show; times are noon UTC unless a test is about the day.


def test_last_reviewed_is_the_approval_day_not_the_publication_day(editor, reviewer):
    memo = factories.make_memo(editor)
    with freeze_time("2024-03-04 12:00:00"):
        factories.approve(memo, reviewer)
    with freeze_time("2024-03-11 12:00:00"):
        services.perform(memo, "publish", reviewer)
    memo.refresh_from_db()
    assert memo.last_reviewed_at.date() == datetime.date(2024, 3, 4)
    assert memo.next_review_due == datetime.date(2025, 3, 4)
    assert memo.published_at.date() == datetime.date(2024, 3, 11)


def test_a_save_without_review_moves_no_review_date(editor, reviewer):
    memo = factories.make_memo(editor)
    with freeze_time("2024-03-04 12:00:00"):
        memo = factories.publish(memo, reviewer)
    with freeze_time("2024-06-01 12:00:00"):
        factories.edit(memo, editor)  # saved, nothing changed
        factories.edit(memo, editor, body="<p>A change nobody reviewed yet.</p>")
    memo.refresh_from_db()
    assert memo.last_reviewed_at.date() == datetime.date(2024, 3, 4)
    assert memo.next_review_due == datetime.date(2025, 3, 4)


def test_updated_only_when_a_newer_version_is_published_on_a_later_local_day(
    editor, reviewer, second_reviewer
):
    """Istanbul is UTC+3: 22:30 UTC is already the next day there."""
    memo = factories.make_memo(editor)
    with freeze_time("2024-03-04 12:00:00"):
        memo = factories.publish(memo, reviewer)
        factories.edit(memo, editor, title="Same-day correction")
        memo = factories.publish(memo, reviewer)
    assert not memo.was_updated

    factories.edit(memo, editor, body="<p>Evening correction.</p>")
    with freeze_time("2024-03-04 22:30:00"):
        memo = factories.publish(memo, second_reviewer)
    assert memo.was_updated
    assert memo.first_published_at.date() == datetime.date(2024, 3, 4)
