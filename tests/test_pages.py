"""Every public page for visitors: it renders, has one h1 and breadcrumbs, and hides what is not
live. (What each costs in queries, at two sizes: tests/test_query_counts.py.)"""

import datetime
import gzip
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from blog.models import Category
from faq.models import FAQCategory
from tests import factories
from tests.blog.pages import breadcrumbs, h1_count, jsonld, jsonld_of, unpublished

pytestmark = pytest.mark.django_db


def build_site(size, editor, reviewer):
    """`size` live articles and FAQ entries in one category, each with several tags.

    Every entry is also on the last article's FAQ block, and on `size` articles' pages.
    """
    category = factories.make_category(name="Spine", slug="spine")
    faq_category = FAQCategory.objects.create(name="Procedures", slug="procedures")
    author = factories.make_author()
    entries = []
    for n in range(size):
        tags = ["spine care", f"topic {n % 3}", f"only {n}"]
        article = factories.make_article(
            editor,
            category=category,
            author=author,
            tags=tags,
            is_featured=n < 2,
            body="<h2>A</h2><h2>B</h2><h2>C</h2>",
        )
        entry = factories.make_entry(editor, category=faq_category, tags=tags)
        factories.place(entry, article, editor)
        factories.publish(article, reviewer)
        entries.append(factories.publish(entry, reviewer))
    for entry in entries[:-1]:
        factories.place(entry, article, editor, reviewer)
    article.refresh_from_db()
    return {"category": category, "faq_category": faq_category, "article": article, "entry": entry}


# Every page type, from the site build_site() makes. (Their SQL query counts, at two sizes, are
# asserted in tests/test_query_counts.py.)
PAGES = {
    "home": lambda s: reverse("home"),
    "index": lambda s: reverse("blog:index"),
    "category": lambda s: s["category"].get_absolute_url(),
    "article": lambda s: s["article"].get_absolute_url(),
    "tag index": lambda s: reverse("tag-index"),
    "tag": lambda s: reverse("tag", args=["spine-care"]),
    "tag questions": lambda s: reverse("tag-questions", args=["spine-care"]),
    "FAQ index": lambda s: reverse("faq:index"),
    "FAQ category": lambda s: s["faq_category"].get_absolute_url(),
    "FAQ entry": lambda s: s["entry"].get_absolute_url(),
    "reviewer profile": lambda s: reverse("reviewer-profile", args=["dr-deniz-aksoy"]),
}


@pytest.mark.parametrize("page", PAGES)
def test_each_page_has_one_h1_breadcrumbs_and_a_matching_breadcrumb_list(
    client, editor, reviewer, notices, page
):
    site = build_site(2, editor, reviewer)
    content = client.get(PAGES[page](site)).content.decode()
    assert h1_count(content) == 1
    visible = breadcrumbs(content)
    assert visible[0][0] == "Home"
    assert visible[-1][1] is None  # the page itself is not a link
    items = jsonld_of(content, "BreadcrumbList")["itemListElement"]
    assert [i["name"] for i in items] == [html.unescape(name) for name, _ in visible]
    assert '<link rel="canonical" href="http://testserver/' in content
    assert "<script>" not in content and "<script src" not in content  # no JavaScript


def test_home_shows_featured_latest_categories_and_the_way_into_the_faq(
    client, editor, reviewer, notices
):
    site = build_site(4, editor, reviewer)
    page = client.get(reverse("home")).content.decode()
    assert page.count('class="card"') == 4
    assert "Featured" in page
    assert site["category"].get_absolute_url() in page
    assert site["faq_category"].get_absolute_url() in page
    assert f'href="{reverse("faq:index")}"' in page
    organization = jsonld_of(page, "Organization")
    assert organization["name"] == "INVAMED" and organization["url"] == "http://testserver/en/"


def test_index_lists_newest_first_ten_a_page(client, editor, reviewer):
    start = timezone.now() - datetime.timedelta(days=30)
    for n in range(12):
        article = factories.make_article(editor, title=f"Day {n:02}")
        factories.publish(article, reviewer, when=start + datetime.timedelta(days=n))
    first = client.get(reverse("blog:index")).content.decode()
    assert first.count('class="card"') == 10
    assert first.index("Day 11") < first.index("Day 10") < first.index("Day 02")
    assert "Day 01" not in first
    second = client.get(reverse("blog:index") + "?page=2").content.decode()
    assert "Day 01" in second and "Day 00" in second
    assert '<link rel="canonical" href="http://testserver/en/invablog/?page=2">' in second


