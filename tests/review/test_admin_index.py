"""The article and FAQ entry lists in the admin: their filters and search. The front page's review
lists are tested on the review app's own test model (tests/review_app/test_admin_index.py)."""

from django.urls import reverse

from tests import factories


def test_the_article_list_adds_translation_category_and_author_to_the_review_filters(
    client, editor, second_reviewer, live_article
):
    """The status badges and the review filters are the review app's (tested on its memo). A
    filter shows when it has two choices: a second article, with its own category, author and
    reviewer."""
    factories.publish(factories.make_article(editor), second_reviewer)
    client.force_login(editor)

    response = client.get(reverse("admin:blog_article_changelist"))

    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert filters == [
        "status",
        "language",
        "translation",
        "review",
        "category",
        "Tags",
        "author",
        "reviewer",
    ]


def test_faq_entries_are_searchable_and_filterable(client, editor, reviewer):
    factories.publish(factories.make_entry(editor, question="How long does it take?"), reviewer)
    factories.make_entry(editor, question="Is it painful?")
    client.force_login(editor)

    response = client.get(reverse("admin:faq_entry_changelist") + "?q=long&status=published")

    assert [e.question for e in response.context["cl"].result_list] == ["How long does it take?"]


def test_the_admin_is_branded_as_the_editorial_desk_in_both_languages(client, editor):
    client.force_login(editor)

    english = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    turkish = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="tr").content.decode()

    assert "INVAMED editorial" in english and "Django administration" not in english
    assert "INVAMED yayın masası" in turkish


def test_the_article_search_covers_the_body(client, editor):
    factories.make_article(editor, title="Cement", body="<p>Leakage is usually silent.</p>")
    factories.make_article(editor, title="Balloon")
    client.force_login(editor)

    response = client.get(reverse("admin:blog_article_changelist") + "?q=usually+silent")

    assert [a.title for a in response.context["cl"].result_list] == ["Cement"]
