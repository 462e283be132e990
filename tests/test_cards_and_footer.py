"""What lists and every page's footer say: a "Medically reviewed" mark on each article card, no
category name repeated on the cards of that category's page, topics named as headings in title
case, and the address of Medical Affairs in the footer."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from invamed.text import title_case
from tests import bilingual, factories

pytestmark = pytest.mark.django_db


def cards(page):
    return re.findall(r'<article class="card">(.*?)</article>', page, re.DOTALL)


def test_every_article_card_says_it_is_medically_reviewed(client, editor, reviewer, notices):
    for _ in range(2):
        factories.publish(factories.make_article(editor), reviewer)
    found = cards(client.get(reverse("blog:index")).content.decode())
    assert len(found) == 2
    assert all("Medically reviewed</p>" in card for card in found)


def test_a_category_page_does_not_repeat_its_name_on_its_cards(client, editor, reviewer, notices):
    category = factories.make_category("Pain Management & Spine", slug="spine")
    article = factories.publish(factories.make_article(editor, category=category), reviewer)
    page = client.get(category.get_absolute_url()).content.decode()
    (card,) = cards(page)
    assert category.get_absolute_url() not in card
    assert '<p class="card__meta"><time' in card
    # Elsewhere the card names its category.
    (card,) = cards(client.get(reverse("blog:index")).content.decode())
    assert f'<a href="{category.get_absolute_url()}">Pain Management &amp; Spine</a>' in card
    assert article.live_version.title in card


def test_a_topic_page_heads_with_its_name_in_title_case(client):
    site = bilingual.build_site()
    page = client.get(reverse("tag", args=["spine-care"])).content.decode()
    assert "<h1>Spine Care</h1>" in page and "<title>Spine Care | INVAMED</title>" in page
    assert '<p class="eyebrow">Topic</p>' in page
    turkish = site["article_tr"].live_version.tags.get(name="omurga sağlığı")
    page = client.get(turkish.get_absolute_url()).content.decode()
    assert "<h1>Omurga Sağlığı</h1>" in page and '<p class="eyebrow">Konu</p>' in page
    # The article names its tags with the same word as the navigation.
    article = client.get(site["article"].get_absolute_url()).content.decode()
    assert '<h2 id="tags-heading">Topics</h2>' in article
    assert ">Topics</a></li>" in article


def test_title_case_follows_the_language():
    assert title_case("kyphoplasty and vertebroplasty", "en") == "Kyphoplasty and Vertebroplasty"
    assert title_case("of bones", "en") == "Of Bones"
    assert title_case("MRI in spine care", "en") == "MRI in Spine Care"
    assert title_case("inceleme ve izlem", "tr") == "İnceleme ve İzlem"


def test_the_footer_gives_the_address_of_medical_affairs(client):
    page = client.get(reverse("home")).content.decode()
    footer = re.search(r'<footer class="site-footer">.*?</footer>', page, re.DOTALL).group(0)
    assert (
        'Medical Affairs: <a href="mailto:medical.affairs@invamed.example">'
        "medical.affairs@invamed.example</a>"
    ) in footer
    changed = {**settings.INVAMED, "MEDICAL_AFFAIRS_EMAIL": "ma@example.org"}
    with override_settings(INVAMED=changed):
        page = client.get(reverse("tag-index")).content.decode()
    assert 'href="mailto:ma@example.org"' in page


def test_the_footer_links_the_privacy_and_legal_notices_in_each_language(client):
    bilingual.build_site()
    footer = client.get("/tr/").content.decode().split('<footer class="site-footer">')[1]
    assert "Gizlilik bildirimi</a>" in footer and "Yasal bilgilendirme</a>" in footer
    assert "Tıbbi İşler:" in footer
