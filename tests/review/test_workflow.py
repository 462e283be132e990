"""
The review workflow's behaviour below the admin: four eyes, signatures, comments, versions and
their fingerprints, editing live content, withdrawal and the e-mails.
"""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from blog.models import Reference
from invamed.outbox.models import Mail
from invamed.review import services
from invamed.review.models import SignOff, State, fingerprint
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def submitted(item):
    item.refresh_from_db()
    services.perform(item, "submit", item.head_version.created_by)
    item.refresh_from_db()
    return item


def refused(item, name, user, **kw):
    """The refusal message of a transition that must not happen; nothing moves."""
    status = type(item).objects.get(pk=item.pk).status
    with pytest.raises(services.TransitionRefused) as caught:
        services.perform(item, name, user, **kw)
    assert type(item).objects.get(pk=item.pk).status == status
    return str(caught.value)


def html(client, item):
    response = client.get(item.get_absolute_url())
    return response.status_code, response.content.decode()


# Four eyes ------------------------------------------------------------------------------------


def test_author_cannot_approve_own_article_even_as_reviewer(reviewer):
    article = submitted(factories.make_article(reviewer))
    message = refused(article, "approve", reviewer, password=PASSWORD)
    assert "Four eyes" in message


def test_reviewer_who_edited_the_version_cannot_approve_it(editor, reviewer):
    article = factories.make_article(editor)
    factories.edit(article, reviewer, body="<p>A reviewer's fix.</p>")
    article = submitted(article)
    assert "Four eyes" in refused(article, "approve", reviewer, password=PASSWORD)


def test_superuser_who_edited_the_version_cannot_approve_it(editor, superuser):
    article = factories.make_article(editor)
    factories.edit(article, superuser, summary="Changed by the administrator.")
    article = submitted(article)
    assert "Four eyes" in refused(article, "approve", superuser, password=PASSWORD)


def test_another_reviewer_can_approve(editor, reviewer, second_reviewer):
    article = factories.make_article(editor)
    factories.edit(article, reviewer, body="<p>A reviewer's fix.</p>")
    article = submitted(article)
    article = services.perform(article, "approve", second_reviewer, password=PASSWORD)
    assert article.status == State.APPROVED


def test_an_edit_before_the_last_approval_does_not_bar_the_next_approval(
    editor, reviewer, second_reviewer
):
    """Four eyes looks at changes since the last approval, not at the whole history."""
    article = factories.make_article(reviewer)
    factories.publish(article, second_reviewer)
    article.refresh_from_db()
    factories.edit(article, editor, title="A later correction by the editor")
    article = submitted(article)
    assert services.perform(article, "approve", reviewer, password=PASSWORD).status == "approved"


# Signatures and comments ----------------------------------------------------------------------


@pytest.mark.parametrize("password", [None, "", "not my password"])
def test_approve_needs_the_signers_own_password(editor, reviewer, password):
    article = submitted(factories.make_article(editor))
    assert "password" in refused(article, "approve", reviewer, password=password)
    assert not SignOff.objects.exists()


@pytest.mark.parametrize("password", [None, "not my password"])
def test_reconfirm_needs_the_signers_own_password(live_article, second_reviewer, password):
    assert "password" in refused(live_article, "reconfirm", second_reviewer, password=password)


def test_another_users_password_does_not_sign(editor, reviewer, second_reviewer):
    second_reviewer.set_password("a different secret")
    second_reviewer.save()
    article = submitted(factories.make_article(editor))
    refused(article, "approve", second_reviewer, password=PASSWORD)


@pytest.mark.parametrize("comment", ["", "   \n"])
def test_request_changes_needs_a_comment(editor, reviewer, comment):
    article = submitted(factories.make_article(editor))
    assert "comment" in refused(article, "request_changes", reviewer, comment=comment)


def test_request_changes_keeps_the_comment_for_the_editor(editor, reviewer):
    article = submitted(factories.make_article(editor))
    services.perform(article, "request_changes", reviewer, comment="  Cite the 2021 trial.  ")
    event = services.history(article).first()
    assert (event.action, event.comment) == ("request_changes", "Cite the 2021 trial.")


def test_withdraw_needs_a_comment(live_article, reviewer):
    assert "comment" in refused(live_article, "withdraw", reviewer, comment="")


# Fingerprint ----------------------------------------------------------------------------------


def test_same_content_has_the_same_fingerprint(editor):
    """Two articles that differ only in their address and the order tags were typed in."""
    one = factories.make_article(editor, title="Same", tags=["b", "a"], references=[("R", "")])
    two = factories.make_article(editor, title="Same", tags=["a", "b"], references=[("R", "")])
    two.summary, two.body = one.summary, one.body
    two.category, two.author = one.category, one.author
    two.save()
    services.save_version(two, editor)
    same_address = {**two.head_version.content, "slug": one.slug}
    assert one.head_version.fingerprint == fingerprint(same_address)


