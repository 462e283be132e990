"""`manage.py seed_demo`: the demo site, written through the real review workflow."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.html import strip_tags

from blog.models import Article, ArticleVersion, Category
from faq.models import ArticleEntry, Entry, EntryVersion, FAQCategory
from invamed.content.models import EditorialPolicy, Notice
from invamed.outbox.models import Mail
from invamed.review.models import ReviewerProfile, ReviewEvent, SignOff, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(settings):
    """Run the command with DEBUG on (it refuses otherwise); return what it printed."""
    settings.DEBUG = True

    def run():
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        return out.getvalue()

    return run


def counts():
    return {
        "articles": Article.objects.count(),
        "article versions": ArticleVersion.objects.count(),
        "entries": Entry.objects.count(),
        "entry versions": EntryVersion.objects.count(),
        "sign-offs": SignOff.objects.count(),
        "events": ReviewEvent.objects.count(),
        "users": get_user_model().objects.count(),
        "placements": ArticleEntry.objects.count(),
    }


def words(html):
    return len(strip_tags(html).split())


def test_demo_has_enough_articles_of_400_words_in_four_categories(seed):
    seed()
    articles = Article.objects.all()
    assert articles.count() >= 12
    assert Category.objects.filter(articles__isnull=False).distinct().count() >= 4
    assert Category.objects.filter(name="Pain Management & Spine (Algology)").exists()
    for article in articles:
        assert words(article.body) >= 400, article.slug
        assert words(article.head_version.body) >= 400, article.slug
        assert 5 <= len(article.tags.names()) <= 8, article.slug
        assert article.body.count("<h2>") >= 3, article.slug
    assert articles.filter(author__is_team=True, author__name="INVAMED Medical Affairs").exists()
    assert articles.filter(references__isnull=False).distinct().count() > articles.count() / 2
    assert "omurga kırığı" in {tag for a in articles for tag in a.tags.names()}


def test_demo_shows_every_state_of_the_workflow(seed):
    seed()
    articles = Article.objects.all()
    live = articles.published()
    assert live.count() > articles.count() / 2
    assert live.filter(is_featured=True).exists()
    assert articles.filter(status=State.DRAFT, live_version__isnull=True).exists()
    assert articles.filter(status=State.IN_REVIEW).exists()
    scheduled = articles.get(status=State.SCHEDULED)
    assert scheduled.publish_at > timezone.now() and not scheduled.is_published()
    assert any(article.has_unpublished_changes for article in live)


def test_demo_review_dates_come_from_signoffs_spread_over_eighteen_months(seed):
    """Overdue, re-reviewed and updated articles exist, through recorded sign-offs."""
    seed()
    today = timezone.localdate()
    live = Article.objects.published()
    assert Article.objects.review_overdue().exists()
    assert live.filter(live_signoff__kind=SignOff.Kind.RECONFIRMATION).exists()
    assert any(article.was_updated for article in live)
    signed = [timezone.localdate(s.signed_at) for s in SignOff.objects.all()]
    assert (today - min(signed)).days > 365
    assert (today - min(signed)).days <= 548
    assert all(day < today for day in signed)
    for article in live:
        assert article.last_reviewed_at == article.live_signoff.signed_at
        assert article.live_signoff.reviewer != article.live_version.created_by  # four eyes


def test_demo_faq_has_fifteen_entries_in_three_categories_some_on_articles(seed):
    seed()
    assert Entry.objects.count() >= 15
    assert FAQCategory.objects.filter(entries__isnull=False).distinct().count() >= 3
    assert Entry.objects.published().count() >= 12
    live_placements = ArticleEntry.objects.filter(
        article__live_version__isnull=False, entry__live_version__isnull=False
    )
    assert live_placements.count() >= 5
    assert Entry.objects.filter(article_links__isnull=False).distinct().count() >= 10


def test_demo_users_reviewers_notices_and_policy(seed):
    output = seed()
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert ReviewerProfile.objects.public().count() >= 2
    assert ReviewerProfile.objects.filter(is_public=False).exists()
    for username, password in [("editor", "editor-demo-pass-1"), ("admin", "admin-demo-pass-1")]:
        assert User.objects.get(username=username).check_password(password)
        assert password in output
    assert Notice.objects.default_for(Notice.Kind.REGULATORY) is not None
    assert Notice.objects.default_for(Notice.Kind.DISCLAIMER) is not None
    assert Notice.objects.regulatory().count() >= 2
    assert EditorialPolicy.objects.published().exists()


def test_every_live_version_verifies_and_the_audit_record_exists(seed):
    seed()
    for item in [*Article.objects.published(), *Entry.objects.published()]:
        assert item.live_version.verify(), item
    assert (
        ReviewEvent.objects.filter(action="approve").count()
        == SignOff.objects.filter(kind=SignOff.Kind.APPROVAL).count()
    )


def test_the_demos_past_notifications_are_not_sent(seed):
    """Dozens of e-mails about the demo's made-up history would flood `make run`'s console."""
    seed()
    assert ReviewEvent.objects.filter(action="submit").exists()
    assert not Mail.objects.exists()


def test_running_twice_creates_nothing(seed):
    seed()
    before = counts()
    output = seed()
    assert "Demo content already present" in output
    assert counts() == before


def test_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not get_user_model().objects.exists()
