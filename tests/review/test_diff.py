"""
The diff a reviewer signs from: every change a visitor could see is marked, nothing else is.

"Visible change ⇒ marked" cases change one thing of a signed snapshot (a link's target, an
image, a superscript, a tag, a placed FAQ entry...) and expect the diff to mark exactly that on
the old side (<del>) or the new side (<ins>), leaving the unchanged words unmarked. "No visible
change ⇒ nothing marked" cases change only what a visitor cannot see (white space, attribute
order, the same text saved again). The pages: any two versions compared, a bad `against` a 404.
"""

import re

import pytest
from django.urls import reverse

from blog.models import Article, Category
from faq.models import Entry
from invamed.content.models import Notice
from invamed.review import diff, services
from tests import factories

pytestmark = pytest.mark.django_db

MARK = re.compile(r"<(del|ins)\b[^>]*>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def marked(html):
    """The text inside every <del> or <ins> of `html`, tags removed, spaces collapsed."""
    return " ".join(" ".join(TAG.sub(" ", part).split()) for _kind, part in MARK.findall(html))


def unmarked(html):
    """The text of `html` outside its <del> and <ins> marks."""
    return " ".join(TAG.sub(" ", MARK.sub(" ", html)).split())


def rows(model, old, new, **options):
    return {row.name: row for row in diff.compare(model, old, new, **options)}


@pytest.fixture
def article(editor, notices):
    return factories.make_article(
        editor,
        title="Vertebral augmentation",
        notice=notices["regulatory"],
        tags=["spine care", "osteoporosis"],
        references=[
            ("Doe J. A study. Spine J. 2020.", "https://doi.org/10.1000/1"),
            ("Roe R. Another study. Bone. 2021.", "https://doi.org/10.1000/2"),
        ],
    )


@pytest.fixture
def snapshot(article):
    return article.head_version.content


# Rich text: (old body, new body, what must be marked (old side, new side), what stays unmarked).
RICH_CHANGES = {
    "a link's target replaced by another site": (
        '<p>See <a href="https://doi.org/10.1000/1">the trial</a> for details.</p>',
        '<p>See <a href="https://pharma-shop.example/buy">the trial</a> for details.</p>',
        ("(link: https://doi.org/10.1000/1)", "(link: https://pharma-shop.example/buy)"),
        "See the trial for details.",
    ),
    "a link's title": (
        '<p><a href="https://doi.org/10.1000/1" title="The trial">Trial</a></p>',
        '<p><a href="https://doi.org/10.1000/1" title="Sponsored">Trial</a></p>',
        (
            "(link: https://doi.org/10.1000/1, title “The trial”)",
            "(link: https://doi.org/10.1000/1, title “Sponsored”)",
        ),
        "Trial",
    ),
    "a link removed, its words kept": (
        '<p>Read <a href="https://doi.org/10.1000/1">the trial</a>.</p>',
        "<p>Read the trial.</p>",
        ("the trial (link: https://doi.org/10.1000/1) .", "the trial."),
        "Read",
    ),
    "an image's source": (
        '<p>Before.</p><img src="/images/1/" alt="Lateral X-ray">',
        '<p>Before.</p><img src="/images/2/" alt="Lateral X-ray">',
        (
            "Image /images/1/, alt text “Lateral X-ray”",
            "Image /images/2/, alt text “Lateral X-ray”",
        ),
        "Before.",
    ),
    "an image's alt text": (
        '<p>Before.</p><img src="/images/1/" alt="Lateral X-ray">',
        '<p>Before.</p><img src="/images/1/" alt="Frontal X-ray">',
        (
            "Image /images/1/, alt text “Lateral X-ray”",
            "Image /images/1/, alt text “Frontal X-ray”",
        ),
        "Before.",
    ),
    "a superscript made plain": (
        "<p>A dose of 5 × 10<sup>6</sup> cells/kg was given.</p>",
        "<p>A dose of 5 × 106 cells/kg was given.</p>",
        ("10 6", "106"),
        "A dose of 5 × cells/kg was given.",
    ),
    "a subscript made plain": (
        "<p>Breathe CO<sub>2</sub> out.</p>",
        "<p>Breathe CO2 out.</p>",
        ("CO 2", "CO2"),
        "Breathe out.",
    ),
    "words made bold": (
        "<p>Do not stop the treatment.</p>",
        "<p>Do <strong>not</strong> stop the treatment.</p>",
        ("not", "not"),
        "Do stop the treatment.",
    ),
    "italics removed": (
        "<p>The <em>only</em> option.</p>",
        "<p>The only option.</p>",
        ("only", "only"),
        "The option.",
    ),
    "a heading made a paragraph": (
        "<h2>Risks</h2><p>Cement can leak.</p>",
        "<p>Risks</p><p>Cement can leak.</p>",
        ("Heading 2", "Paragraph"),
        "Risks Cement can leak.",
    ),
    "a heading's level": (
        "<h2>Risks</h2><p>Cement can leak.</p>",
        "<h3>Risks</h3><p>Cement can leak.</p>",
        ("Heading 2", "Heading 3"),
        "Risks Cement can leak.",
    ),
    "a bulleted list numbered": (
        "<ul><li>Rest</li><li>Walk</li></ul>",
        "<ol><li>Rest</li><li>Walk</li></ol>",
        ("• •", "1. 2."),
        "Rest Walk",
    ),
    "a list item added": (
        "<ul><li>Rest</li><li>Walk</li></ul>",
        "<ul><li>Rest</li><li>Swim</li><li>Walk</li></ul>",
        ("", "• Swim"),
        "• Rest • Walk",
    ),
    "a numbered list's first number": (
        "<ol><li>Rest</li></ol>",
        '<ol start="3"><li>Rest</li></ol>',
        ("1.", "3."),
        "Rest",
    ),
    "a table cell's text": (
        "<table><tr><th>Dose</th><td>5 mg</td></tr></table>",
        "<table><tr><th>Dose</th><td>50 mg</td></tr></table>",
        ("5", "50"),
        "Table: Header cell Dose Cell mg",
    ),
    "a table cell made a header cell": (
        "<table><tr><td>Dose</td><td>5 mg</td></tr></table>",
        "<table><tr><th>Dose</th><td>5 mg</td></tr></table>",
        ("Table: Cell", "Table: Header cell"),
        "Dose Cell 5 mg",
    ),
    "a table row added": (
        "<table><tr><td>Rest</td></tr></table>",
        "<table><tr><td>Rest</td></tr><tr><td>Walk</td></tr></table>",
        ("", "New row: Cell Walk"),
        "Table: Cell Rest",
    ),
    "a line break inside a paragraph": (
        "<p>First line second line</p>",
        "<p>First line<br>second line</p>",
        ("", "line break"),
        "First line second line",
    ),
    "a paragraph split in two": (
        "<p>Rest for a day. Then walk.</p>",
        "<p>Rest for a day.</p><p>Then walk.</p>",
        ("", "Paragraph"),
        "Rest for a day. Then walk.",
    ),
    "a quotation": (
        "<p>Walk every day.</p>",
        "<blockquote><p>Walk every day.</p></blockquote>",
        ("Paragraph", "Quote"),
        "Walk every day.",
    ),
    "a word changed": (
        "<p>Cement rarely leaks.</p>",
        "<p>Cement never leaks.</p>",
        ("rarely", "never"),
        "Cement leaks.",
    ),
    "a space removed between two words": (
        "<p>see <strong>it</strong></p>",
        "<p>see<strong>it</strong></p>",
        ("space", ""),
        "see it",
    ),
}


@pytest.mark.parametrize("old, new, expected, kept", RICH_CHANGES.values(), ids=RICH_CHANGES)
def test_a_visible_change_of_rich_text_is_marked(snapshot, old, new, expected, kept):
    """Whatever a visitor would see differently in the body is marked, the rest is not."""
    row = rows(Article, {**snapshot, "body": old}, {**snapshot, "body": new})["body"]

    assert row.changed
    assert (marked(row.old), marked(row.new)) == expected
    assert unmarked(row.new) == kept


def test_the_notes_say_in_words_what_kind_of_change_it_is(snapshot):
    """A change that hardly shows (a DOI, a superscript) is also named above the two sides."""
    old = '<p>5 × 10<sup>6</sup> cells/kg, see <a href="https://doi.org/10.1000/1">trial</a>.</p>'
    new = '<p>5 × 106 cells/kg, see <a href="https://example.com/">trial</a>.</p>'

    row = rows(Article, {**snapshot, "body": old}, {**snapshot, "body": new})["body"]

    assert "a link's address" in row.notes
    assert "formatting (superscript)" in row.notes


@pytest.mark.parametrize(
    "old, new, notes",
    [
        (
            "<p>Rest. Walk.</p>",
            "<p>Rest.</p><p>Walk.</p>",
            ["paragraphs, headings, lists or tables"],
        ),
        ("<p>see <b>it</b></p>", "<p>see<b>it</b></p>", ["the spacing between words"]),
        ("<p>Do it.</p>", "<p>Do <b>it</b>.</p>", ["formatting (bold)"]),
        ("<p>Do it.</p>", "<p>Do not do it.</p>", ["the wording"]),
    ],
)
def test_a_change_is_named_by_its_kind(snapshot, old, new, notes):
    row = rows(Article, {**snapshot, "body": old}, {**snapshot, "body": new})["body"]
    assert row.notes == notes


def test_an_appended_paragraph_leaves_the_last_word_before_it_unmarked(snapshot):
    """Appending a paragraph marks the new paragraph only, not the word before it."""
    old = "<h2>What is it?</h2><p>One two three.</p>"
    new = "<h2>What is it?</h2><p>One two three.</p><p>Four five.</p>"

    row = rows(Article, {**snapshot, "body": old}, {**snapshot, "body": new})["body"]

    assert marked(row.old) == ""
    assert marked(row.new) == "Paragraph Four five."
    assert "three." in unmarked(row.new)


NO_VISIBLE_CHANGE = {
    "the same text saved again": (
        "<h2>Risks</h2><p>Cement can leak.</p>",
        "<h2>Risks</h2><p>Cement can leak.</p>",
    ),
    "spaces between words": ("<p>Cement can leak.</p>", "<p>Cement   can\n leak. </p>"),
    "white space between paragraphs": (
        "<h2>Risks</h2><p>Cement can leak.</p>",
        "<h2>Risks</h2>\n\n  <p>Cement can leak.</p>\n",
    ),
    "a no-break space for a space": ("<p>5 mg</p>", "<p>5&nbsp;mg</p>"),
    "attribute order": (
        '<p><a href="https://doi.org/10.1000/1" title="Trial">trial</a></p>',
        '<p><a title="Trial" href="https://doi.org/10.1000/1">trial</a></p>',
    ),
    "an entity for the character": ("<p>Café &amp; bar</p>", "<p>Caf&eacute; &#38; bar</p>"),
    "<b> for <strong>, <i> for <em>": (
        "<p><strong>Do</strong> <em>not</em> stop.</p>",
        "<p><b>Do</b> <i>not</i> stop.</p>",
    ),
    "a line break at the end of a paragraph": (
        "<p>Cement can leak.</p>",
        "<p>Cement can leak.<br></p>",
    ),
    "a zero-width space": ("<p>Cement can leak.</p>", "<p>Cement can\u200b leak.</p>"),
}


@pytest.mark.parametrize("old, new", NO_VISIBLE_CHANGE.values(), ids=NO_VISIBLE_CHANGE)
def test_no_visible_change_marks_nothing(snapshot, old, new):
    """What a visitor cannot see differently is not marked, and the field is not 'changed'."""
    result = rows(Article, {**snapshot, "body": old}, {**snapshot, "body": new})

    for row in result.values():
        assert not row.changed, row.name
        assert "<del" not in row.old + row.new and "<ins" not in row.old + row.new, row.name


def test_a_markup_only_change_is_said_to_look_the_same(snapshot):
    """The fingerprint changed: the reviewer is told why nothing is marked."""
    row = rows(
        Article,
        {**snapshot, "body": "<p><b>Do</b> it.</p>"},
        {**snapshot, "body": "<p><strong>Do</strong>  it.</p>"},
    )["body"]
    assert not row.changed
    assert row.markup_only


def test_whitespace_in_plain_text_is_not_a_change(snapshot):
    result = rows(Article, snapshot, {**snapshot, "summary": snapshot["summary"] + "  "})
    assert not result["summary"].changed


def test_values_of_an_unexpected_type_are_shown_as_they_are_never_an_error(snapshot):
    """A snapshot written by another version of the code (or by hand) still gets a diff."""
    odd = {
        **snapshot,
        "references": "not a list",
        "faq_entries": ["not a row"],
        "tags": [["nested"]],
        "category": "not a key",
        "translated_from": ["2"],
        "is_featured": [1],
        "body": 5,
        "images": [{"image_id": 1, "sha256": ["not a hash"]}],
    }
    for old, new in [(snapshot, odd), (odd, snapshot)]:
        result = rows(Article, old, new)
        assert result["category"].changed and "#not a key (deleted)" in marked(
            result["category"].old + result["category"].new
        )
        assert result["references"].changed and result["body"].changed


# Every other field, by its readable value: (change to the snapshot, field, old mark, new mark).
def field_changes(article, editor):
    other_category = factories.make_category("Pain management")
    same_name = factories.make_category(str(article.category))
    notice = Notice.objects.create(
        kind=Notice.Kind.REGULATORY, name="Device notice, Turkey", heading="Notice",
        text="<p>Text.</p>",
    )  # fmt: skip
    author = factories.make_author("Dr Ayşe Demir", is_team=False)
    return {
        "title": ({"title": "Kyphoplasty"}, "title", "Vertebral augmentation", "Kyphoplasty"),
        "summary": (
            {"summary": "A short summary."},
            "summary",
            article.summary,
            "A short summary.",
        ),
        "address": ({"slug": "kyphoplasty"}, "slug", article.slug, "kyphoplasty"),
        "category": (
            {"category": other_category.pk},
            "category",
            str(article.category),
            "Pain management",
        ),
        "category of the same name": (
            {"category": same_name.pk},
            "category",
            f"{article.category} (#{article.category.pk})",
            f"{same_name} (#{same_name.pk})",
        ),
        "author": ({"author": author.pk}, "author", "INVAMED Medical Affairs", "Dr Ayşe Demir"),
        "notice": (
            {"notice": notice.pk},
            "notice",
            article.notice.name,
            "Device notice, Turkey (not live: visitors do not see it)",
        ),
        "notice removed": ({"notice": None}, "notice", article.notice.name, ""),
        "featured": ({"is_featured": True}, "is_featured", "No", "Yes"),
        "language": ({"language": "tr"}, "language", "English", "Türkçe"),
        "a tag added": (
            {"tags": ["kyphoplasty", "osteoporosis", "spine care"]},
            "tags",
            "",
            "kyphoplasty",
        ),
        "a tag's case": (
            {"tags": ["Osteoporosis", "spine care"]},
            "tags",
            "osteoporosis",
            "Osteoporosis",
        ),  # fmt: skip
        "a reference's link": (
            {
                "references": [
                    {
                        "citation": "Doe J. A study. Spine J. 2020.",
                        "url": "https://example.com/doe",
                    },
                    {
                        "citation": "Roe R. Another study. Bone. 2021.",
                        "url": "https://doi.org/10.1000/2",
                    },
                ]
            },
            "references",
            "(link: https://doi.org/10.1000/1)",
            "(link: https://example.com/doe)",
        ),  # fmt: skip
        "a reference's citation": (
            {
                "references": [
                    {
                        "citation": "Doe J. A study. Spine J. 2019.",
                        "url": "https://doi.org/10.1000/1",
                    },
                    {
                        "citation": "Roe R. Another study. Bone. 2021.",
                        "url": "https://doi.org/10.1000/2",
                    },
                ]
            },
            "references",
            "2020.",
            "2019.",
        ),  # fmt: skip
        "references reordered": (
            {
                "references": [
                    {
                        "citation": "Roe R. Another study. Bone. 2021.",
                        "url": "https://doi.org/10.1000/2",
                    },
                    {
                        "citation": "Doe J. A study. Spine J. 2020.",
                        "url": "https://doi.org/10.1000/1",
                    },
                ]
            },
            "references",
            "1. 2. Roe R. Another study. Bone. 2021. (link: https://doi.org/10.1000/2)",
            "1. Roe R. Another study. Bone. 2021. (link: https://doi.org/10.1000/2) 2.",
        ),  # fmt: skip
    }


FIELD_CASES = [
    "title", "summary", "address", "category", "category of the same name", "author", "notice",
    "notice removed", "featured", "language", "a tag added", "a tag's case", "a reference's link",
    "a reference's citation", "references reordered",
]  # fmt: skip


@pytest.mark.parametrize("case", FIELD_CASES)
def test_a_visible_change_of_any_field_is_marked_by_its_readable_value(
    article, snapshot, editor, case
):
    """Related records by name, flags as yes/no, the language by name, tags, references."""
    changes, name, old_mark, new_mark = field_changes(article, editor)[case]

    result = rows(Article, snapshot, {**snapshot, **changes})

    assert result[name].changed
    assert (marked(result[name].old), marked(result[name].new)) == (old_mark, new_mark)
    assert [n for n, row in result.items() if row.changed] == [name]


def test_every_field_of_the_version_is_shown_with_its_label(snapshot):
    labels = [row.label for row in diff.compare(Article, snapshot, snapshot)]
    assert labels == [
        "Title", "Address", "Summary", "Lead image", "Body", "Category", "Author",
        "Regulatory notice",
        "Featured", "Language", "Tags", "FAQ entries on this article", "References",
    ]  # fmt: skip


def test_references_are_numbered_with_their_links(snapshot):
    row = rows(Article, snapshot, snapshot)["references"]
    text = unmarked(row.new)
    assert "1. Doe J. A study. Spine J. 2020. (link: https://doi.org/10.1000/1)" in text
    assert "2. Roe R. Another study. Bone. 2021. (link: https://doi.org/10.1000/2)" in text


def test_placed_faq_entries_are_shown_by_their_questions_in_order(article, editor, reviewer):
    """The article's FAQ block by the placed entries' questions (an entry not live is said to be
    hidden from visitors); swapping two entries is a change."""
    first = factories.publish(factories.make_entry(editor, question="Does it hurt?"), reviewer)
    second = factories.make_entry(editor, question="How long does it take?")
    factories.place(first, article, editor)
    factories.place(second, article, editor)
    placed = Article.objects.get(pk=article.pk).head_version.content

    unchanged = rows(Article, placed, placed)["faq_entries"]
    assert unmarked(unchanged.new) == (
        "1. Does it hurt? 2. How long does it take? (not live: visitors do not see it)"
    )

    swapped = {**placed, "faq_entries": list(reversed(placed["faq_entries"]))}
    row = rows(Article, placed, swapped)["faq_entries"]
    assert row.changed
    assert "How long does it take?" in marked(row.old) + marked(row.new)
    assert unmarked(row.new).startswith("1. How long") or marked(row.new).startswith("1. How")


def test_a_placed_entry_added_is_marked_by_its_question(article, editor):
    entry = factories.make_entry(editor, question="Is the cement safe?")
    one = article.head_version.content
    factories.place(entry, article, editor)
    two = Article.objects.get(pk=article.pk).head_version.content

    row = rows(Article, one, two)["faq_entries"]

    assert row.changed
    assert marked(row.new).startswith("1. Is the cement safe?")


def test_a_faq_entrys_order_and_a_notices_kind_and_name_are_marked(editor):
    entry = factories.make_entry(editor)
    content = entry.head_version.content
    row = rows(Entry, content, {**content, "order": 4})["order"]
    assert (marked(row.old), marked(row.new)) == ("0", "4")

    notice = factories.make_notice(live=False)
    content = notice.head_version.content
    result = rows(Notice, content, {**content, "kind": "disclaimer", "name": "Audience"})
    assert (marked(result["kind"].old), marked(result["kind"].new)) == (
        "Regulatory notice",
        "Audience disclaimer",
    )
    assert marked(result["name"].new) == "Audience"


def test_a_translation_shows_the_source_version_it_was_made_from(editor, reviewer):
    source = factories.publish(factories.make_article(editor, title="Kyphoplasty"), reviewer)
    category = source.category
    Category.objects.create(name="Omurga", slug="omurga", language="tr", source=category)
    translation = services.translate(source, "tr", editor)
    content = translation.head_version.content

    result = rows(
        Article, {**content, "translated_from": 1}, {**content, "translated_from": 2},
        source=translation.source,
    )  # fmt: skip

    row = result["translated_from"]
    assert row.label == "Translated from"
    assert (marked(row.old), marked(row.new)) == (
        "Version 1 of “Kyphoplasty” (English)",
        "Version 2 of “Kyphoplasty” (English)",
    )


def test_a_changed_image_is_shown_as_thumbnails_when_the_snapshot_records_it(snapshot):
    """With the snapshot's image references, old and new thumbnails with their alt texts."""
    from tests.images.pictures import library_image

    old_image = library_image(alt="Lateral X-ray")
    new_image = library_image(alt="Frontal X-ray", color=(10, 200, 10))
    old = {
        **snapshot,
        "body": f'<img src="/images/{old_image.pk}/" alt="Lateral X-ray">',
        "images": [old_image.reference()],
    }
    new = {
        **snapshot,
        "body": f'<img src="/images/{new_image.pk}/" alt="Frontal X-ray">',
        "images": [new_image.reference()],
    }

    result = rows(Article, old, new)

    body = result["body"]
    assert body.changed
    assert body.old.count('class="image-thumb"') == 1 and "Alt text: Lateral X-ray" in body.old
    assert body.new.count('class="image-thumb"') == 1 and "Alt text: Frontal X-ray" in body.new
    assert "Lateral X-ray" in marked(body.old) and "Frontal X-ray" in marked(body.new)
    assert result["images"].changed


def test_the_diff_escapes_what_the_versions_contain(snapshot):
    old = {**snapshot, "title": "a <b>", "body": "<p>x</p>"}
    new = {
        **snapshot,
        "title": "a <script>alert(1)</script>",
        "body": '<p>x<script>alert(2)</script><a href="javascript:alert(3)">y</a></p>'
        '<img src="x" onerror="alert(4)">',
    }
    result = rows(Article, old, new)
    html = result["title"].old + result["title"].new + result["body"].old + result["body"].new
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and "onerror" not in html
    assert result["title"].old == "a <del>&lt;b&gt;</del>" or "<del>&lt;b&gt;</del>" in html


# The pages.


def diff_url(item, number, **query):
    opts = item._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_diff", args=[item.pk, number])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_any_two_versions_can_be_compared(client, editor, article):
    factories.edit(article, editor, title="Second title")
    factories.edit(article, editor, title="Third title")
    client.force_login(editor)

    page = client.get(diff_url(article, 3, against=1)).content.decode()

    assert "Version 1 on the left, version 3 on the right" in page
    assert "<del>Vertebral augmentation</del>" in page
    assert "<ins>Third title</ins>" in page
    assert "Second title" not in page


def test_the_versions_table_offers_a_compare_form_without_javascript(client, editor, article):
    factories.edit(article, editor, title="Second title")
    client.force_login(editor)

    page = client.get(reverse("admin:blog_article_change", args=[article.pk])).content.decode()

    form = re.search(rf'<form[^>]*action="{re.escape(diff_url(article, 2))}"[^>]*>(.*?)</form>',
                     page, re.S)  # fmt: skip
    assert form, "no compare form for version 2"
    assert 'method="get"' in form.group(0)
    assert 'name="against"' in form.group(1)
    assert re.search(r'<option value="1"', page)


@pytest.mark.parametrize("against", ["abc", "%C2%B2", "0", "-1", "1.5", "99", "9" * 30, "١"])
def test_a_bad_against_is_a_404_never_a_server_error(client, editor, article, against):
    factories.edit(article, editor, title="Second title")
    client.force_login(editor)
    assert client.get(diff_url(article, 2, against=against)).status_code == 404


def test_an_unknown_version_is_a_404(client, editor, article):
    client.force_login(editor)
    assert client.get(diff_url(article, 7)).status_code == 404
    assert client.get(diff_url(article, 10**30)).status_code == 404


def test_the_diff_page_lists_what_changed_and_stacks_on_narrow_screens(client, editor, article):
    factories.edit(article, editor, title="Second title")
    client.force_login(editor)

    page = client.get(diff_url(article, 2)).content.decode()

    assert re.search(r'<a href="#diff-title">Title</a>', page)
    assert "overflow-wrap: anywhere" in page
    assert "@media (min-width:" in page


def test_the_diff_page_reads_as_many_queries_for_many_references_as_for_one(client, editor):
    """Related records are read once per field, not once per reference or placed entry."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    counts = []
    for size in (1, 6):
        item = factories.make_article(
            editor, references=[(f"Ref {n}.", f"https://example.org/{n}") for n in range(size)]
        )
        for _ in range(size):
            factories.place(factories.make_entry(editor), item, editor)
        factories.edit(item, editor, title="Second title")
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(diff_url(item, item.head_version.number, against=1)).status_code == 200
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]
