"""The admin's front page and item lists: what waits for me, my drafts, badges and filters."""

import datetime

from django.urls import reverse

from invamed.content.models import Notice
from invamed.review import services

from . import factories


def make_notice(writer, name):
    notice = Notice.objects.create(
        kind=Notice.Kind.REGULATORY, name=name, heading=name, text="<p>Text.</p>",
        created_by=writer,
    )  # fmt: skip
    services.save_version(notice, writer)
    return notice


def test_the_front_page_lists_what_awaits_my_review(client, editor, reviewer, second_reviewer):
    """Items of every reviewed kind, except those the reviewer may not sign (four eyes)."""
    waiting = factories.make_memo(editor, title="Cement leakage, explained")
    notice = make_notice(factories.make_user(role="superuser"), "Availability notice")
    mine = factories.make_memo(editor, title="Edited by the reviewer")
    factories.edit(mine, reviewer, body="<p>The reviewer's own change.</p>")
    for item in (waiting, mine):
        services.perform(item, "submit", editor)
    services.perform(notice, "submit", notice.created_by)
    client.force_login(reviewer)

    response = client.get(reverse("admin:index"))

    queue = response.content.decode().split('id="awaiting-my-review"')[1].split("</div>")[0]
    assert "Cement leakage, explained" in queue
    assert "Availability notice" in queue
    assert "Edited by the reviewer" not in queue  # four eyes: someone else signs it
    client.force_login(second_reviewer)
    assert "Edited by the reviewer" in client.get(reverse("admin:index")).content.decode()


def test_the_front_page_lists_my_drafts(client, editor, reviewer):
    factories.make_memo(editor, title="My unfinished memo")
    sent_back = factories.make_memo(editor, title="Sent back to me")
    services.perform(sent_back, "submit", editor)
    services.perform(sent_back, "request_changes", reviewer, comment="Add the sources.")
    factories.make_memo(factories.make_user(role="editor"), title="Someone else's draft")
    client.force_login(editor)

    page = client.get(reverse("admin:index")).content.decode()

    drafts = page.split('id="my-drafts"')[1].split("</div>")[0]
    assert "My unfinished memo" in drafts
    assert "Sent back to me" in drafts and "Changes requested" in drafts
    assert "Someone else&#x27;s draft" not in drafts
    assert "Awaiting my review" not in page  # editors review nothing


def test_the_list_shows_status_badges_and_the_review_filters(
    client, editor, second_reviewer, live_memo
):
    factories.publish(factories.make_memo(editor), second_reviewer)
    factories.make_memo(editor, title="Still a draft")
    client.force_login(editor)

    response = client.get(reverse("admin:testapp_memo_changelist"))

    page = response.content.decode()
    assert 'class="review-badge review-badge--published"' in page
    assert 'class="review-badge review-badge--draft"' in page
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert filters == ["status", "language", "review", "Tags", "reviewer"]


def test_the_overdue_filter_lists_items_due_for_re_review(client, editor, reviewer):
    overdue = factories.make_memo(editor, title="Reviewed long ago")
    long_ago = datetime.datetime(2020, 1, 6, 10, tzinfo=datetime.UTC)
    factories.publish(overdue, reviewer, when=long_ago)
    factories.publish(factories.make_memo(editor, title="Reviewed today"), reviewer)
    client.force_login(reviewer)

    response = client.get(reverse("admin:testapp_memo_changelist") + "?review=overdue")

    assert [memo.title for memo in response.context["cl"].result_list] == ["Reviewed long ago"]


def test_the_reviewer_filter_lists_what_a_reviewer_signed(
    client, editor, reviewer, second_reviewer
):
    factories.publish(factories.make_memo(editor, title="Signed by Deniz"), reviewer)
    factories.publish(factories.make_memo(editor, title="Signed by Selin"), second_reviewer)
    client.force_login(editor)

    url = reverse("admin:testapp_memo_changelist") + f"?live_signoff__reviewer={reviewer.pk}"
    response = client.get(url)

    assert [memo.title for memo in response.context["cl"].result_list] == ["Signed by Deniz"]


def test_what_i_was_asked_to_review_by_name_comes_first(client, editor, reviewer, second_reviewer):
    older = factories.make_memo(editor, title="Asked of anyone")
    services.perform(older, "submit", editor)
    asked = factories.make_memo(editor, title="Asked of Selin")
    services.perform(asked, "submit", editor, reviewer=second_reviewer)
    client.force_login(second_reviewer)

    page = client.get(reverse("admin:index")).content.decode()

    queue = page.split('id="awaiting-my-review"')[1].split("</div>")[0]
    assert queue.index("Asked of Selin") < queue.index("Asked of anyone")
    assert "asked you" in queue.split("Asked of anyone")[0]


def test_the_awaiting_my_review_filter_lists_what_i_may_sign_now(
    client, editor, reviewer, second_reviewer
):
    """The front page's queue as a filter of the list, with the same rule: in review, and not
    written or changed by me (four eyes). Editors, who sign nothing, are not offered it."""
    waiting = factories.make_memo(editor, title="Cement leakage, explained")
    mine = factories.make_memo(editor, title="Edited by the reviewer")
    factories.edit(mine, reviewer, body="<p>The reviewer's own change.</p>")
    for item in (waiting, mine):
        services.perform(item, "submit", editor)
    factories.make_memo(editor, title="Still a draft")
    factories.publish(factories.make_memo(editor, title="Already live"), second_reviewer)
    url = reverse("admin:testapp_memo_changelist")

    client.force_login(reviewer)
    response = client.get(url + "?review=awaiting_me")

    assert [memo.title for memo in response.context["cl"].result_list] == [waiting.title]
    assert "Awaiting my review" in client.get(url).content.decode()
    client.force_login(second_reviewer)
    response = client.get(url + "?review=awaiting_me")
    titles = {memo.title for memo in response.context["cl"].result_list}
    assert titles == {waiting.title, mine.title}
    client.force_login(editor)
    assert "Awaiting my review" not in client.get(url).content.decode()
