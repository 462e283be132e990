"""Numbered citations: `[[ref:N]]` in an article's text cites the N-th entry of its references
list; the page shows a superscript number linked to the entry and back, numbered in the order
of first citation; the admin refuses a citation of a reference the list does not have."""

import re

import pytest

from blog.models import Article
from invamed import richtext
from invamed.review.models import fingerprint
from tests import factories
from tests.admin_forms import change_form_data, change_url, save_in_admin

pytestmark = pytest.mark.django_db

REFERENCES = [
    ("Alpha A. First in the list. Spine J. 2019.", "https://doi.org/10.1000/alpha"),
    ("Beta B. Second in the list. Bone. 2020.", ""),
    ("Gamma C. Third in the list, never cited. 2021.", ""),
]
# The text cites the second reference first, then the first, then the second again.
BODY = (
    "<h2>Why cement?</h2><p>Cement stabilises the fracture [[ref:2]].</p>"
    "<p>Pain falls within days [[ref:1]], and stays low [[ref:2]].</p>"
)


@pytest.fixture
def article(editor, reviewer, notices):
    article = factories.make_article(editor, body=BODY, references=REFERENCES)
    return factories.publish(article, reviewer)


def page_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def references_list(page):
    section = re.search(r'<section class="references".*?</section>', page, re.DOTALL).group(0)
    return re.findall(r'<li id="(ref-\d+)">(.*?)</li>', section, re.DOTALL)


def test_citations_are_superscript_numbers_in_the_order_of_first_citation(client, article):
    body = re.search(r'<div class="article__body prose">(.*?)</div>', page_of(client, article),
                     re.DOTALL).group(1)  # fmt: skip
    links = re.findall(r'<sup class="citation"><a href="#(ref-\d+)" id="(cite-[\d-]+)">\[(\d+)\]',
                       body)  # fmt: skip
    # Reference 2 of the list is met first: it is [1] on the page; reference 1 is [2].
    assert links == [("ref-1", "cite-1-1", "1"), ("ref-2", "cite-2-1", "2"),
                     ("ref-1", "cite-1-2", "1")]  # fmt: skip
    assert "[[ref:" not in body


def test_the_references_list_follows_the_citations_and_links_back(client, article):
    entries = references_list(page_of(client, article))
    assert [anchor for anchor, _ in entries] == ["ref-1", "ref-2", "ref-3"]
    first, second, third = (text for _, text in entries)
    assert "Second in the list" in first and "First in the list" in second
    assert "never cited" in third  # an uncited reference comes last, with no link back
    assert re.findall(r'href="#(cite-[\d-]+)"', first) == ["cite-1-1", "cite-1-2"]
    assert re.findall(r'href="#(cite-[\d-]+)"', second) == ["cite-2-1"]
    assert "#cite-" not in third


def test_each_citation_link_has_its_target_and_each_back_link_too(client, article):
    page = page_of(client, article)
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    for target in re.findall(r'href="#((?:ref|cite)-[\d-]+)"', page):
        assert target in ids, target


def test_citations_are_in_the_signed_body_and_its_fingerprint(editor, reviewer, notices):
    article = factories.make_article(editor, body="<p>Cited [[ref:1]].</p>", references=REFERENCES)
    first = article.head_version
    assert first.content["body"] == "<p>Cited [[ref:1]].</p>"
    factories.edit(Article.objects.get(pk=article.pk), editor, body="<p>Cited [[ref:2]].</p>")
    second = Article.objects.get(pk=article.pk).head_version
    assert second.number == first.number + 1
    assert second.fingerprint != first.fingerprint
    assert second.fingerprint == fingerprint(second.content)
    assert second.verify()


def test_a_marker_in_a_link_or_an_attribute_or_out_of_range_is_left_as_typed():
    html = (
        '<p><a href="https://example.org">see [[ref:1]]</a> and [[ref:9]]</p>'
        '<p><img src="/images/1/" alt="a > b [[ref:1]]"> then [[ref:1]]</p>'
    )
    linked, order = richtext.link_citations(html, 2)
    assert order == [1]
    assert '<a href="https://example.org">see [[ref:1]]</a> and [[ref:9]]' in linked
    assert (
        'alt="a > b [[ref:1]]"> then <sup class="citation"><a href="#ref-1" id="cite-1-1">'
        in linked
    )


def test_the_turkish_page_numbers_its_citations_too(client, editor, reviewer, notices):
    category = factories.make_category("Spine", slug="spine")
    factories.make_category("Omurga", slug="omurga", language="tr", source=category)
    article = factories.make_article(editor, body=BODY, references=REFERENCES, category=category)
    article = factories.publish(article, reviewer)
    draft = factories.translate(article, "tr", body=BODY.replace("Cement", "Çimento"),
                                title="Çimento", slug="cimento")  # fmt: skip
    turkish = factories.publish(draft, reviewer)
    page = page_of(client, turkish)
    assert '<h2 id="references-heading">Kaynaklar</h2>' in page
    assert [anchor for anchor, _ in references_list(page)] == ["ref-1", "ref-2", "ref-3"]
    assert 'href="#ref-1" id="cite-1-1"' in page


def test_the_admin_refuses_a_citation_of_a_reference_not_in_the_list(client, editor):
    article = factories.make_article(editor, references=REFERENCES[:2])
    client.force_login(editor)
    typed = "<p>Typed with care [[ref:1]] and a slip [[ref:3]].</p>"
    data = change_form_data(client, change_url(article), "article_form", body=typed)

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The text cites reference 3, which the references list below does not have" in page
    assert "a slip [[ref:3]]" in page  # the editor's text is shown again, not lost
    assert Article.objects.get(pk=article.pk).head_version.number == 1


def test_the_admin_refuses_a_citation_of_a_reference_being_deleted(client, editor):
    article = factories.make_article(editor, body="<p>Cited [[ref:2]].</p>",
                                     references=REFERENCES[:2])  # fmt: skip
    client.force_login(editor)
    data = change_form_data(client, change_url(article), "article_form",
                            **{"references-1-DELETE": "on"})  # fmt: skip
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "The text cites reference 2, which the references list" in response.content.decode()


def test_the_admin_accepts_citations_of_the_list(client, editor):
    article = factories.make_article(editor, references=REFERENCES[:2])
    client.force_login(editor)
    body = "<p>Both [[ref:2]] and [[ref:1]].</p>"
    assert save_in_admin(client, article, body=body).content["body"] == body
