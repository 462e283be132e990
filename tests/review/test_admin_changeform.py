"""The change forms of articles and FAQ entries: what their admins add to the review app's
(the references inline, the default notice). The generic change form is tested on the review
app's own test model, in tests/review_app/test_admin_changeform.py."""

import re

from django.urls import reverse

from blog.models import Article
from faq.models import Entry
from tests import factories
from tests.admin_forms import change_form_data, change_url, save_in_admin


def test_an_edit_in_the_admin_keeps_a_new_version_with_its_references(client, editor):
    article = factories.make_article(editor, references=[("Old citation.", "")])
    client.force_login(editor)
    changes = {"summary": "A sharper summary.", "references-0-citation": "New citation."}

    assert saved_citations(client, article, **changes) == ["New citation."]
    assert article.head_version.number == 2
    assert article.head_version.content["summary"] == "A sharper summary."


def test_adding_an_article_in_the_admin_keeps_version_one(client, editor, notices):
    category, author = factories.make_category(), factories.make_author()
    client.force_login(editor)
    add_url = reverse("admin:blog_article_add")
    data = change_form_data(
        client, add_url, "article_form",
        title="Bone cement, explained", slug="bone-cement-explained",
        summary="What the cement does and why it sets.", body="<p>It sets in minutes.</p>",
        category=str(category.pk), author=str(author.pk), tags="\"spine care\", kyphoplasty",
    )  # fmt: skip

    assert client.post(add_url, data).status_code == 302

    article = Article.objects.get(slug="bone-cement-explained")
    assert article.created_by == editor
    assert article.notice == notices["regulatory"]  # the default is offered on the add form
    assert article.head_version.content["tags"] == ["kyphoplasty", "spine care"]


def test_faq_entry_change_form_is_guarded_the_same_way(client, editor):
    entry = factories.make_entry(editor)
    client.force_login(editor)
    url = change_url(entry)
    data = change_form_data(client, url, "entry_form", answer="<p>A new answer.</p>")
    factories.edit(entry, editor, question="Changed elsewhere?")

    assert client.post(url, data).status_code == 200
    assert Entry.objects.get(pk=entry.pk).answer != "<p>A new answer.</p>"


def tag_suggestions(client, url):
    """The tag names the tag box offers (its datalist), as the browser reads them."""
    html = client.get(url).content.decode()
    input_tag = re.search(r'<input[^>]*name="tags"[^>]*>', html).group(0)
    list_id = re.search(r'list="([^"]+)"', input_tag).group(1)
    datalist = re.search(rf'<datalist id="{list_id}">(.*?)</datalist>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', datalist)


def test_the_tag_box_suggests_the_existing_tags_of_the_items_language(client, editor):
    factories.make_article(editor, tags=["spine care", "kyphoplasty"])
    factories.make_article(editor, language="tr", tags=["omurga sağlığı"])
    article = factories.make_article(editor)
    entry = factories.make_entry(editor, tags=["pain relief"])
    client.force_login(editor)

    assert tag_suggestions(client, change_url(article)) == [
        "kyphoplasty",
        "pain relief",
        "spine care",
    ]
    assert "spine care" in tag_suggestions(client, change_url(entry))
    assert tag_suggestions(client, reverse("admin:blog_article_add") + "?language=tr") == [
        "omurga sağlığı"
    ]


def saved_citations(client, article, **changes):
    head = save_in_admin(client, article, **changes)
    return [row["citation"] for row in head.content["references"]]


def test_references_are_numbered_in_the_order_of_their_rows_when_positions_are_blank(
    client, editor
):
    article = factories.make_article(editor, references=[("First.", ""), ("Second.", "")])
    client.force_login(editor)

    # A new row with no position goes last; blanked positions keep the rows where they stand.
    assert saved_citations(
        client, article,
        **{"references-0-position": "", "references-1-position": "",
           "references-2-citation": "Third.", "references-2-position": ""},
    ) == ["First.", "Second.", "Third."]  # fmt: skip
    assert list(article.references.values_list("position", flat=True)) == [1, 2, 3]


def test_a_typed_position_moves_a_reference_and_the_others_follow(client, editor):
    article = factories.make_article(
        editor, references=[("First.", ""), ("Second.", ""), ("Third.", "")]
    )
    client.force_login(editor)

    # Only the moved row changes; the untouched rows are renumbered around it.
    assert saved_citations(client, article, **{"references-2-position": "1"}) == [
        "Third.", "First.", "Second.",
    ]  # fmt: skip
    assert list(article.references.values_list("citation", "position")) == [
        ("Third.", 1), ("First.", 2), ("Second.", 3),
    ]  # fmt: skip
