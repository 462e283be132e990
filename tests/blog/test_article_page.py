"""The public article page, element by element as the reference page has it, and its metadata."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from blog.models import Article, ArticleVersion
from invamed.review import services
from tests import factories
from tests.blog.pages import breadcrumbs, h1_count, jsonld, jsonld_of, unpublished

pytestmark = pytest.mark.django_db

BODY = (
    "<h2>What is vertebral augmentation?</h2><p>" + "Cement stabilises a fracture. " * 60 + "</p>"
    "<h2>Who is it for?</h2><p>Patients with painful fractures.</p>"
    "<h2>Risks &amp; benefits</h2><p>Discussed with the team.</p>"
)


@pytest.fixture
def article(editor, reviewer, notices):
    article = factories.make_article(
        editor,
        title="Vertebral augmentation explained",
        body=BODY,
        notice=notices["regulatory"],
        tags=["spine care", "osteoporosis", "kyphoplasty"],
        references=[
            ("Doe J. A study. Spine J. 2020.", "https://doi.org/10.1000/1"),
            ("Roe R. Another study. 2021.", ""),
        ],
    )
    return factories.publish(article, reviewer)


def get(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_article_page_has_every_element_in_the_reference_order(client, article, editor, reviewer):
    entry = factories.publish(factories.make_entry(editor, articles=[article]), reviewer)
    page = get(client, article)
    version = article.live_version
    markers = [
        ("skip link", 'class="skip-link" href="#main"'),
        ("site header", 'class="site-header"'),
        ("main navigation", 'aria-label="Main"'),
        ("breadcrumbs", 'aria-label="Breadcrumb"'),
        ("category", f'href="{version.category.get_absolute_url()}"'),
        ("publication date", "<time datetime="),
        ("byline", 'class="article__byline"'),
        ("h1", "<h1>"),
        ("summary", 'class="article__summary"'),
        ("body", 'class="article__body prose"'),
        ("references", '<h2 id="references-heading">References</h2>'),
        ("FAQ", f"<summary>{entry.live_version.question}</summary>"),
        ("regulatory notice", 'class="notice notice--regulatory"'),
        ("sign-off", "Reviewed by:"),
        ("disclaimer", 'class="notice notice--disclaimer"'),
        ("tags", 'class="tag-list"'),
    ]
    start = page.index("<body")  # the head's JSON-LD repeats some texts
    positions = [(name, page.find(marker, start)) for name, marker in markers]
    missing = [name for name, position in positions if position < 0]
    assert not missing
    assert [name for name, _ in sorted(positions, key=lambda p: p[1])] == [n for n, _ in markers]
    assert page.index('class="skip-link"') < page.index("<header")  # first thing a keyboard reaches
    assert f"<title>{version.title} | INVAMED</title>" in page
    assert h1_count(page) == 1


def test_byline_names_the_author_not_the_reviewer(client, article):
    byline = re.search(r'class="article__byline">(.*?)</p>', get(client, article), re.DOTALL).group(
        1
    )
    assert "INVAMED Medical Affairs" in byline
    assert "Aksoy" not in byline


def test_signoff_links_the_public_profile_and_the_editorial_policy(client, article):
    factories.make_site_page()
    page = get(client, article)
    profile = article.live_signoff.reviewer.reviewer_profile
    link = f'<a href="{profile.get_absolute_url()}">Dr Deniz Aksoy, MD, physical medicine</a>'
    assert f"Reviewed by: {link}" in page
    signoff = re.search(r'<section class="signoff".*?</section>', page, re.DOTALL).group(0)
    assert reverse("editorial-policy") in signoff
    assert "Last reviewed" in signoff and "Next review due" in signoff


def test_reviewer_without_public_profile_is_shown_by_name_only(client, editor, notices):
    private = factories.make_reviewer(name="Dr Ece Yıldız", public=False)
    article = factories.publish(factories.make_article(editor), private)
    page = get(client, article)
    assert "Reviewed by: Dr Ece Yıldız, MD, physical medicine</p>" in page
    assert "/reviewers/" not in page
    assert "url" not in jsonld_of(page, "MedicalWebPage")["reviewedBy"]


def test_references_are_a_numbered_list_under_their_heading(client, article):
    references = re.search(
        r'<section class="references".*?</section>', get(client, article), re.DOTALL
    )
    assert "<ol>" in references.group(0)
    assert '<a href="https://doi.org/10.1000/1">' in references.group(0)
    assert "Roe R. Another study. 2021." in references.group(0)


def test_table_of_contents_links_each_section_of_a_long_article(client, article):
    page = get(client, article)
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.DOTALL).group(0)
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors == ["what-is-vertebral-augmentation", "who-is-it-for", "risks-benefits"]
    for anchor in anchors:
        assert f'<h2 id="{anchor}">' in page
    assert "Risks &amp; benefits</a>" in toc


def test_short_article_has_no_table_of_contents(client, live_article):
    assert 'class="toc"' not in get(client, live_article)


def test_reading_time_follows_the_length_of_the_body(client, article, live_article):
    assert "2 min read" in get(client, article)  # about 200 words
    assert "1 min read" in get(client, live_article)


def test_body_is_sanitised_when_shown_even_if_stored_unsafe(client, article):
    """A value written behind the model's back (QuerySet.update) is cleaned on the way out."""
    unsafe = '<h2 onclick="x()">Hi</h2><script>alert(1)</script><a href="javascript:x()">l</a>'
    ArticleVersion.objects.filter(pk=article.live_version_id).update(body=unsafe)
    page = get(client, article)
    body = re.search(r'class="article__body prose">(.*?)</div>', page, re.DOTALL).group(1)
    assert "<script" not in body and "alert(1)" not in body
    assert "onclick" not in body and "javascript:" not in body


