"""The admin's front page and item lists: what waits for me, my drafts, badges and filters."""

import datetime

from django.urls import reverse

from invamed.review import services
from tests import factories


def test_the_front_page_lists_what_awaits_my_review(client, editor, reviewer, second_reviewer):
    waiting = factories.make_article(editor, title="Cement leakage, explained")
    entry = factories.make_entry(editor, question="Does it hurt?")
    mine = factories.make_article(editor, title="Edited by the reviewer")
    factories.edit(mine, reviewer, summary="The reviewer's own change.")
    for item in (waiting, entry, mine):
        services.perform(item, "submit", editor)
    client.force_login(reviewer)

    response = client.get(reverse("admin:index"))

    queue = response.content.decode().split('id="awaiting-my-review"')[1].split("</div>")[0]
    assert "Cement leakage, explained" in queue
    assert "Does it hurt?" in queue
    assert "Edited by the reviewer" not in queue  # four eyes: someone else signs it
    client.force_login(second_reviewer)
    assert "Edited by the reviewer" in client.get(reverse("admin:index")).content.decode()


def test_the_front_page_lists_my_drafts(client, editor, reviewer):
    factories.make_article(editor, title="My unfinished article")
    factories.make_entry(editor, question="My unfinished question?")
    sent_back = factories.make_article(editor, title="Sent back to me")
    services.perform(sent_back, "submit", editor)
    services.perform(sent_back, "request_changes", reviewer, comment="Add the references.")
    factories.make_article(factories.make_user(role="editor"), title="Someone else's draft")
    client.force_login(editor)

    page = client.get(reverse("admin:index")).content.decode()

    drafts = page.split('id="my-drafts"')[1].split("</div>")[0]
    assert "My unfinished article" in drafts
    assert "My unfinished question?" in drafts
    assert "Sent back to me" in drafts and "Changes requested" in drafts
    assert "Someone else&#x27;s draft" not in drafts
    assert "Awaiting my review" not in page  # editors review nothing


def test_the_article_list_shows_status_badges_and_filters(
    client, editor, second_reviewer, live_article
):
    factories.publish(factories.make_article(editor), second_reviewer)
    factories.make_article(editor, title="Still a draft")
    client.force_login(editor)

    response = client.get(reverse("admin:blog_article_changelist"))

    page = response.content.decode()
    assert 'class="review-badge review-badge--published"' in page
    assert 'class="review-badge review-badge--draft"' in page
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert filters == ["status", "language", "review", "category", "Tags", "author", "reviewer"]


def test_the_overdue_filter_lists_items_due_for_re_review(client, editor, reviewer):
    overdue = factories.make_article(editor, title="Reviewed long ago")
    long_ago = datetime.datetime(2020, 1, 6, 10, tzinfo=datetime.UTC)
    factories.publish(overdue, reviewer, when=long_ago)
    factories.publish(factories.make_article(editor, title="Reviewed today"), reviewer)
    client.force_login(reviewer)

    response = client.get(reverse("admin:blog_article_changelist") + "?review=overdue")

    assert [a.title for a in response.context["cl"].result_list] == ["Reviewed long ago"]


def test_faq_entries_are_searchable_and_filterable(client, editor, reviewer):
    factories.publish(factories.make_entry(editor, question="How long does it take?"), reviewer)
    factories.make_entry(editor, question="Is it painful?")
    client.force_login(editor)

    response = client.get(reverse("admin:faq_entry_changelist") + "?q=long&status=published")

    assert [e.question for e in response.context["cl"].result_list] == ["How long does it take?"]
