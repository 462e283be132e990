"""
Stored XSS through the admin's real forms, checked on the public pages, the preview and the admin.

test_stored_xss.py stores the corpus with the model layer; here every payload is typed into the
admin's own add forms, as an editor would (the body and the answer go through the rich-text form
field, the tags through taggit's field, the references through the inline), the items are taken
through review by POSTs to the transition URLs, and then these pages must hold no executable
construct that the same pages do not hold with harmless text:

- the public article page and the public FAQ entry page;
- the admin preview of each (the public template, rendered for a reviewer);
- the admin change page of each, the versions' diff page and the articles' changelist (the
  admin has scripts of its own: only what the payload brought counts).

To keep the run short, the payloads are batched: each article and FAQ entry carries a batch of
payloads (joined) in every field.
"""

import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from blog.models import Article, Category
from faq.models import Entry, FAQCategory
from invamed.content.models import Author
from invamed.richtext import RichTextFormField
from invamed.text import clean_text
from tests import factories
from tests.admin_forms import change_form_data

from .html_checks import DANGEROUS_TAGS, _signature, attribute_problems, load_payloads, parse

pytestmark = pytest.mark.django_db
PAYLOADS = load_payloads()
TITLE_LENGTH = 200  # Article.title; the question takes 300.


def batches(payloads, limit=TITLE_LENGTH):
    """The payloads in groups, each group joined with a space into at most `limit` characters,
    so that every payload lands whole in every field of one article (the title included)."""
    groups, current = [], []
    for payload in payloads:
        if current and len(" ".join([*current, payload])) > limit:
            groups.append(current)
            current = []
        current.append(payload)
    return [*groups, current] if current else groups


BATCHES = batches(PAYLOADS)


def rich_text_payload(payload):
    """The payload as the rich-text field stores it, or None when the field refuses it.

    The field refuses an image without alt text or from outside the image library, a safe
    outcome; so that the other image payloads still reach the pages, they are given alt text.
    """
    field = RichTextFormField()
    for candidate in [IMAGE.sub('<img alt="a" ', payload), payload]:
        try:
            field.clean(candidate)
        except ValidationError:
            continue
        return candidate
    return None


IMAGE = re.compile(r"<img(?=[\s/>])", re.IGNORECASE)


def accepted(body):
    try:
        RichTextFormField().clean(body)
    except ValidationError:
        return False
    return True


def admin_url(model, name, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)


def save_through_the_admin(client, model, changes):
    """Post the admin's add form of `model` as it opens, with `changes`; return the new item."""
    url = admin_url(model, "add")
    data = change_form_data(client, url, f"{model._meta.model_name}_form", **changes)
    before = set(model.objects.values_list("pk", flat=True))
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    (pk,) = set(model.objects.values_list("pk", flat=True)) - before
    return model.objects.get(pk=pk)


def publish_through_the_admin(item, editor_client, reviewer_client):
    for client, name in [
        (editor_client, "submit"),
        (reviewer_client, "approve"),
        (reviewer_client, "publish"),
    ]:
        head = type(item).objects.get(pk=item.pk).head_version
        response = client.post(
            admin_url(type(item), "transition", item.pk, name),
            {"comment": "Checked.", "password": factories.PASSWORD, "version": head.number,
             "fingerprint": head.fingerprint},
        )  # fmt: skip
        assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_published(), item.status


def write_and_publish(n, texts, editor_client, reviewer_client, category, faq_category, author):
    """An article and an FAQ entry on it, written in the admin with `texts` in every field."""
    text = " ".join(texts)
    # A body that is nothing but a script is empty once sanitised, and refused as blank.
    rich = f"<p>Batch {n}.</p>"
    for payload in filter(None, map(rich_text_payload, texts)):
        # Two payloads can make one image the field refuses (an unclosed "<img" and the next).
        if accepted(f"{rich} {payload}"):
            rich = f"{rich} {payload}"
    entry = save_through_the_admin(
        editor_client,
        Entry,
        {
            "question": text,
            "slug": f"xss{n}-entry",
            "answer": rich,
            "category": faq_category.pk,
            "order": "0",
            "tags": ", ".join(t[:90].replace('"', "") for t in texts),
        },
    )
    # Stored as typed, but for control characters (a tab), which become spaces.
    typed = clean_text(text)
    assert entry.question == typed
    article = save_through_the_admin(
        editor_client,
        Article,
        {
            "title": text,
            "slug": f"xss{n}-article",
            "summary": text,
            "body": rich,
            "category": category.pk,
            "author": author.pk,
            "tags": ", ".join(t[:90].replace('"', "") for t in texts),
            "references-TOTAL_FORMS": "1",
            "references-0-position": "1",
            "references-0-citation": text,
            # A URL field accepts no whitespace; the payloads go into its path whole.
            "references-0-url": "https://example.org/" + re.sub(r"\s+", "", text),
            "faq_placements-TOTAL_FORMS": "1",
            "faq_placements-0-entry": str(entry.pk),
            "faq_placements-0-position": "1",
        },
    )
    # Plain text is escaped when shown, rich text sanitised when saved.
    assert (article.title, article.summary) == (typed, clean_text(text, multiline=True))
    assert article.references.get().citation == clean_text(text, multiline=True)
    assert article.tags.exists()
    assert article.faq_placements.get().entry == entry
    publish_through_the_admin(article, editor_client, reviewer_client)
    publish_through_the_admin(entry, editor_client, reviewer_client)
    return article, entry


def normalised(html):
    """The pages of two items differ by their slugs and ids: make them comparable."""
    return re.sub(r"/\d+/", "/N/", re.sub(r"xss\d+", "xssN", html))


