"""The line under the title of articles and FAQ entries: who medically reviewed the page and
when, linked to the full sign-off at its end, which says the same and names the reviewer's
affiliation and declared interests."""

import re

import pytest
from freezegun import freeze_time

from blog.models import Article
from invamed.review.models import ReviewerProfileText
from tests import bilingual, factories

pytestmark = pytest.mark.django_db


def get(client, item):
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def review_line(page):
    found = re.search(r'<p class="review-line">(.*?)</p>', page, re.DOTALL)
    return found and found.group(1)


def signoff(page):
    return re.search(r'<section class="signoff".*?</section>', page, re.DOTALL).group(0)


def test_the_line_under_the_title_names_the_reviewer_and_links_to_the_signoff(
    client, editor, reviewer, notices
):
    with freeze_time("2024-03-05 10:00:00"):
        article = factories.publish(factories.make_article(editor), reviewer)
    page = get(client, article)
    line = review_line(page)
    assert line.startswith(
        '<a href="#signoff">Medically reviewed by Dr Deniz Aksoy, MD, physical medicine</a>'
    )
    assert 'Last reviewed <time datetime="2024-03-05">March 5, 2024</time>' in line
    assert "Updated" not in line
    # Under the title, before the body; the block it links to is at the end.
    assert page.index("<h1>") < page.index('class="review-line"') < page.index("article__body")
    assert 'id="signoff"' in page[page.index("article__body") :]
    block = signoff(page)
    assert '<time datetime="2024-03-05">March 5, 2024</time>' in block


def test_the_line_says_updated_when_a_newer_version_went_live(client, editor, reviewer, notices):
    with freeze_time("2024-03-05 10:00:00"):
        article = factories.publish(factories.make_article(editor), reviewer)
    second = factories.make_reviewer(name="Dr Selin Kaya", credentials="MD", username="selin")
    with freeze_time("2024-08-14 10:00:00"):
        factories.edit(Article.objects.get(pk=article.pk), editor, summary="Revised summary.")
        factories.publish(Article.objects.get(pk=article.pk), second)
    line = review_line(get(client, article))
    assert "Medically reviewed by Dr Selin Kaya, MD</a>" in line
    assert 'Last reviewed <time datetime="2024-08-14">' in line
    assert 'Updated <time datetime="2024-08-14">August 14, 2024</time>' in line


def test_faq_entries_have_the_line_too(client, editor, reviewer, notices):
    entry = factories.publish(factories.make_entry(editor), reviewer)
    page = get(client, entry)
    assert "Medically reviewed by Dr Deniz Aksoy" in review_line(page)
    assert page.index("<h1>") < page.index('class="review-line"') < page.index("article__body")


def test_the_turkish_page_says_it_in_turkish_with_the_turkish_profile_texts(client):
    site = bilingual.build_site()
    page = get(client, site["article_tr"])
    line = review_line(page)
    assert line.startswith('<a href="#signoff">Tıbbi inceleme: Dr Deniz Aksoy, MD')
    assert "Son inceleme" in line and "6 Nisan 2024" in line
    block = signoff(page)
    assert ", INVAMED Tıbbi İşler</span>" in block
    assert "<dt>Çıkar beyanı</dt><dd>Beyan edilen çıkar yoktur.</dd>" in block


def test_the_signoff_shows_the_reviewers_affiliation_and_declaration(
    client, editor, reviewer, notices
):
    text = ReviewerProfileText.objects.get(profile__user=reviewer, language="en")
    text.declaration = "Consultancy fees from a spine-device maker in 2023."
    text.save()
    block = signoff(get(client, factories.publish(factories.make_article(editor), reviewer)))
    assert ", INVAMED Medical Affairs</span>" in block
    assert "<dt>Declaration of interests</dt>" in block
    assert "Consultancy fees from a spine-device maker in 2023." in block


def test_a_private_profile_shows_no_affiliation_or_declaration(client, editor, notices):
    private = factories.make_reviewer(name="Dr Ece Yıldız", public=False)
    block = signoff(get(client, factories.publish(factories.make_article(editor), private)))
    assert "INVAMED Medical Affairs" not in block
    assert "Declaration of interests" not in block
