"""
services.load_live, which the benchmark's data set is made live with, leaves what save_version
and perform's submit, approve and publish leave one by one: the same version, a sign-off bound
to it, the live pointers, the audit record, a page visitors can read.
"""

from django.db import connection

from blog.models import Article, Reference
from faq.models import Entry, Placement
from invamed.review import services
from invamed.review.models import LiveDocument, State, verify_audit_chain
from tests import factories


def written(editor, notice, category, author, slug, entry):
    """A working copy as the admin leaves it, with tags, a reference and an FAQ entry, but no
    version yet."""
    article = Article.objects.create(
        title="What is kyphoplasty?", slug=slug, summary="A short answer.",
        body="<h2>How it is done</h2><p>Through a small incision.</p>", category=category,
        author=author, notice=notice, created_by=editor,
    )  # fmt: skip
    factories.set_tags(article, ["spine care", "osteoporosis"])
    Reference.objects.create(item=article, position=1, citation="Doe J. Spine J. 2020.")
    Placement.objects.create(item=article, entry=entry, position=1)
    return article


def test_load_live_leaves_what_the_transitions_leave(client, editor, reviewer, notices):
    category, author = factories.make_category(), factories.make_author()
    entry = factories.publish(factories.make_entry(editor), reviewer)
    by_hand = written(editor, notices["regulatory"], category, author, "by-hand", entry)
    services.save_version(by_hand, editor)
    by_hand = factories.publish(Article.objects.get(pk=by_hand.pk), reviewer)
    loaded = written(editor, notices["regulatory"], category, author, "loaded", entry)

    [loaded] = services.load_live(Article, [(loaded, editor, reviewer, by_hand.published_at)])

    loaded = Article.objects.get(pk=loaded.pk)
    assert loaded.status == State.PUBLISHED and loaded.is_published()
    version, expected = loaded.live_version, by_hand.live_version
    assert version.number == 1 and version.verify()
    differs = {k for k in expected.content if expected.content[k] != version.content.get(k)}
    assert differs == {"slug"} and version.content.keys() == expected.content.keys()
    assert version.prepared == expected.prepared
    assert sorted(version.tags.names()) == ["osteoporosis", "spine care"]
    signoff = loaded.live_signoff
    assert (signoff.version_number, signoff.fingerprint) == (1, version.fingerprint)
    assert signoff.reviewer == reviewer and signoff.kind == "approval"
    actions = list(
        services.history(loaded).order_by("id").values_list("action", "to_state", "signoff")
    )
    assert actions == [
        ("edit", State.DRAFT, None),
        ("submit", State.IN_REVIEW, None),
        ("approve", State.APPROVED, signoff.pk),
        ("publish", State.PUBLISHED, None),
    ]
    assert verify_audit_chain()[1] is None
    # Search rows are kept on PostgreSQL only (SQLite searches the versions themselves).
    searchable = LiveDocument.objects.filter(item_id=loaded.pk, version_id=version.pk).exists()
    assert searchable == (connection.vendor == "postgresql")
    page = client.get(loaded.get_absolute_url())
    assert page.status_code == 200
    assert b"How it is done" in page.content and entry.question.encode() in page.content


def test_load_live_of_nothing_does_nothing(db):
    assert services.load_live(Entry, []) == []
