"""
A signature binds exactly what the reviewer saw, and visitors see exactly what was signed.

Each test below is a way that promise used to break (a careless editor, an attacker with a
database shell), now closed: an approval tied to the version on the reviewer's screen, an edit
during review that takes the item out of review, columns checked against the signed snapshot, a
schedule only a reviewer sets, a signature password throttled like the login, the address and
the FAQ placements inside the version, old addresses that redirect, and notices signed off like
the articles they stand on.
"""

import re

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from blog.models import Article, ArticleVersion, Reference
from faq.models import Entry, FAQCategory, Placement
from invamed.content.models import Notice, Tag
from invamed.review import services
from invamed.review.models import State, verify_live_versions
from tests import factories
from tests.factories import PASSWORD
from tests.review.test_admin_changeform import change_form_data

pytestmark = pytest.mark.django_db


def admin_url(item, name, *args):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[item.pk, *args])


def messages(response):
    return [str(message) for message in response.context["messages"]]


# An approval is tied to the version the reviewer looked at.


def test_an_approval_opened_on_one_version_is_refused_once_another_was_saved(
    client, editor, reviewer
):
    """The reviewer opens version 1; the editor saves version 2 with an added sentence; the
    reviewer's form, opened on version 1, used to sign version 2 and let it go live."""
    article = factories.make_article(editor, body="<p>Cement volume matters.</p>")
    services.perform(article, "submit", editor)
    client.force_login(reviewer)
    seen_form = factories.transition_data(article, "approve", password=PASSWORD)
    factories.edit(article, editor, body="<p>Cement volume matters. Use as much as fits.</p>")
    article.refresh_from_db()
    services.perform(article, "submit", editor)  # the editor sends version 2 back in

    response = client.post(admin_url(article, "transition", "approve"), seen_form, follow=True)

    article.refresh_from_db()
    assert article.status == State.IN_REVIEW
    assert not factories.signoffs(article).exists()
    (message,) = messages(response)
    assert "you saw version 1, and version 2 is the one now" in message
    diff = admin_url(article, "diff", 2) + "?against=1"
    assert f'href="{diff}"' in response.content.decode()
    assert "Use as much as fits." in client.get(diff).content.decode()


def test_a_form_without_the_version_it_was_opened_on_signs_nothing(client, editor, reviewer):
    article = factories.make_article(editor)
    services.perform(article, "submit", editor)
    client.force_login(reviewer)
    client.post(admin_url(article, "transition", "approve"), {"password": PASSWORD})
    assert not factories.signoffs(article).exists()


def test_saving_during_review_takes_the_item_out_of_review(editor, reviewer):
    """Nobody's approval may cover text they did not see: the save is recorded as such."""
    article = factories.make_article(editor)
    services.perform(article, "submit", editor)
    factories.edit(article, editor, summary="A change made while it was in review.")
    article.refresh_from_db()
    assert article.status == State.DRAFT
    event = services.history(article).first()
    assert (event.action, event.from_state, event.to_state) == ("edit", "in_review", "draft")
    with pytest.raises(services.TransitionRefused):
        services.perform(article, "approve", reviewer, password=PASSWORD)


# What is rendered is what is fingerprinted.


def tamper(version, change):
    """Change the stored rows of `version` behind the application's back."""
    if change == "title":
        ArticleVersion.objects.filter(pk=version.pk).update(title="Changed by SQL")
    elif change == "slug":
        ArticleVersion.objects.filter(pk=version.pk).update(slug="changed-by-sql")
    elif change == "body":
        ArticleVersion.objects.filter(pk=version.pk).update(body="<p>Changed by SQL.</p>")
    elif change == "category":
        other = factories.make_category("Another")
        ArticleVersion.objects.filter(pk=version.pk).update(category=other)
    elif change == "tags":
        version.tags.add(Tag.objects.create(name="added by sql"))
    elif change == "references":
        Reference.objects.filter(version=version).update(url="https://example.com/fake")
    elif change == "placements":
        Placement.objects.filter(version=version).delete()
    elif change == "prepared":
        prepared = {**version.prepared}
        prepared["body"] = {**prepared["body"], "html": "<p>Injected.</p>"}
        ArticleVersion.objects.filter(pk=version.pk).update(prepared=prepared)
    elif change == "content":
        content = {**version.content, "summary": "A different signed summary."}
        ArticleVersion.objects.filter(pk=version.pk).update(content=content)


CHANGES = [
    "title", "slug", "body", "category", "tags", "references", "placements", "prepared", "content",
]  # fmt: skip


