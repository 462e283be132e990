"""
Approved material carries an expiry: past "Next review due" a page says so to visitors, the
reviewers are told before and after the date (once per stage), the admin's front page lists
what is due and overdue, and after a grace period the scheduler takes the item down unless
someone re-reviewed it.
"""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from blog.models import Article
from invamed.content.models import ContentGeneration
from invamed.outbox.models import Mail
from invamed.review import services
from invamed.review.models import ReviewReminder, State
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def days_after_due(item, days):
    """A moment `days` days after the item's next review due date (noon, local time)."""
    due = item.next_review_due
    moment = datetime.datetime.combine(due + datetime.timedelta(days=days), datetime.time(12))
    return timezone.make_aware(moment)


def signoff_block(client, item):
    page = client.get(item.get_absolute_url()).content.decode()
    return re.search(r'<section class="signoff".*?</section>', page, re.DOTALL).group(0)


def articles(items):
    return [item.pk for item in items if isinstance(item, Article)]


def test_the_page_says_review_overdue_from_the_day_after_the_due_date(client, live_article):
    due = live_article.next_review_due
    with freeze_time(days_after_due(live_article, 0)):
        block = signoff_block(client, live_article)
        assert "Next review due" in block and "overdue" not in block
    with freeze_time(days_after_due(live_article, 1)):
        block = signoff_block(client, live_article)
        assert "Review overdue since" in block and "Next review due" not in block
        assert f'<time datetime="{due:%Y-%m-%d}">' in block


def test_reviewers_are_told_once_per_stage_in_one_digest(live_article, reviewer, second_reviewer):
    Mail.objects.all().delete()
    with freeze_time(days_after_due(live_article, -10)):
        found = services.remind_reviewers()
        assert articles(found["due_soon"]) == [live_article.pk]  # (and the notices it shows)
        assert found["overdue"] == []
        again = services.remind_reviewers()
        assert not any(again.values()), "the same stage is never reported twice"
    digests = Mail.objects.filter(subject__startswith="Re-review")
    everyone = {user.email for user in services.reviewers()}
    assert sorted(digests.values_list("to", flat=True)) == sorted(everyone)  # one each
    assert {reviewer.email, second_reviewer.email} <= everyone
    assert (
        live_article.title in digests.first().body and "Due for re-review soon" in digests[0].body
    )

    with freeze_time(days_after_due(live_article, 2)):
        found = services.remind_reviewers()
    assert articles(found["overdue"]) == [live_article.pk]
    overdue_mail = Mail.objects.filter(subject__startswith="Re-review").order_by("-pk").first()
    assert "Overdue for re-review" in overdue_mail.body


def test_an_item_becoming_overdue_retires_the_stored_pages(live_article):
    """Its page changes (it now says "overdue") although no one did anything."""
    before = ContentGeneration.current()
    with freeze_time(days_after_due(live_article, -5)):
        services.remind_reviewers()
    assert ContentGeneration.current() == before  # "due soon" is not on the page
    with freeze_time(days_after_due(live_article, 1)):
        services.remind_reviewers()
    assert ContentGeneration.current() > before


def test_a_re_review_starts_every_stage_again(live_article, second_reviewer):
    with freeze_time(days_after_due(live_article, 1)):
        services.remind_reviewers()
        services.perform(live_article, "reconfirm", second_reviewer, password=PASSWORD)
        live_article.refresh_from_db()
        assert not live_article.review_overdue
        assert not any(services.remind_reviewers().values())
    assert ReviewReminder.objects.filter(signoff=live_article.live_signoff).count() == 0


def test_after_the_grace_period_the_scheduler_withdraws_the_item_and_says_why(
    client, live_article, editor, reviewer, settings
):
    settings.INVAMED = {**settings.INVAMED, "REVIEW_GRACE_DAYS": 90}
    Mail.objects.all().delete()
    with freeze_time(days_after_due(live_article, 90)):
        assert services.expire_overdue() == []  # the 90th day is still within the grace period
    with freeze_time(days_after_due(live_article, 91)):
        out = io.StringIO()
        call_command("run_scheduler", stdout=out)
        assert f'Withdrew article "{live_article.title}": review overdue.' in out.getvalue()
    live_article.refresh_from_db()
    assert live_article.status == State.WITHDRAWN and not live_article.is_published()
    assert client.get(live_article.get_absolute_url()).status_code == 404
    event = services.history(live_article).first()
    assert (event.action, event.actor, event.actor_name) == ("expire", None, "scheduler")
    assert "Review overdue since" in event.comment and "90-day grace period" in event.comment
    told = set(Mail.objects.filter(subject__startswith="Withdrawn").values_list("to", flat=True))
    assert {editor.email, reviewer.email} <= told


def test_a_grace_period_of_zero_never_withdraws(live_article, settings):
    settings.INVAMED = {**settings.INVAMED, "REVIEW_GRACE_DAYS": 0}
    with freeze_time(days_after_due(live_article, 400)):
        assert services.expire_overdue() == []
    live_article.refresh_from_db()
    assert live_article.is_published()


def test_the_admin_front_page_lists_what_is_due_and_overdue(client, editor, reviewer):
    soon = factories.publish(factories.make_article(editor, title="Due soon"), reviewer)
    late = factories.publish(factories.make_article(editor, title="Long overdue"), reviewer)
    checker = factories.make_reviewer(name="Dr Ece Tan")
    with freeze_time(days_after_due(soon, -10)):
        client.force_login(checker)  # a session of that day
        page = client.get(reverse("admin:index")).content.decode()
        due = re.search(r'<div class="module" id="due-for-re-review">.*?</div>', page, re.S)
        assert "Due soon" in due.group(0) and "Long overdue" in due.group(0)
    with freeze_time(days_after_due(late, 3)):
        client.force_login(checker)
        page = client.get(reverse("admin:index")).content.decode()
        overdue = re.search(r'<div class="module" id="overdue">.*?</div>', page, re.S)
        assert "Long overdue" in overdue.group(0)
        assert "Withdrawn from the site 90 days after the date due" in overdue.group(0)
