"""
The SQL cost of every public page on a cache miss, at two data sizes.

A page's query count must not grow with the content (no query per article, tag or entry), so
each page is rendered on a small site and on one ten times larger, in English and in Turkish
(every item translated), and every count must equal the number in QUERIES below: a language
costs no query of its own. When a view changes on purpose, update its number here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from faq.models import FAQCategory
from tests import factories

pytestmark = pytest.mark.django_db

# Page name -> SQL queries for an anonymous visitor on a cache miss (the page cache is off in
# the test settings), the same at both sizes. Every page reads the live site pages its footer
# links to; an item's or category's page reads where it exists in the other languages; an
# article's or FAQ entry's page reads its reviewer's profile texts (affiliation, declaration);
# an article's related articles are ranked, then their cards read;
# the tag index counts the live articles' and the live answers' tags apart, then reads the tags.
QUERIES = {
    "home": 5,
    "index page 1": 3,
    "index page 2": 3,
    "category": 5,
    "article": 9,
    "tag": 5,
    "tag index": 4,
    "tag questions": 5,
    "FAQ index": 3,
    "FAQ category": 4,
    "FAQ entry": 7,
    "reviewer profile": 5,
    "reviewer's articles": 4,
    "reviewer's answers": 4,
    # PostgreSQL's search reads the tagged documents before its ranking (search.PostgresBackend).
    "search": 4 if connection.vendor == "postgresql" else 3,
}
SIZES = {"small": 12, "large": 120}
TAGS = ["spine care", "osteoporosis", "kyphoplasty", "vertebroplasty", "bone cement",
        "back pain", "fracture care", "imaging"]  # fmt: skip


def build_site(articles):
    """`articles` live articles in 3 categories with tags and references; FAQ entries on them;
    everything also in Turkish, each translation published."""
    editor = factories.make_user(role="editor")
    reviewer = factories.make_reviewer(name="Dr Leyla Şahin")
    notices = {kind: factories.make_notice(kind) for kind in ("regulatory", "disclaimer")}
    site_admin = factories.make_user(role="site_admin")
    for notice in notices.values():
        factories.publish(factories.translate(notice, "tr", site_admin, heading="Not"), reviewer)
    author = factories.make_author()
    categories = [factories.make_category(f"Topic {n}") for n in range(3)]
    faq_categories = [
        FAQCategory.objects.create(name=f"FAQ topic {n}", slug=f"faq-topic-{n}") for n in range(2)
    ]
    for category in categories:
        factories.make_category(f"Konu {category.name}", language="tr", source=category)
    for n, category in enumerate(faq_categories):
        FAQCategory.objects.create(
            name=f"SSS konusu {n}", slug=f"sss-konusu-{n}", language="tr", source=category
        )
    live = []
    for n in range(articles):
        article = factories.make_article(
            editor, title=f"Vertebral augmentation notes {n}", category=categories[n % 3],
            author=author, notice=notices["regulatory"], is_featured=n % 5 == 0,
            tags=[TAGS[(n + k) % len(TAGS)] for k in range(5)],
            references=[(f"Author {n}{k}. A study. Spine J. 2020.", "https://doi.org/10.1000/x")
                        for k in range(3)],
        )  # fmt: skip
        live.append(factories.publish(article, reviewer))
    for n in range(max(3, articles // 4)):
        entry = factories.make_entry(
            editor, question=f"Question about augmentation {n}?", category=faq_categories[n % 2],
            tags=[TAGS[n % len(TAGS)], TAGS[(n + 1) % len(TAGS)]],
            articles=[live[0]] + ([live[n * 7 % articles]] if n * 7 % articles else []),
        )  # fmt: skip
        entry = factories.publish(entry, reviewer)
        factories.publish(factories.translate(entry, "tr", question=f"Soru {n}?"), reviewer)
    for n, article in enumerate(live):
        article.refresh_from_db()  # its FAQ placements were signed again
        turkish = factories.translate(article, "tr", title=f"Vertebral güçlendirme notu {n}")
        factories.publish(turkish, reviewer)
    return {"article": live[0], "category": categories[0], "faq_category": faq_categories[0],
            "entry": entry, "reviewer": reviewer}  # fmt: skip


def in_language(obj, language):
    """`obj` (an item or a category of the English site) in `language`."""
    return obj if language == "en" else obj.translations.get(language=language)


# A word of the titles in each language (the translations have titles of their own).
SEARCH = {"en": "augmentation", "tr": "güçlendirme"}


def page_urls(site, language="en"):
    entry = in_language(site["entry"], language)
    profile = site["reviewer"].reviewer_profile
    with translation.override(language):
        return {
            "home": reverse("home"),
            "index page 1": reverse("blog:index"),
            "index page 2": reverse("blog:index") + "?page=2",
            "category": in_language(site["category"], language).get_absolute_url(),
            "article": in_language(site["article"], language).get_absolute_url(),
            "tag": reverse("tag", kwargs={"slug": "spine-care"}),
            "tag index": reverse("tag-index"),
            "tag questions": reverse("tag-questions", kwargs={"slug": "spine-care"}),
            "FAQ index": reverse("faq:index"),
            "FAQ category": in_language(site["faq_category"], language).get_absolute_url(),
            "FAQ entry": entry.get_absolute_url(),
            "reviewer profile": site["reviewer"].reviewer_profile.url_in(language),
            "reviewer's articles": reverse("reviewer-articles", args=[profile.slug]),
            "reviewer's answers": reverse("reviewer-answers", args=[profile.slug]) + "?page=1",
            "search": reverse("search") + "?q=" + SEARCH[language],
        }


def measure(client, urls):
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("size", SIZES)
def test_every_public_page_costs_the_same_queries_at_any_size_in_every_language(client, size):
    site = build_site(SIZES[size])
    for language in ("en", "tr"):
        assert measure(client, page_urls(site, language)) == QUERIES, language


def test_faq_index_shows_a_bounded_number_of_answers_per_category(client):
    """The index keeps its size as the FAQ grows: the first answers of each category, expandable
    without JavaScript, and a link to the category page that lists all of them."""
    from invamed.site.faq_views import INDEX_PER_CATEGORY

    build_site(SIZES["large"])  # 30 live entries in 2 FAQ categories
    page = client.get(reverse("faq:index")).content.decode()
    assert page.count('<details class="faq-item">') == 2 * INDEX_PER_CATEGORY
    for category in FAQCategory.objects.filter(language="en"):
        assert (
            f'<a href="{category.get_absolute_url()}">All questions on {category.name}</a>' in page
        )
    first = FAQCategory.objects.filter(language="en").first()
    category_page = client.get(first.get_absolute_url()).content.decode()
    assert category_page.count('<details class="faq-item">') == 15