@pytest.mark.parametrize(
    "change",
    ["title", "body", "tags", "reference text", "reference link", "new reference"],
)
def test_any_content_change_changes_the_fingerprint(editor, change):
    article = factories.make_article(
        editor, tags=["spine care"], references=[("Doe J. 2020.", "https://doi.org/10.1/a")]
    )
    before = article.head_version
    reference = article.references.get()
    if change == "title":
        article.title = "Another title"
        article.save()
    elif change == "body":
        article.body = "<p>Another body.</p>"
        article.save()
    elif change == "tags":
        article.tags.add("osteoporosis")
    elif change == "reference text":
        Reference.objects.filter(pk=reference.pk).update(citation="Doe J. 2021.")
    elif change == "reference link":
        Reference.objects.filter(pk=reference.pk).update(url="https://doi.org/10.1/b")
    elif change == "new reference":
        Reference.objects.create(item=article, position=2, citation="Roe R. 2019.")
    after = services.save_version(article, editor)
    assert after is not None and after.number == before.number + 1
    assert after.fingerprint != before.fingerprint


def test_version_verify_detects_tampered_content(live_article):
    version = live_article.live_version
    assert version.verify()
    content = dict(version.content, body="<p>Edited in the database.</p>")
    type(version).objects.filter(pk=version.pk).update(content=content)
    version.refresh_from_db()
    assert not version.verify()


def test_a_saved_version_cannot_be_changed(live_article):
    version = live_article.live_version
    version.title = "Changed"
    with pytest.raises(ValidationError):
        version.save()


# Saving and editing ---------------------------------------------------------------------------


def test_saving_without_changes_creates_no_version_and_resets_nothing(live_article, editor):
    versions = live_article.versions.count()
    events = services.history(live_article).count()
    assert factories.edit(live_article, editor) is None
    live_article.refresh_from_db()
    assert live_article.status == State.PUBLISHED
    assert live_article.versions.count() == versions
    assert services.history(live_article).count() == events


def test_a_stale_instance_cannot_write_an_old_status_back(editor, reviewer):
    """An admin form loaded before a transition, saved after it, leaves the transition alone."""
    article = factories.make_article(editor)
    stale = type(article).objects.get(pk=article.pk)
    factories.publish(article, reviewer)
    stale.is_featured = True
    stale.save()
    article.refresh_from_db()
    assert article.status == State.PUBLISHED and article.is_published()
    assert article.is_featured


def test_editing_a_live_article_keeps_visitors_on_the_approved_text(
    client, live_article, editor, second_reviewer
):
    live = live_article.live_version
    factories.edit(live_article, editor, title="A revised title", body="<p>Revised text.</p>")
    live_article.refresh_from_db()
    assert live_article.status == State.DRAFT
    assert live_article.live_version == live
    assert live_article.has_unpublished_changes

    status, page = html(client, live_article)
    assert status == 200 and live.title in page and "Revised text." not in page

    factories.approve(live_article, second_reviewer)
    status, page = html(client, live_article)
    assert "Revised text." not in page, "approved but not yet published"

    services.perform(live_article, "publish", second_reviewer)
    status, page = html(client, live_article)
    assert "A revised title" in page and "Revised text." in page


def test_changing_a_reference_after_approval_needs_a_new_review(live_article, editor, reviewer):
    """References are reviewed content: a changed citation is a new, unsigned version."""
    approved = live_article.live_version
    factories.edit(live_article, editor, title=live_article.title)  # no change: nothing happens
    live_article.references.update(citation="Doe J. A different study. 2023.")
    new = services.save_version(live_article, editor)
    live_article.refresh_from_db()
    assert new is not None and new.fingerprint != approved.fingerprint
    assert live_article.status == State.DRAFT
    assert "cannot be done while the item is draft" in refused(live_article, "publish", reviewer)
    assert live_article.live_version == approved


def test_an_edit_after_approval_sends_the_item_back_to_draft(editor, reviewer):
    article = factories.make_article(editor)
    factories.approve(article, reviewer)
    factories.edit(article, editor, body="<p>Late change.</p>")
    article.refresh_from_db()
    assert article.status == State.DRAFT
    refused(article, "publish", reviewer)


# Withdrawal -----------------------------------------------------------------------------------