@pytest.mark.parametrize("change", CHANGES)
def test_a_live_version_changed_behind_the_applications_back_is_found(
    editor, reviewer, notices, change
):
    """Pages render the version's columns and prepared HTML; verify() used to check the JSON
    snapshot only, so a changed column changed the public page while everything said intact."""
    article = factories.make_article(
        editor, tags=["spine care"], notice=notices["regulatory"],
        references=[("Doe J. A study. 2020.", "https://doi.org/10.1/a")],
    )  # fmt: skip
    entry = factories.publish(factories.make_entry(editor), reviewer)
    factories.place(entry, article, editor)
    article = factories.publish(Article.objects.get(pk=article.pk), reviewer)
    version = article.live_version
    assert version.verify() and verify_live_versions() == []
    call_command("verify_audit_chain", stdout=open("/dev/null", "w"))

    tamper(version, change)

    version = ArticleVersion.objects.get(pk=version.pk)
    assert not version.verify()
    ((label, pk, number, fields),) = verify_live_versions()
    assert (label, pk, number) == ("blog.Article", article.pk, version.number)
    expected = {"content": ["content"], "placements": ["faq_entries"]}.get(change, [change])
    assert fields == expected
    with pytest.raises(CommandError, match=f"blog.Article {article.pk}, live version"):
        call_command("verify_audit_chain", stdout=open("/dev/null", "w"))


# The schedule is a reviewer's decision.


def test_an_editor_cannot_move_or_clear_a_reviewers_schedule(client, editor, reviewer):
    """ "Publish at" was a field of the editor's form: clearing it on a scheduled item and
    saving made the scheduler publish it at once."""
    article = factories.make_article(editor)
    factories.approve(article, reviewer)
    later = timezone.now() + timezone.timedelta(days=5)
    services.perform(article, "schedule", reviewer, publish_at=later)
    client.force_login(editor)
    url = admin_url(article, "change")
    data = change_form_data(client, url, "article_form", publish_at_0="", publish_at_1="")
    assert "publish_at" not in client.get(url).context["adminform"].form.fields
    client.post(url, data)
    article.refresh_from_db()
    assert article.publish_at == later and article.status == State.SCHEDULED
    call_command("run_scheduler", stdout=open("/dev/null", "w"))
    article.refresh_from_db()
    assert not article.is_published()


def test_an_edit_of_a_scheduled_item_cancels_its_schedule(editor, reviewer):
    article = factories.make_article(editor)
    factories.approve(article, reviewer)
    services.perform(
        article, "schedule", reviewer, publish_at=timezone.now() + timezone.timedelta(days=2)
    )
    factories.edit(article, editor, title="Changed after approval")
    article.refresh_from_db()
    assert article.status == State.DRAFT and article.publish_at is None


# The signature password is throttled like the login.


def test_five_wrong_signature_passwords_lock_signing_and_the_page_says_why(
    client, editor, reviewer
):
    article = factories.make_article(editor)
    services.perform(article, "submit", editor)
    client.force_login(reviewer)
    url = admin_url(article, "transition", "approve")
    for _attempt in range(5):
        response = client.post(url, factories.transition_data(article, "approve", password="no"))
    assert AccessAttempt.objects.filter(username=reviewer.username).exists()

    right = factories.transition_data(article, "approve", password=PASSWORD)
    response = client.post(url, right)

    assert response.status_code == 429
    assert "when signing a review. Try again in 15 minutes" in response.content.decode()
    assert not factories.signoffs(article).exists()
    login = client.post(
        reverse("admin:login"), {"username": reviewer.username, "password": PASSWORD}
    )
    assert login.status_code == 429  # the same lock as the login's


# The address and the FAQ placements are signed; every address an item had redirects.


def test_a_new_address_takes_effect_with_its_version_and_the_old_one_redirects(
    client, editor, reviewer, second_reviewer, django_assert_num_queries
):
    article = factories.publish(factories.make_article(editor, slug="first-address"), reviewer)
    first = article.get_absolute_url()
    factories.edit(article, editor, slug="second-address")
    assert client.get(first).status_code == 200  # the live version keeps its address
    assert client.get(reverse("blog:article", args=["second-address"])).status_code == 404
    factories.publish(Article.objects.get(pk=article.pk), second_reviewer)
    factories.edit(Article.objects.get(pk=article.pk), editor, slug="third-address")
    factories.publish(Article.objects.get(pk=article.pk), reviewer)
    current = reverse("blog:article", args=["third-address"])
    for old in (first, reverse("blog:article", args=["second-address"])):
        with django_assert_num_queries(1):
            response = client.get(old)
        assert response.status_code == 301 and response["Location"] == current  # no chain
    assert client.get(current).status_code == 200


def test_a_slug_that_was_only_a_draft_is_no_address(client, editor, reviewer):
    article = factories.publish(factories.make_article(editor, slug="published"), reviewer)
    factories.edit(article, editor, slug="never-published")
    factories.edit(Article.objects.get(pk=article.pk), editor, slug="published")
    assert client.get(reverse("blog:article", args=["never-published"])).status_code == 404


