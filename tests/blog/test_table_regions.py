"""A table in rich text is a labelled, focusable region that scrolls sideways on a phone, with
a visible hint in the page's language; the signed preparation holds no interface text."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

TABLES = (
    "<h2>Doses</h2><table><caption>Imaging &amp; dating</caption><tr><th>MRI</th>"
    "<td>STIR</td></tr></table><p>Between.</p><table><tr><td>No caption</td></tr></table>"
)


def test_each_table_is_a_labelled_focusable_scroll_region_with_a_hint(client, editor, reviewer,
                                                                       notices):  # fmt: skip
    article = factories.publish(factories.make_article(editor, body=TABLES), reviewer)
    page = client.get(article.get_absolute_url()).content.decode()
    hint = '<p class="table-scroll__hint">Scroll sideways to see the whole table.</p>'
    assert (
        '<div class="table-scroll" role="region" aria-label="Imaging &amp; dating" tabindex="0">'
        + hint + "<table><caption>"
    ) in page  # fmt: skip
    assert (
        '<div class="table-scroll" role="region" aria-label="Table" tabindex="0">' + hint
        + "<table><tbody><tr><td>No caption"
    ) in page  # fmt: skip
    assert page.count('class="table-scroll"') == 2
    # The words are added for the page; what was signed and prepared stays without them.
    assert "table-scroll" not in article.live_version.preparation()["body"]["html"]


def test_the_hint_and_label_are_in_the_pages_language(client, editor, reviewer, notices):
    category = factories.make_category("Spine", slug="spine")
    factories.make_category("Omurga", slug="omurga", language="tr", source=category)
    article = factories.publish(
        factories.make_article(editor, body=TABLES, category=category), reviewer
    )
    draft = factories.translate(article, "tr", title="Dozlar", slug="dozlar")
    page = client.get(factories.publish(draft, reviewer).get_absolute_url()).content.decode()
    assert 'aria-label="Tablo" tabindex="0"><p class="table-scroll__hint">Tablonun tamamını' in page


def test_a_table_inside_a_cell_scrolls_with_the_outer_one():
    from invamed.richtext import scrollable_tables

    html = "<table><tr><td><table><tr><td>inner</td></tr></table></td></tr></table>"
    wrapped = scrollable_tables(html)
    assert wrapped.count('class="table-scroll"') == 1
    assert wrapped.endswith("</table></td></tr></table></div>")