def test_withdraw_takes_the_page_down_at_once_and_it_can_be_resubmitted(
    client, live_article, editor, second_reviewer
):
    services.perform(live_article, "withdraw", second_reviewer, comment="Guidance changed.")
    live_article.refresh_from_db()
    assert client.get(live_article.get_absolute_url()).status_code == 404
    assert live_article.status == State.WITHDRAWN and live_article.live_signoff is None

    # The same version goes through review again before it can return.
    services.perform(live_article, "submit", editor)
    services.perform(live_article, "approve", second_reviewer, password=PASSWORD)
    services.perform(live_article, "publish", second_reviewer)
    assert client.get(live_article.get_absolute_url()).status_code == 200


def test_withdraw_a_scheduled_item_that_was_never_live(client, editor, reviewer):
    article = factories.make_article(editor)
    factories.approve(article, reviewer)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    services.perform(article, "schedule", reviewer, publish_at=tomorrow)
    services.perform(article, "withdraw", reviewer, comment="Not yet.")
    article.refresh_from_db()
    assert article.status == State.WITHDRAWN and not article.is_published()
    assert article.first_published_at is None
    assert client.get(article.get_absolute_url()).status_code == 404
    assert services.perform(article, "submit", editor).status == State.IN_REVIEW


# E-mails --------------------------------------------------------------------------------------
# Queued in the transition's transaction (the outbox), sent by the scheduler's next run.


def queued_by(action):
    """The e-mails that `action()` queued."""
    before = list(Mail.objects.values_list("pk", flat=True))
    action()
    return list(Mail.objects.exclude(pk__in=before).order_by("to"))


def recipients(mails):
    return [queued.to for queued in mails]


def test_reviewers_are_told_when_an_item_is_submitted(
    settings, editor, reviewer, second_reviewer, superuser
):
    settings.SITE_URL = "https://knowledge.example.com/"
    article = factories.make_article(editor)
    mails = queued_by(lambda: services.perform(article, "submit", editor))
    assert recipients(mails) == sorted([reviewer.email, second_reviewer.email, superuser.email])
    assert mails[0].subject == f"Awaiting your review: {article.title}"
    link = f"https://knowledge.example.com/admin/blog/article/{article.pk}/change/"
    assert link in mails[0].body

    Mail.objects.send_due()
    assert sorted(message.to[0] for message in mail.outbox) == recipients(mails)
    assert link in mail.outbox[0].body


def test_a_reviewer_who_submits_is_not_mailed_about_it(reviewer, second_reviewer):
    article = factories.make_article(reviewer)
    mails = queued_by(lambda: services.perform(article, "submit", reviewer))
    assert recipients(mails) == [second_reviewer.email]


def test_the_author_is_told_when_approved(editor, reviewer):
    article = submitted(factories.make_article(editor))
    mails = queued_by(
        lambda: services.perform(article, "approve", reviewer, password=PASSWORD, comment="Clear.")
    )
    assert recipients(mails) == [editor.email]
    assert "approved" in mails[0].subject


def test_the_author_is_told_when_sent_back_with_the_comment(editor, reviewer):
    article = submitted(factories.make_article(editor))
    mails = queued_by(
        lambda: services.perform(article, "request_changes", reviewer, comment="Add the dosage.")
    )
    assert recipients(mails) == [editor.email]
    assert "Add the dosage." in mails[0].body


def test_the_actor_is_never_mailed_about_their_own_action(editor, reviewer, second_reviewer):
    """A reviewer who edited a draft is one of its authors, but not told of their own verdict."""
    article = factories.make_article(editor)
    factories.edit(article, second_reviewer, summary="Tightened by a reviewer.")
    article = submitted(article)
    mails = queued_by(
        lambda: services.perform(article, "request_changes", reviewer, comment="One more source.")
    )
    assert recipients(mails) == sorted([editor.email, second_reviewer.email])
    article = factories.make_article(reviewer)
    factories.edit(article, editor, summary="Edited by the editor.")
    services.perform(article, "submit", editor)
    mails = queued_by(
        lambda: services.perform(article, "request_changes", reviewer, comment="Shorter, please.")
    )
    assert recipients(mails) == [editor.email]


def test_publishing_and_withdrawing_send_no_mail(live_article, second_reviewer):
    mails = queued_by(
        lambda: services.perform(live_article, "withdraw", second_reviewer, comment="Outdated.")
    )
    assert mails == []


def test_the_mail_is_queued_with_the_transition_and_rolled_back_with_it(editor, reviewer):
    """No mail for a transition that did not happen; a recorded one never waits for a commit."""
    article = factories.make_article(editor)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.perform(article, "submit", editor)
        assert Mail.objects.filter(to=reviewer.email).exists(), "queued before any commit"
        raise RuntimeError("the request failed after the transition")
    article.refresh_from_db()
    assert article.status == State.DRAFT
    assert not Mail.objects.exists()


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