def test_another_item_cannot_take_an_address_an_item_has_or_had(client, editor, reviewer):
    factories.publish(factories.make_article(editor, slug="taken-address"), reviewer)
    client.force_login(editor)
    url = reverse("admin:blog_article_add")
    data = change_form_data(client, url, "article_form", title="Another", slug="taken-address",
                            summary="S.", body="<p>B.</p>",
                            category=factories.make_category().pk,
                            author=factories.make_author().pk)  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Another item has or had this address" in response.content.decode()
    assert Article.objects.filter(title="Another").count() == 0


def test_entries_categories_and_profiles_redirect_from_every_old_address(client, editor, reviewer):
    entry = factories.publish(factories.make_entry(editor, slug="old-question"), reviewer)
    factories.edit(entry, editor, slug="new-question")
    factories.publish(Entry.objects.get(pk=entry.pk), factories.make_reviewer(name="Dr Ana Bel"))
    response = client.get(reverse("faq:entry", args=["old-question"]))
    assert response.status_code == 301
    assert response["Location"] == reverse("faq:entry", args=["new-question"])

    category = factories.make_category("Spine", slug="spine")
    factories.publish(factories.make_article(editor, category=category), reviewer)
    category.slug = "spine-care"
    category.save()
    response = client.get(reverse("blog:category", args=["spine"]))
    assert (response.status_code, response["Location"]) == (301, category.get_absolute_url())

    faq_category = FAQCategory.objects.get(pk=entry.category_id)
    old = faq_category.get_absolute_url()
    faq_category.slug = "renamed"
    faq_category.save()
    assert client.get(old).status_code == 301

    profile = reviewer.reviewer_profile
    old = profile.get_absolute_url()
    profile.slug = "dr-deniz-aksoy-md"
    profile.save()
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, profile.get_absolute_url())


def test_faq_placements_are_part_of_the_articles_signed_version(client, editor, reviewer):
    """Adding or reordering the FAQ entries on a live article used to change its page at once,
    with no version, no review and no audit row."""
    article = factories.publish(factories.make_article(editor), reviewer)
    first = factories.publish(factories.make_entry(editor, question="First question?"), reviewer)
    second = factories.publish(factories.make_entry(editor, question="Second question?"), reviewer)
    Placement.objects.create(item=article, entry=second, position=1)
    Placement.objects.create(item=article, entry=first, position=2)
    article.lock_version += 1
    article.save()
    version = services.save_version(article, editor)

    assert version.content["faq_entries"] == [{"entry": second.pk}, {"entry": first.pk}]
    assert "Second question?" not in client.get(article.get_absolute_url()).content.decode()
    factories.publish(Article.objects.get(pk=article.pk), factories.make_reviewer(name="Dr X Y"))
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index("Second question?") < page.index("First question?")


# Notices and site pages are signed off like the articles they stand on.


def test_a_notice_change_reaches_pages_only_after_its_regulatory_sign_off(
    client, live_article, notices, reviewer, second_reviewer
):
    notice = Notice.objects.get(pk=notices["regulatory"].pk)
    site_admin = factories.make_user(role="site_admin")
    factories.edit(notice, site_admin, text="<p>Availability differs from country to country.</p>")
    page = client.get(live_article.get_absolute_url()).content.decode()
    assert "Availability differs" not in page
    notice = factories.publish(Notice.objects.get(pk=notice.pk), second_reviewer)
    page = client.get(live_article.get_absolute_url()).content.decode()
    assert "Availability differs" in page
    assert notice.live_signoff.meaning == "Regulatory review: approved for publication"


def test_a_site_administrator_cannot_sign_the_notice_they_wrote(notices):
    site_admin = factories.make_user(role="site_admin")
    notice = factories.make_notice(default=False, live=False)
    factories.edit(notice, site_admin, heading="Changed")
    services.perform(notice, "submit", site_admin)
    with pytest.raises(services.TransitionRefused, match="Only a reviewer"):
        services.perform(notice, "approve", site_admin, password=PASSWORD)


def test_the_disclaimer_and_the_policy_show_only_their_live_versions(client, live_article):
    policy = factories.make_site_page(title="How we work", body="<p>Signed policy.</p>")
    factories.edit(policy, factories.make_user(role="site_admin"), body="<p>Unsigned draft.</p>")
    page = client.get(reverse("editorial-policy")).content.decode()
    assert "Signed policy." in page and "Unsigned draft." not in page
    block = re.search(r'<section class="signoff".*?</section>', page, re.S).group(0)
    assert "Regulatory review by:" in block
