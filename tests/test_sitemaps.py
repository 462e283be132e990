"""sitemap.xml (invamed/sitemaps.py) and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import FAQCategory
from invamed.content.models import Tag
from invamed.review import services
from invamed.review.models import reverse_in
from tests import factories
from tests.test_search import live_article, live_entry, unpublished_grid

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://testserver"


def sitemap(client):
    """{path: lastmod text or None} of every <url> in sitemap.xml."""
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = {}
    for url in root.findall(f"{NS}url"):
        loc = url.findtext(f"{NS}loc")
        assert loc.startswith(SITE)
        urls[loc.removeprefix(SITE)] = url.findtext(f"{NS}lastmod")
    return urls


def lastmod_date(text):
    return datetime.date.fromisoformat(text[:10])


def test_sitemap_lists_live_content_and_the_pages_that_lead_to_it(client, reviewer):
    spine = factories.make_category("Spine")
    faq_category = FAQCategory.objects.create(name="Treatment", slug="treatment")
    article = live_article(reviewer, category=spine, tags=["spine care"])
    entry = live_entry(reviewer, category=faq_category, tags=["omurga kırığı"])
    urls = sitemap(client)
    expected = {
        reverse_in(language, name)
        for name in ("home", "blog:index", "faq:index", "tag-index") for language in ("en", "tr")
    } | {
        article.get_absolute_url(), spine.get_absolute_url(),
        entry.get_absolute_url(), faq_category.get_absolute_url(),
        reverse("tag", kwargs={"slug": Tag.objects.get(name="spine care").slug}),
        reverse("tag", kwargs={"slug": Tag.objects.get(name="omurga kırığı").slug}),
    }  # fmt: skip
    assert set(urls) == expected
    today = timezone.localdate()
    for path in [article.get_absolute_url(), entry.get_absolute_url(),
                 spine.get_absolute_url(), faq_category.get_absolute_url()]:  # fmt: skip
        assert lastmod_date(urls[path]) == today, path


def test_editorial_policy_is_listed_only_when_live(client):
    policy = factories.make_site_page(live=False)
    assert reverse("editorial-policy") not in sitemap(client)
    factories.publish(policy)
    assert reverse("editorial-policy") in sitemap(client)


def test_a_translated_page_names_its_other_language(client, reviewer, editor):
    """Each language of a page is an entry of its own, with xhtml:link alternates to both and
    x-default to the English one; a page in one language only has none."""
    english = live_article(reviewer, tags=["spine care"])
    factories.make_category("Omurga", language="tr", source=english.category)
    turkish = factories.publish(
        services.translate(english, "tr", editor), factories.make_reviewer(name="Dr Ece Tan")
    )
    lonely = live_article(reviewer)
    root = ET.fromstring(client.get(reverse("sitemap")).content)
    alternates = {}
    for url in root.findall(f"{NS}url"):
        links = url.findall("{http://www.w3.org/1999/xhtml}link")
        alternates[url.findtext(f"{NS}loc").removeprefix(SITE)] = {
            link.get("hreflang"): link.get("href").removeprefix(SITE) for link in links
        }
    both = {"en": english.get_absolute_url(), "tr": turkish.get_absolute_url(),
            "x-default": english.get_absolute_url()}  # fmt: skip
    assert alternates[english.get_absolute_url()] == both
    assert alternates[turkish.get_absolute_url()] == both
    assert alternates[lonely.get_absolute_url()] == {}


def test_article_lastmod_is_publication_or_a_later_review(client, reviewer, editor):
    """A re-review confirms the live page and moves its last-modified date; an unreviewed
    edit of the working copy does not."""
    published = timezone.now() - datetime.timedelta(days=40)
    article = factories.publish(factories.make_article(editor), reviewer, when=published)
    url = article.get_absolute_url()
    assert lastmod_date(sitemap(client)[url]) == timezone.localdate(published)

    reviewed = timezone.now() - datetime.timedelta(days=3)
    services.perform(article, "reconfirm", reviewer, password=factories.PASSWORD, when=reviewed)
    assert lastmod_date(sitemap(client)[url]) == timezone.localdate(reviewed)

    article.refresh_from_db()
    factories.edit(article, editor, title="Unreviewed change")
    assert lastmod_date(sitemap(client)[url]) == timezone.localdate(reviewed)


def test_category_lastmod_is_its_newest_live_article(client, reviewer):
    spine = factories.make_category("Spine")
    old = timezone.now() - datetime.timedelta(days=50)
    new = timezone.now() - datetime.timedelta(days=5)
    factories.publish(factories.make_article(category=spine), reviewer, when=old)
    factories.publish(factories.make_article(category=spine), reviewer, when=new)
    assert lastmod_date(sitemap(client)[spine.get_absolute_url()]) == timezone.localdate(new)


def test_nothing_unpublished_is_in_the_sitemap(client, reviewer, editor):
    """Unpublished items are absent, and so are categories and tags that only they use."""
    live_article(reviewer, title="Vertebra live article", tags=["vertebra"])
    live_entry(reviewer, question="Vertebra live question?", tags=["vertebra"])
    hidden_category = factories.make_category("Hidden only", slug="hidden-only")
    hidden_faq_category = FAQCategory.objects.create(name="Hidden FAQ", slug="hidden-faq")
    unpublished_grid(reviewer, editor, category=hidden_category,
                     faq_category=hidden_faq_category, tags=["vertebra", "hiddentag"])  # fmt: skip
    paths = set(sitemap(client))
    assert not [p for p in paths if "hidden" in p]
    assert reverse("tag", kwargs={"slug": "vertebra"}) in paths


@pytest.mark.parametrize("size", [2, 6])
def test_sitemap_query_count_is_constant(client, reviewer, django_assert_num_queries, size):
    """Per section of items a count and a page of them (the fixed pages need no query)."""
    for n in range(size):
        live_article(reviewer, tags=[f"tag {n}"])
        live_entry(reviewer, tags=[f"tag {n}"])
    with django_assert_num_queries(11):
        urls = sitemap(client)
    assert len(urls) == 8 + 5 * size


def test_robots_txt_allows_all_but_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert [line for line in lines if line.startswith("Disallow")] == ["Disallow: /admin/"]
