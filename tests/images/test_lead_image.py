"""
An article's lead image: chosen from the library in the admin, signed with the article, shown on
its cards (home, INVAblog, category and tag pages, related articles), under its header, and as
the picture of its link previews (Open Graph, Twitter card, JSON-LD). The pages cost the same
queries with one image or five.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Article
from invamed import fragments
from invamed.images import reviewed
from tests import factories
from tests.review.test_admin_changeform import change_form_data, change_url

from .pictures import library_image
from .test_rendering import Tags
from .test_signed_figures import body_with, replace_picture


@pytest.fixture
def category(db):
    return factories.make_category("Spine")


def live_article(editor, reviewer, category, lead=None, body_images=(), **fields):
    article = factories.make_article(
        editor, category=category, lead_image=lead, body=body_with(*body_images),
        tags=["spine care"], **fields,
    )  # fmt: skip
    return factories.publish(article, reviewer)


@pytest.fixture
def lead(db):
    return library_image(size=(2000, 1250), alt="Lumbar spine, side view", caption="Lumbar spine")


@pytest.fixture
def with_lead(editor, reviewer, notices, category, lead):
    return live_article(editor, reviewer, category, lead, title="With a lead image")


def card_pictures(html):
    """The <img> of each card picture on a page."""
    tags = Tags(html)
    found, inside = [], False
    for tag, attrs in tags.tags:
        if tag == "picture":
            inside = "card__picture" in attrs.get("class", "")
        elif tag == "img" and inside:
            found.append(attrs)
            inside = False
    return found


LISTS = {
    "home": lambda article: reverse("home"),
    "INVAblog": lambda article: reverse("blog:index"),
    "category": lambda article: article.live_version.category.get_absolute_url(),
    "tag": lambda article: reverse("tag", kwargs={"slug": "spine-care"}),
}


@pytest.mark.parametrize("page", LISTS)
def test_the_lead_image_is_on_the_articles_cards(client, with_lead, lead, page):
    html = client.get(LISTS[page](with_lead)).content.decode()
    (img,) = card_pictures(html)
    assert lead.file.sha256 in img["src"] and img["alt"] == ""
    assert img["loading"] == "lazy" and img["width"] and img["height"]
    assert max(int(p.rsplit(" ", 1)[1][:-1]) for p in img["srcset"].split(", ")) <= 800


def test_related_articles_show_their_lead_images(
    client, editor, reviewer, notices, category, with_lead, lead
):
    other = live_article(editor, reviewer, category, title="Another article")
    (img,) = card_pictures(client.get(other.get_absolute_url()).content.decode())
    assert lead.file.sha256 in img["src"]


def test_an_article_without_a_lead_image_has_a_plain_card(
    client, editor, reviewer, notices, category
):
    live_article(editor, reviewer, category)
    assert card_pictures(client.get(reverse("blog:index")).content.decode()) == []


def test_the_lead_image_is_the_link_previews_picture(client, with_lead, lead):
    html = client.get(with_lead.get_absolute_url()).content.decode()
    meta = {
        attrs.get("property") or attrs.get("name"): attrs["content"]
        for tag, attrs in Tags(html).tags
        if tag == "meta" and "content" in attrs
    }
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert "-1200w-" in meta["og:image"] and lead.file.sha256 in meta["og:image"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "750")
    assert meta["og:image:alt"] == "Lumbar spine, side view"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    page = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert page["@type"] == "MedicalWebPage" and page["image"] == meta["og:image"]


def test_without_a_lead_image_the_preview_is_a_summary_card(
    client, editor, reviewer, notices, category
):
    article = live_article(editor, reviewer, category)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'content="summary"' in html and "og:image" not in html
    assert '"image"' not in html


def test_a_lead_image_changed_after_approval_is_not_public_until_re_reviewed(
    client, with_lead, editor, reviewer
):
    """Choosing another lead image is an edit like any other."""
    other = library_image(color=(9, 99, 9), alt="Another picture")
    factories.edit(Article.objects.get(pk=with_lead.pk), editor, lead_image=other)
    html = client.get(with_lead.get_absolute_url()).content.decode()
    assert other.file.sha256 not in html and with_lead.lead_image.file.sha256 in html
    factories.publish(Article.objects.get(pk=with_lead.pk), reviewer)
    assert other.file.sha256 in client.get(with_lead.get_absolute_url()).content.decode()


def test_the_card_picture_is_the_signed_file(client, with_lead, lead, editor):
    """A library replacement does not reach the cards before it is re-reviewed either."""
    signed = lead.file.sha256
    replace_picture(lead)
    reviewed.image_changed(lead, editor, "picture replaced")
    (img,) = card_pictures(client.get(reverse("blog:index")).content.decode())
    assert signed in img["src"]


# The admin's picker.


def test_the_editor_picks_the_lead_image_from_the_library(client, editor, lead):
    article = factories.make_article(editor)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert 'data-ajax--url="/admin/autocomplete/"' in page and "id_lead_image" in page
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "lumbar",
            "app_label": "blog",
            "model_name": "article",
            "field_name": "lead_image",
        },
    ).json()
    assert found["results"] == [{"id": str(lead.pk), "text": lead.title}]

    data = change_form_data(client, change_url(article), "article_form", lead_image=lead.pk)
    assert client.post(change_url(article), data).status_code == 302
    assert article.versions.first().content["images"]["lead_image"][0]["sha256"] == (
        lead.file.sha256
    )


# Query counts.


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_an_article_page_costs_the_same_queries_with_one_image_or_five(
    client, editor, reviewer, notices, category
):
    """Its figures are in the version's preparation: no query reads an image."""
    images = [library_image(color=(n, 40, 40), alt=f"Picture {n}") for n in range(6)]
    plain = live_article(editor, reviewer, category, title="No image")
    one = live_article(editor, reviewer, category, images[0], images[:1], title="One")
    five = live_article(editor, reviewer, category, images[1], images[1:], title="Five")
    for article in (plain, one, five):
        client.get(article.get_absolute_url())  # the first visit after publication warms up
    kept = [count(client, article.get_absolute_url()) for article in (plain, one, five)]
    anew = []
    for article in (plain, one, five):
        fragments.forget()  # every card on the page rendered anew
        anew.append(count(client, article.get_absolute_url()))
    # Each has related articles with lead images: one query reads all their cards' pictures,
    # and none when the cards are kept from an earlier page.
    assert anew == [10, 10, 10] and kept == [9, 9, 9]


@pytest.mark.parametrize("page", LISTS)
def test_a_list_costs_one_query_more_for_its_cards_pictures_whatever_their_number(
    client, editor, reviewer, notices, category, page
):
    first = live_article(editor, reviewer, category, title="Plain")
    url = LISTS[page](first)
    without = count(client, url)
    live_article(editor, reviewer, category, library_image(alt="First"), title="One picture")
    with_one = count(client, url)
    for n in range(4):
        live_article(editor, reviewer, category, library_image(color=(n, 1, 1), alt=f"P {n}"))
    with_five = count(client, url)
    assert with_one == with_five == without + 1
