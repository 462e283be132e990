"""The item's change form in the admin: versions on save, and two people editing at once."""

from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse

from blog.models import Article
from faq.models import Entry
from tests import factories


class _FormParser(HTMLParser):
    """Collects what a browser would submit from the form with id `form_id`."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self.textarea = self.select = None
        self.options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append(
                (name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
            )
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select, self.options = name, []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self.data.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select:
            chosen = [v for v, selected in self.options if selected]
            self.data += [(self.select, v) for v in chosen]
            self.select = None


def change_form_data(client, url, form_id, **changes):
    """The data the admin's form at `url` posts, as opened now, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.data:
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)
    data = {name: values if len(values) > 1 else values[0] for name, values in data.items()}
    data.update(changes)
    return data


def change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def test_saving_without_changes_creates_no_version(client, editor):
    article = factories.make_article(editor)
    client.force_login(editor)
    data = change_form_data(client, change_url(article), "article_form")

    response = client.post(change_url(article), data)

    assert response.status_code == 302
    assert article.versions.count() == 1


def test_an_edit_in_the_admin_keeps_a_new_version_with_its_references(client, editor):
    article = factories.make_article(editor, references=[("Old citation.", "")])
    client.force_login(editor)
    data = change_form_data(
        client, change_url(article), "article_form",
        summary="A sharper summary.", **{"references-0-citation": "New citation."},
    )  # fmt: skip

    assert client.post(change_url(article), data).status_code == 302

    head = article.head_version
    assert head.number == 2 and head.created_by == editor
    assert head.content["summary"] == "A sharper summary."
    assert head.content["references"] == [{"citation": "New citation.", "url": ""}]


def test_editing_a_live_article_leaves_visitors_on_the_live_text(client, editor, live_article):
    client.force_login(editor)
    data = change_form_data(
        client, change_url(live_article), "article_form", summary="A rewritten summary."
    )

    assert client.post(change_url(live_article), data).status_code == 302

    live_article.refresh_from_db()
    assert live_article.status == "draft"
    assert live_article.head_version.number == 2
    assert live_article.live_version.number == 1
    client.logout()
    page = client.get(live_article.get_absolute_url())
    assert page.status_code == 200
    assert live_article.live_version.summary in page.content.decode()
    assert "A rewritten summary." not in page.content.decode()


def test_a_save_over_someone_elses_is_refused_and_keeps_the_typed_text(
    client, editor, second_reviewer
):
    """Edna opens the form; Selin saves meanwhile; Edna's save is refused, her text shown again.

    The refusal refreshes the form's token, so saving again deliberately goes through.
    """
    article = factories.make_article(editor)
    client.force_login(editor)
    ednas = change_form_data(
        client, change_url(article), "article_form", summary="Edna's careful summary."
    )
    selin = Client()
    selin.force_login(second_reviewer)
    selins = change_form_data(selin, change_url(article), "article_form", title="Selin's title")
    assert selin.post(change_url(article), selins).status_code == 302

    response = client.post(change_url(article), ednas)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dr Selin Kaya saved this item at" in page
    assert "while you were editing; your text is below, nothing was saved" in page
    assert "Edna&#x27;s careful summary." in page
    article.refresh_from_db()
    assert (article.title, article.summary) == ("Selin's title", article.versions.first().summary)
    assert article.versions.count() == 2

    ednas["lock_token"] = response.context["adminform"].form["lock_token"].value()
    assert client.post(change_url(article), ednas).status_code == 302
    article.refresh_from_db()
    assert article.summary == "Edna's careful summary."
    assert article.versions.count() == 3


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