def test_unpublished_article_is_404(client, editor, reviewer):
    for state, article in unpublished(
        factories.make_article, reviewer, author=factories.make_author()
    ).items():
        assert client.get(article.get_absolute_url()).status_code == 404, state


def test_faq_block_shows_only_live_entries_in_the_editors_order(client, article, editor, reviewer):
    second = factories.make_entry(editor, question="Second question?")
    first = factories.make_entry(editor, question="First question?")
    for entry in unpublished(factories.make_entry, reviewer, question="Hidden q?").values():
        factories.place(entry, article, editor)
    factories.place(first, article, editor)
    factories.place(second, article, editor)
    factories.publish(first, reviewer)
    factories.publish(second, reviewer)
    page = get(client, Article.objects.get(pk=article.pk))
    assert "Hidden q?" not in page
    assert page.index("First question?") < page.index("Second question?")
    faq = jsonld_of(page, "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == ["First question?", "Second question?"]


def test_tags_link_to_their_tag_pages(client, article):
    page = get(client, article)
    for tag in article.live_version.tags.all():
        assert f'href="{reverse("tag", args=[tag.slug])}"' in page


def test_page_shows_the_live_version_not_a_later_draft(client, article, editor):
    factories.edit(Article.objects.get(pk=article.pk), editor, title="Unreviewed new title")
    page = get(client, article)
    assert "Unreviewed new title" not in page
    assert "Vertebral augmentation explained" in page


# Related articles


def test_related_articles_rank_shared_tags_then_category_then_recency(
    client, article, editor, reviewer
):
    category = article.live_version.category
    other = factories.make_category()
    now = timezone.now()

    def live(title, tags, category, days_ago):
        item = factories.make_article(editor, title=title, tags=tags, category=category)
        return factories.publish(item, reviewer, when=now - datetime.timedelta(days=days_ago))

    live("Two shared", ["spine care", "kyphoplasty"], other, 30)
    live("One shared, same category", ["osteoporosis"], category, 20)
    live("One shared, newer", ["spine care"], other, 1)
    live("Unrelated", ["cardiology"], other, 0)
    # Unpublished articles sharing every tag and the category would rank first if they leaked.
    unpublished(
        factories.make_article,
        reviewer,
        tags=["spine care", "kyphoplasty", "osteoporosis"],
        category=category,
    )
    page = get(client, article)
    related = re.search(r'<aside class="related".*?</aside>', page, re.DOTALL).group(0)
    titles = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', related)
    assert titles == ["Two shared", "One shared, same category", "One shared, newer"]
    assert "Vertebral augmentation explained" not in related


def test_related_articles_take_two_queries(article, editor, reviewer, django_assert_num_queries):
    """The ranking, then the winners' cards, whatever the number of tags."""
    from invamed.site.blog_views import related_articles

    for n in range(5):
        tags = ["spine care", *(f"t{n}-{k}" for k in range(n))]
        factories.publish(factories.make_article(editor, tags=tags), reviewer)
    article = Article.objects.published().prefetch_related("live_version__tags").get(pk=article.pk)
    with django_assert_num_queries(2):
        assert len(related_articles(article, article.live_version.tags.all())) == 3
    tagged = Article.objects.published().exclude(pk=article.pk).order_by("pk").last()
    tagged = Article.objects.published().prefetch_related("live_version__tags").get(pk=tagged.pk)
    with django_assert_num_queries(2):
        assert len(related_articles(tagged, tagged.live_version.tags.all())) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQL compiled once: PostgreSQL")
def test_related_articles_from_sql_compiled_once_are_those_of_the_ranking_built_anew(
    article, editor, reviewer
):
    """related_articles() runs the ranking from SQL compiled once with slots for the article,
    its category and its tags: for each article, whatever its number of tags, it returns the
    articles of the ranking's own queryset, in its order."""
    from invamed.site.blog_views import related_articles, related_ranking

    categories = [article.live_version.category, factories.make_category()]
    for n in range(6):
        tags = ["spine care", *(f"t{k}" for k in range(n))]
        item = factories.make_article(editor, tags=tags, category=categories[n % 2])
        factories.publish(item, reviewer)
    for item in Article.objects.published().prefetch_related("live_version__tags"):
        version = item.live_version
        tag_ids = [tag.pk for tag in version.tags.all()]
        expected = [pk for (pk,) in related_ranking(item.pk, "en", version.category_id, tag_ids, 3)]
        assert [a.pk for a in related_articles(item, version.tags.all())] == expected
        assert len(expected) == 3 and item.pk not in expected


# Metadata and JSON-LD


def test_head_has_canonical_description_and_social_tags(client, article):
    page = get(client, article)
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta name="description" content="{article.live_version.summary}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:title" content="{article.live_version.title}">' in page
    assert '<meta name="twitter:card" content="summary">' in page


def test_canonical_ignores_query_strings(client, article):
    page = client.get(article.get_absolute_url() + "?utm_source=x").content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in page


def test_medical_web_page_jsonld_describes_the_page(client, article):
    page = get(client, article)
    data = jsonld_of(page, "MedicalWebPage")
    version = article.live_version
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == version.title
    assert data["author"] == {"@type": "Organization", "name": "INVAMED Medical Affairs"}
    assert data["publisher"]["name"] == "INVAMED"
    profile_url = (
        "http://testserver" + article.live_signoff.reviewer.reviewer_profile.get_absolute_url()
    )
    assert data["reviewedBy"]["@type"] == "Person"
    assert data["reviewedBy"]["name"] == "Dr Deniz Aksoy"
    assert data["reviewedBy"]["jobTitle"] == "MD, physical medicine"
    assert data["reviewedBy"]["url"] == profile_url
    shown = re.search(r'Last reviewed</dt><dd><time datetime="([^"]+)"', page).group(1)
    assert data["lastReviewed"] == shown
    assert data["medicalAudience"] == {"@type": "MedicalAudience", "audienceType": "Clinician"}
    assert sorted(data["keywords"]) == ["kyphoplasty", "osteoporosis", "spine care"]
    assert [c["name"] for c in data["citation"]] == [
        "Doe J. A study. Spine J. 2020.",
        "Roe R. Another study. 2021.",
    ]
    assert "FAQPage" not in [block["@type"] for block in jsonld(page)]


def test_person_author_is_a_person_in_jsonld(client, editor, reviewer):
    author = factories.make_author(name="Dr Ali Veli", is_team=False)
    article = factories.publish(factories.make_article(editor, author=author), reviewer)
    assert jsonld_of(get(client, article), "MedicalWebPage")["author"]["@type"] == "Person"


def test_last_reviewed_is_the_approval_day_not_the_reading_day(client, editor, reviewer):
    with freeze_time("2024-03-05 10:00:00"):
        article = factories.publish(factories.make_article(editor), reviewer)
    with freeze_time("2024-09-20 10:00:00"):
        page = get(client, article)
    assert '<time datetime="2024-03-05">March 5, 2024</time>' in page
    assert jsonld_of(page, "MedicalWebPage")["lastReviewed"] == "2024-03-05"


def test_reconfirmation_moves_last_reviewed_and_a_save_without_review_does_not(
    client, editor, reviewer
):
    with freeze_time("2024-03-05 10:00:00"):
        article = factories.publish(factories.make_article(editor), reviewer)
    with freeze_time("2025-02-10 10:00:00"):
        services.perform(article, "reconfirm", reviewer, password=factories.PASSWORD)
    with freeze_time("2025-06-01 10:00:00"):
        factories.edit(Article.objects.get(pk=article.pk), editor, summary="Changed, not reviewed.")
    with freeze_time("2025-07-01 10:00:00"):  # read before the next review falls due
        page = get(client, article)
    assert jsonld_of(page, "MedicalWebPage")["lastReviewed"] == "2025-02-10"
    assert 'Last reviewed</dt><dd><time datetime="2025-02-10">' in page
    assert 'Next review due</dt><dd><time datetime="2026-02-10">' in page
    assert "Changed, not reviewed." not in page


def test_jsonld_cannot_be_broken_out_of_by_content(client, editor, reviewer):
    article = factories.make_article(editor, title="A </script><script>alert(1)</script> title")
    article = factories.publish(article, reviewer)
    page = get(client, article)
    assert "<script>alert(1)" not in page
    assert (
        jsonld_of(page, "MedicalWebPage")["headline"]
        == "A </script><script>alert(1)</script> title"
    )


def test_breadcrumb_jsonld_matches_the_visible_breadcrumbs(client, article):
    page = get(client, article)
    visible = breadcrumbs(page)
    assert [name for name, _ in visible] == ["Home", "INVAblog", "Vertebral augmentation explained"]
    assert visible[0][1] == reverse("home") and visible[1][1] == reverse("blog:index")
    items = jsonld_of(page, "BreadcrumbList")["itemListElement"]
    assert [(i["position"], i["name"]) for i in items] == [
        (n, html.unescape(name)) for n, (name, _) in enumerate(visible, start=1)
    ]
    assert [i["item"] for i in items[:-1]] == [
        f"http://testserver{href}" for _, href in visible[:-1]
    ]
    assert items[-1]["item"] == f"http://testserver{article.get_absolute_url()}"


def test_a_newer_published_version_shows_updated_after_the_review_dates(client, editor, reviewer):
    with freeze_time("2024-03-05 10:00:00"):
        article = factories.publish(factories.make_article(editor), reviewer)
    assert "Updated" not in get(client, article)
    second = factories.make_reviewer(name="Dr Selin Kaya", username="selin2")
    with freeze_time("2024-08-14 10:00:00"):
        factories.edit(Article.objects.get(pk=article.pk), editor, summary="Revised summary.")
        factories.publish(Article.objects.get(pk=article.pk), second)
    page = get(client, article)
    assert 'Updated</dt><dd><time datetime="2024-08-14">August 14, 2024</time>' in page
    assert '<time datetime="2024-03-05">March 5, 2024</time>' in page  # first publication
    data = jsonld_of(page, "MedicalWebPage")
    assert data["lastReviewed"] == "2024-08-14"
    assert data["datePublished"].startswith("2024-03-05")
    assert data["dateModified"].startswith("2024-08-14")