def test_every_page_holds_what_a_plain_paginator_gives_whichever_end_it_is_counted_from(
    editor, reviewer
):
    """DeferredJoinPaginator counts pages in the second half from the end of the list (walking
    the index backwards): each page must still hold exactly the articles, in the order, that
    Django's own Paginator gives, orphans included; articles published at the same moment
    (a tie broken by id) included."""
    from django.core.paginator import Paginator

    from blog.models import Article
    from invamed.site.pages import DeferredJoinPaginator, Listing

    start = timezone.now() - datetime.timedelta(days=30)
    for n in range(23):
        when = start + datetime.timedelta(days=n // 2)  # pairs published at the same moment
        factories.publish(factories.make_article(editor, title=f"Item {n:02}"), reviewer, when=when)
    listed = Article.objects.published()
    for per_page, orphans in [(10, 0), (3, 0), (4, 2), (5, 3)]:
        plain = Paginator(listed, per_page, orphans=orphans)
        listing = Listing(("test listed",), Article.objects.published, [])
        deferred = DeferredJoinPaginator(listing, per_page, orphans=orphans)
        assert deferred.num_pages == plain.num_pages
        for number in plain.page_range:
            expected = [a.pk for a in plain.page(number)]
            assert [a.pk for a in deferred.page(number)] == expected, (per_page, orphans, number)


@pytest.mark.parametrize("page", ["0", "3", "abc", "-1", "99999999999999999999"])
def test_bad_page_numbers_are_404(client, editor, reviewer, page):
    factories.publish(factories.make_article(editor, tags=["spine care"]), reviewer)
    for url in [
        reverse("blog:index"),
        reverse("tag", args=["spine-care"]),
        Category.objects.get().get_absolute_url(),
    ]:
        assert client.get(url, {"page": page}).status_code == 404, (url, page)


def test_nothing_unpublished_reaches_any_list(client, editor, reviewer, notices):
    """Drafts, items in review, approved, scheduled and withdrawn items appear on no page."""
    site = build_site(1, editor, reviewer)
    hidden_tag = "secret topic"
    articles = unpublished(
        factories.make_article,
        reviewer,
        title="Hidden article",
        category=site["category"],
        tags=["spine care", hidden_tag],
    )
    entries = unpublished(
        factories.make_entry,
        reviewer,
        question="Hidden question?",
        category=site["faq_category"],
        tags=["spine care", hidden_tag],
    )
    for entry in entries.values():
        factories.place(entry, site["article"], editor, reviewer)
    urls = [
        reverse("home"),
        reverse("blog:index"),
        site["category"].get_absolute_url(),
        reverse("tag-index"),
        reverse("tag", args=["spine-care"]),
        reverse("faq:index"),
        site["faq_category"].get_absolute_url(),
        site["article"].get_absolute_url(),
        site["entry"].get_absolute_url(),
        reverse("reviewer-profile", args=["dr-deniz-aksoy"]),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert "Hidden article" not in page, url
        assert "Hidden question?" not in page, url
        assert hidden_tag not in page, url
    assert client.get(reverse("tag", args=["secret-topic"])).status_code == 404
    for item in [*articles.values(), *entries.values()]:
        assert client.get(item.get_absolute_url()).status_code == 404


# Tags


def test_tag_index_counts_live_items_and_files_tags_under_letters(client, editor, reviewer):
    factories.publish(
        factories.make_article(editor, tags=["Spine care", "osteoporosis", "öksürük"]), reviewer
    )
    factories.publish(factories.make_article(editor, tags=["spine care", "3D imaging"]), reviewer)
    factories.publish(factories.make_entry(editor, tags=["osteoporosis"]), reviewer)
    page = client.get(reverse("tag-index")).content.decode()
    letters = re.findall(r'<h2 id="letter-\d+">(.*?)</h2>', page)
    assert letters == ["#", "O", "S"]  # "öksürük" is filed under O, next to its neighbours
    assert (
        page.index("3D imaging")
        < page.index("öksürük")
        < page.index("osteoporosis")
        < page.index("Spine care")
    )
    assert 'osteoporosis <span class="count">2<' in page
    assert 'Spine care <span class="count">2<' in page


def test_tag_page_lists_live_articles_and_entries(client, editor, reviewer):
    article = factories.publish(
        factories.make_article(editor, title="Tagged", tags=["kyphoplasty"]), reviewer
    )
    entry = factories.publish(
        factories.make_entry(editor, question="Tagged question?", tags=["kyphoplasty"]), reviewer
    )
    factories.publish(factories.make_article(editor, title="Untagged"), reviewer)
    page = client.get(reverse("tag", args=["kyphoplasty"])).content.decode()
    assert article.get_absolute_url() in page and entry.get_absolute_url() in page
    assert "Untagged" not in page
    assert "<h1>Kyphoplasty</h1>" in page  # a tag's name is a heading there


def test_tag_page_lists_the_first_questions_and_links_to_all_of_them(
    client, editor, reviewer, settings
):
    from invamed.site.views import TAG_PAGE_QUESTIONS

    entries = [
        factories.publish(
            factories.make_entry(editor, question=f"Spine question {n:02}?", tags=["spine care"]),
            reviewer,
        )
        for n in range(TAG_PAGE_QUESTIONS + 15)
    ]
    draft = factories.make_entry(editor, question="Unreviewed spine question?", tags=["spine care"])
    page = client.get(reverse("tag", args=["spine-care"])).content.decode()
    shown = [e for e in entries if e.get_absolute_url() in page]
    assert len(shown) == TAG_PAGE_QUESTIONS
    questions_url = reverse("tag-questions", args=["spine-care"])
    assert f'href="{questions_url}">All questions about spine care</a>' in page

    first = client.get(questions_url).content.decode()
    second = client.get(questions_url + "?page=2").content.decode()
    assert "<h1>Questions about spine care</h1>" in first
    assert "Page 1 of 2" in first
    listed = [e for e in entries if e.get_absolute_url() in first + second]
    assert len(listed) == len(entries)
    assert draft.question not in first + second
    assert client.get(questions_url + "?page=3").status_code == 404


def test_tag_page_without_more_questions_has_no_link_and_questions_page_404s_without_any(
    client, editor, reviewer
):
    factories.publish(
        factories.make_entry(editor, question="One question?", tags=["bone cement"]), reviewer
    )
    factories.publish(factories.make_article(editor, title="Only", tags=["imaging"]), reviewer)
    assert (
        "All questions about"
        not in client.get(reverse("tag", args=["bone-cement"])).content.decode()
    )
    assert client.get(reverse("tag-questions", args=["bone-cement"])).status_code == 200
    assert client.get(reverse("tag-questions", args=["imaging"])).status_code == 404
    assert client.get(reverse("tag-questions", args=["no-such-tag"])).status_code == 404


def test_non_ascii_tags_have_transliterated_urls(client, editor, reviewer):
    article = factories.publish(factories.make_article(editor, tags=["omurga kırığı"]), reviewer)
    url = reverse("tag", args=["omurga-kirigi"])
    assert url == "/en/tags/omurga-kirigi/"
    assert f'href="{url}"' in client.get(article.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert "omurga kırığı" in response.content.decode()


def test_unknown_tag_is_404(client, db):
    assert client.get(reverse("tag", args=["nothing-here"])).status_code == 404


# Reviewer profile and editorial policy


def test_reviewer_profile_lists_live_items_newest_first_and_no_private_data(client, editor):
    reviewer = factories.make_reviewer(name="Dr Mert Kara", username="mk-login-77")
    now = timezone.now()
    older = factories.publish(
        factories.make_article(editor, title="Older review"),
        reviewer,
        when=now - datetime.timedelta(days=40),
    )
    factories.publish(
        factories.make_article(editor, title="Newer review"),
        reviewer,
        when=now - datetime.timedelta(days=2),
    )
    entry = factories.publish(factories.make_entry(editor, question="Reviewed question?"), reviewer)
    unpublished(factories.make_article, reviewer, title="Hidden article")
    page = client.get(reverse("reviewer-profile", args=["dr-mert-kara"])).content.decode()
    assert "<h1>Dr Mert Kara</h1>" in page
    assert "MD, physical medicine" in page and "Medical reviewer" in page
    assert "Reviews spine and pain-management content." in page
    assert page.index("Newer review") < page.index("Older review")
    assert entry.get_absolute_url() in page and older.get_absolute_url() in page
    assert "Hidden article" not in page
    assert reviewer.email not in page and "mk-login-77" not in page
    profile = jsonld_of(page, "ProfilePage")["mainEntity"]
    assert profile["name"] == "Dr Mert Kara" and profile["@type"] == "Person"
    assert profile["hasCredential"]["name"] == "MD, physical medicine"
    assert "email" not in profile


def test_a_profile_lists_the_newest_of_each_kind_and_links_to_pages_of_all_of_them(client, editor):
    """However much a reviewer signed off, the profile keeps its size: the newest PROFILE_LIST
    articles and answers, then twenty a page on a page of each kind (old addresses move)."""
    from invamed.site.views import PROFILE_LIST

    reviewer = factories.make_reviewer(name="Dr Mert Kara")
    start = timezone.now() - datetime.timedelta(days=60)
    for n in range(PROFILE_LIST + 15):
        article = factories.make_article(editor, title=f"Reviewed article {n:02}")
        factories.publish(article, reviewer, when=start + datetime.timedelta(days=n))
    for n in range(3):
        entry = factories.make_entry(editor, question=f"Reviewed question {n}?")
        factories.publish(entry, reviewer)
    profile = reverse("reviewer-profile", args=["dr-mert-kara"])
    page = client.get(profile).content.decode()
    listed = re.findall(r">Reviewed article (\d+)</a>", page)
    assert listed == [f"{n:02}" for n in range(PROFILE_LIST + 14, 14, -1)]
    everything = reverse("reviewer-articles", args=["dr-mert-kara"])
    assert f'<a href="{everything}">All articles reviewed' in page
    assert page.count("Reviewed question") == 3 and "All FAQ answers reviewed" not in page

    first, second = (client.get(everything + query).content.decode() for query in ("", "?page=2"))
    assert "<h1>Articles reviewed by Dr Mert Kara</h1>" in first and h1_count(first) == 1
    assert re.findall(r">Reviewed article (\d+)</a>", first + second) == [
        f"{n:02}" for n in range(PROFILE_LIST + 14, -1, -1)
    ]
    assert [name for name, _url in breadcrumbs(first)] == [
        "Home", "Dr Mert Kara", "Articles reviewed"
    ]  # fmt: skip
    assert "Page 2 of 2" in second and "Reviewed question" not in first
    answers = client.get(reverse("reviewer-answers", args=["dr-mert-kara"])).content.decode()
    assert answers.count("Reviewed question") == 3 and "<h1>FAQ answers reviewed by" in answers
    assert client.get(everything + "?page=3").status_code == 404

    with translation.override("tr"):
        turkish = client.get(reverse("reviewer-articles", args=["dr-mert-kara"])).content.decode()
    assert "Dr Mert Kara tarafından incelenen makaleler" in turkish

    reviewer.reviewer_profile.slug = "dr-mert-kara-md"
    reviewer.reviewer_profile.save()
    moved = client.get(everything + "?page=2")
    assert moved.status_code == 301
    assert moved["Location"] == reverse("reviewer-articles", args=["dr-mert-kara-md"])


def test_private_reviewer_profile_is_404(client, db):
    factories.make_reviewer(name="Dr Hidden Person", public=False)
    for route in ("reviewer-profile", "reviewer-articles", "reviewer-answers"):
        assert client.get(reverse(route, args=["dr-hidden-person"])).status_code == 404


def test_editorial_policy_page_shows_the_live_policy_and_its_regulatory_sign_off(client, db):
    draft = factories.make_site_page(title="How we work", body="<p>We review.</p>", live=False)
    assert client.get(reverse("editorial-policy")).status_code == 404
    factories.publish(draft)
    page = client.get(reverse("editorial-policy")).content.decode()
    assert "<h1>How we work</h1>" in page and "We review." in page
    assert h1_count(page) == 1
    assert "Regulatory review by:" in page and "Reviewed by:" not in page


# Error pages


def test_404_page_is_in_the_site_design(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert (
        "Page not found" in page and 'class="site-header"' in page and 'class="skip-link"' in page
    )
    assert h1_count(page) == 1
    assert '<meta name="robots" content="noindex">' in page


def test_500_page_is_in_the_site_design_without_the_database(rf, django_assert_num_queries):
    from invamed.site.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page and 'class="site-header"' in page
    assert h1_count(page) == 1


def test_feed_links_are_advertised_when_the_feeds_exist(client, db):
    from django.urls import NoReverseMatch

    page = client.get(reverse("home")).content.decode()
    try:
        rss = reverse("blog:feed-rss")
    except NoReverseMatch:
        assert 'type="application/rss+xml"' not in page
    else:
        assert (
            f'<link rel="alternate" type="application/rss+xml" title="INVAblog (RSS)" href="{rss}">'
            in page
        )
    assert len(jsonld(page)) == 2  # Organization and BreadcrumbList


def test_one_small_stylesheet_with_focus_styles_and_a_print_layout():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    # What a visitor downloads: WhiteNoise serves the stylesheet compressed.
    assert len(gzip.compress(css.encode())) < 6_000
    assert ":focus-visible" in css and "@media print" in css and "--measure" in css