def pages(article, entry, visitor, reviewer_client):
    urls = {
        "article page": (visitor, article.get_absolute_url()),
        "FAQ entry page": (visitor, entry.get_absolute_url()),
        "article preview": (reviewer_client, admin_url(Article, "preview", article.pk, 1)),
        "FAQ entry preview": (reviewer_client, admin_url(Entry, "preview", entry.pk, 1)),
        "article change page": (reviewer_client, admin_url(Article, "change", article.pk)),
        "FAQ entry change page": (reviewer_client, admin_url(Entry, "change", entry.pk)),
        "article diff": (reviewer_client, admin_url(Article, "diff", article.pk, 1)),
        "FAQ entry diff": (reviewer_client, admin_url(Entry, "diff", entry.pk, 1)),
        "article list": (reviewer_client, admin_url(Article, "changelist") + f"?q={article.slug}"),
    }
    rendered = {}
    for name, (client, url) in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        html = response.content.decode()
        # The payloads did reach the page, as text: the check below is not vacuous.
        assert escape(article.title if "article" in name else entry.question) in html, name
        rendered[name] = normalised(html)
    return rendered


TAG_META = ("meta", (("content", ""), ("property", "article:tag")))


def problems_beyond(html, baseline_html):
    """What `html` holds that runs and that the baseline page does not (counted, so a payload
    that adds one more of the page's own constructs is found too)."""
    page, baseline = parse(html), parse(baseline_html)

    def dangerous(parsed):
        return Counter(_signature(t, a) for t, a in parsed.elements if t in DANGEROUS_TAGS)

    extra = [
        f"extra element {sig}"
        for sig in dangerous(page) - dangerous(baseline)
        if sig != TAG_META  # The page's own: one per tag, and a batch has more tags.
    ]
    extra += list(
        Counter(attribute_problems(page.elements)) - Counter(attribute_problems(baseline.elements))
    )
    return extra


@pytest.fixture
def setting(db, notices):
    editor = factories.make_user("edna", role="editor")
    reviewer = factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")
    editor_client, reviewer_client = Client(), Client()
    editor_client.force_login(editor)
    reviewer_client.force_login(reviewer)
    return {
        "editor_client": editor_client,
        "reviewer_client": reviewer_client,
        "category": Category.objects.create(name="Spine", slug="spine"),
        "faq_category": FAQCategory.objects.create(name="Treatment", slug="treatment"),
        "author": Author.objects.create(name="Medical Affairs", slug="medical-affairs"),
    }


def rendered_pages(n, texts, setting):
    article, entry = write_and_publish(
        n,
        texts,
        setting["editor_client"],
        setting["reviewer_client"],
        setting["category"],
        setting["faq_category"],
        setting["author"],
    )
    return pages(article, entry, Client(), setting["reviewer_client"])


def test_the_corpus_is_large_and_every_payload_fits_a_batch():
    assert len(PAYLOADS) >= 100
    assert [p for group in BATCHES for p in group] == PAYLOADS
    assert all(len(" ".join(group)) <= TITLE_LENGTH for group in BATCHES)


def test_no_payload_typed_into_the_admin_runs_on_any_page(setting):
    baseline = rendered_pages(0, ["Harmless words"], setting)
    failures = []
    for n, texts in enumerate(BATCHES, start=1):
        for name, html in rendered_pages(n, texts, setting).items():
            problems = problems_beyond(html, baseline[name])
            if problems:
                failures.append((texts, name, problems))
    assert failures == [], "\n".join(f"{t!r} on the {n}: {p}" for t, n, p in failures[:10])


def test_the_check_finds_markup_that_is_not_escaped(setting):
    """Guard against a vacuous pass, on a public page and on an admin page alike."""
    baseline = rendered_pages(0, ["Harmless words"], setting)
    for name in ["article page", "article change page", "article preview"]:
        html = baseline[name]
        tampered = html.replace(
            "Harmless words", "<img src=x onerror=alert(1)><script>x()</script>"
        )
        assert tampered != html, name
        assert problems_beyond(tampered, html), name


def test_a_reference_url_is_stored_only_as_a_web_address(setting):
    """Every payload typed whole into a reference's URL is refused by the form, or kept as an
    http(s) address (which the public page then shows as a plain link)."""
    client = setting["editor_client"]
    article = factories.make_article(
        category=setting["category"], author=setting["author"], slug="xss-url"
    )
    url = admin_url(Article, "change", article.pk)
    data = change_form_data(
        client,
        url,
        "article_form",
        **{
            "references-TOTAL_FORMS": "1",
            "references-0-position": "1",
            "references-0-citation": "A study.",
        },
    )
    accepted = []
    for text in PAYLOADS:
        article.refresh_from_db()
        data.update({"lock_token": str(article.lock_version), "references-0-url": text})
        response = client.post(url, data)
        stored = list(article.references.values_list("url", flat=True))
        if response.status_code == 302:
            accepted.append(text)
            assert all(re.match(r"https?://", value) for value in stored), (text, stored)
            article.references.all().delete()
        else:
            assert response.status_code == 200 and not stored, text
    assert len(accepted) < len(PAYLOADS)


def test_a_tag_longer_than_the_database_allows_is_refused_by_the_form(setting):
    client = setting["editor_client"]
    article = factories.make_article(category=setting["category"], author=setting["author"])
    url = admin_url(Article, "change", article.pk)
    client.raise_request_exception = False

    response = client.post(url, change_form_data(client, url, "article_form", tags="x" * 150))

    assert response.status_code == 200 and response.context["adminform"].form.errors["tags"]
