"""
What the site's content puts in the version a reviewer signs: every field of an article or an
FAQ entry that a visitor sees, its tags, its references and the FAQ entries placed on it. The
workflow itself (four eyes, signatures, versions, comments, e-mails) is the review app's, tested
on its own test model in tests/review_app/.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import Placement
from invamed.content.models import Notice
from invamed.outbox.models import Mail
from invamed.review import services
from tests import factories
from tests.review_app import steps

pytestmark = pytest.mark.django_db


def made(change, faq=False):
    """A new related record for a change of `change` (a category, an author, a notice)."""
    if change == "category":
        return factories.make_faq_category() if faq else factories.make_category()
    if change == "author":
        return factories.make_author(name="Another author", is_team=False)
    if change == "notice":
        return factories.make_notice(Notice.Kind.REGULATORY, default=False)
    return None


def change_article(article, change):
    """Make `change` to the article's working copy (or its parts), as an editor could."""
    if change == "tags":
        article.tags.add("osteoporosis")
    elif change.startswith("reference "):
        steps.change_cited_rows(article.references, change.removeprefix("reference "))
    elif change == "FAQ entry placed":
        Placement.objects.create(item=article, entry=factories.make_entry(), position=3)
    elif change == "FAQ entries reordered":
        first, second = article.faq_placements.all()
        Placement.objects.filter(pk=first.pk).update(position=2)
        Placement.objects.filter(pk=second.pk).update(position=1)
    else:
        value = (
            made(change)
            or {
                "title": "Another title",
                "slug": "another-address",
                "summary": "Another summary.",
                "body": "<p>Another body.</p>",
                "is_featured": True,
            }[change]
        )
        setattr(article, change, value)
        article.save()


@pytest.mark.parametrize(
    "change",
    [
        "title", "slug", "summary", "body", "category", "author", "notice", "is_featured",
        "tags", "reference text", "reference link", "reference new", "FAQ entry placed",
        "FAQ entries reordered",
    ],
)  # fmt: skip
def test_every_part_of_an_article_a_visitor_sees_is_in_its_signed_version(editor, change):
    article = factories.make_article(
        editor, tags=["spine care"], references=[("Doe J. 2020.", "https://doi.org/10.1/a")]
    )
    for entry in (factories.make_entry(editor), factories.make_entry(editor)):
        factories.place(entry, article, editor)
    before = article.head_version

    change_article(article, change)
    after = services.save_version(article, editor)

    assert after is not None and after.number == before.number + 1
    assert after.fingerprint != before.fingerprint
    assert after.verify()


def change_entry(entry, change):
    if change == "tags":
        entry.tags.add("osteoporosis")
        return
    value = (
        made(change, faq=True)
        or {
            "question": "Another question?",
            "slug": "another-question",
            "answer": "<p>Another answer.</p>",
            "order": 7,
        }[change]
    )
    setattr(entry, change, value)
    entry.save()


@pytest.mark.parametrize(
    "change", ["question", "slug", "answer", "category", "notice", "order", "tags"]
)
def test_every_part_of_an_faq_entry_a_visitor_sees_is_in_its_signed_version(editor, change):
    entry = factories.make_entry(editor, tags=["spine care"])
    before = entry.head_version

    change_entry(entry, change)
    after = services.save_version(entry, editor)

    assert after is not None and after.fingerprint != before.fingerprint
    assert after.verify()


def test_a_stale_article_form_cannot_write_an_old_status_back(editor, reviewer):
    """The featured flag saved from a form opened before publication leaves the article live."""
    article = factories.make_article(editor)
    stale = type(article).objects.get(pk=article.pk)
    factories.publish(article, reviewer)
    stale.is_featured = True
    stale.save()
    article.refresh_from_db()
    assert article.is_published() and article.is_featured


def test_the_reviewers_email_links_the_articles_admin_page(settings, editor, reviewer):
    settings.SITE_URL = "https://knowledge.example.com"
    article = factories.make_article(editor)
    services.perform(article, "submit", editor)
    mail = Mail.objects.get(to=reviewer.email)
    assert f"https://knowledge.example.com/admin/blog/article/{article.pk}/change/" in mail.body


def test_in_development_the_email_links_the_address_the_site_is_served_on(
    settings, client, editor, reviewer
):
    """`runserver` on another port than SITE_URL says: the link follows the request's host."""
    settings.DEBUG, settings.SITE_URL = True, "http://127.0.0.1:8000"
    article = factories.make_article(editor)
    client.force_login(editor)
    transition = reverse("admin:blog_article_transition", args=[article.pk, "submit"])
    head = article.head_version

    client.post(
        transition, {"version": head.number, "fingerprint": head.fingerprint},
        HTTP_HOST="localhost:8042",
    )  # fmt: skip

    mail = Mail.objects.get(to=reviewer.email)
    assert f"http://localhost:8042/admin/blog/article/{article.pk}/change/" in mail.body


def test_a_translation_dated_in_the_past_is_created_then(editor, reviewer):
    """A translation started at a given time (an import, the demo's history) says it was
    created then, as its first version and its audit row do, not when the code ran."""
    english = factories.publish(factories.make_article(editor), reviewer)
    factories.make_category("Omurga", language="tr", source=english.category)
    when = timezone.now() - datetime.timedelta(days=30)
    turkish = services.translate(english, "tr", editor, when=when)
    assert turkish.created_at == when
    assert turkish.head_version.created_at == when
    assert services.history(turkish).first().created_at == when
