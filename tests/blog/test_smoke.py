import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_live_article_page_shows_signoff(client, live_article):
    response = client.get(live_article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reviewed by:" in html and "Dr Deniz Aksoy" in html
    assert f"<title>{live_article.title} | INVAMED</title>" in html


def test_draft_article_is_404(client, editor):
    from tests.factories import make_article

    article = make_article(editor)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_public_pages_render(client, live_article):
    for url in [
        reverse("home"),
        reverse("blog:index"),
        reverse("faq:index"),
        reverse("tag-index"),
        reverse("search") + "?q=article",
    ]:
        assert client.get(url).status_code == 200, url
