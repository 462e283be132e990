"""
Turkish search on PostgreSQL: the 'turkish' text-search configuration, and Turkish case rules
on both sides (documents and queries go through invamed.text.searchable), so "İnceleme",
"inceleme" and "İNCELEME" are one word and "KIRIĞI" is "kırığı", not "kiriği" as PostgreSQL's
own lower() makes it.
"""

import pytest
from django.db import connection

from faq.models import FAQCategory
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Turkish case rules and stemming are PostgreSQL full-text search's; SQLite's "
        "substring fallback folds ASCII letters only",
    ),
]


@pytest.fixture
def turkish_site(editor, reviewer):
    category = factories.make_category("Omurga", language="tr")
    faq_category = FAQCategory.objects.create(name="İşlemler", slug="islemler", language="tr")
    articles = {
        "review": factories.make_article(
            editor, language="tr", category=category, title="İnceleme: omurga kırığı",
            slug="inceleme-omurga-kirigi", summary="Tanı ve tedavi.",
            body="<p>Kırık omurun görüntülenmesi.</p>",
        ),
        "capitals": factories.make_article(
            editor, language="tr", category=category, title="ÇİMENTO SIZINTISI",
            slug="cimento-sizintisi", summary="OMURGA KIRIĞI SONRASI İZLEM.",
            body="<p>Nadir bir komplikasyon.</p>",
        ),
        "english": factories.make_article(
            editor, title="Spine fracture review", summary="İnceleme in English.",
        ),
    }  # fmt: skip
    entry = factories.make_entry(
        editor, language="tr", category=faq_category, question="Işın dozu ne kadardır?",
        slug="isin-dozu", answer="<p>Floroskopi süresine bağlıdır.</p>",
    )  # fmt: skip
    for item in [*articles.values(), entry]:
        factories.publish(item, reviewer)
    return {**{name: a.refresh_from_db() or a for name, a in articles.items()}, "entry": entry}


def titles(client, query, language="tr"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return sorted(result.title for result in response.context["results"])


@pytest.mark.parametrize("query", ["İnceleme", "inceleme", "İNCELEME"])
def test_a_turkish_article_is_found_by_its_word_in_any_case(client, turkish_site, query):
    """A Turkish page finds Turkish items only (the English one says "İnceleme" too)."""
    assert titles(client, query) == ["İnceleme: omurga kırığı"]


@pytest.mark.parametrize("query", ["omurga kırığı", "OMURGA KIRIĞI", "Omurga Kırığı", "kırıkları"])
def test_turkish_words_match_whatever_their_case_in_document_and_query(client, turkish_site, query):
    """ "KIRIĞI" in a summary, "kırığı" in a title, "kırıkları" asked for: one stem, "kırık"."""
    assert titles(client, query) == sorted(["İnceleme: omurga kırığı", "ÇİMENTO SIZINTISI"])


@pytest.mark.parametrize("query", ["ışın", "IŞIN", "Işın dozu"])
def test_the_dotless_i_is_its_own_letter(client, turkish_site, query):
    """ "IŞIN" is "ışın" in Turkish (not "işin", another word)."""
    assert titles(client, query) == ["Işın dozu ne kadardır?"]


@pytest.mark.parametrize("query", ["çimento", "ÇİMENTO", "Çimento sızıntısı"])
def test_a_title_in_capitals_is_found_in_lower_case(client, turkish_site, query):
    assert titles(client, query) == ["ÇİMENTO SIZINTISI"]


def test_the_english_page_finds_the_english_item_only(client, turkish_site):
    assert titles(client, "inceleme", "en") == ["Spine fracture review"]


def test_a_turkish_name_in_an_english_text_is_found_without_its_capital_dot(
    client, editor, reviewer
):
    """ "İzmir" in an English article is "izmir" to search, as visitors type it: Unicode's
    lower case of "İ" adds a combining dot that no query has."""
    factories.publish(
        factories.make_article(editor, title="Spine care in İzmir", slug="izmir"), reviewer
    )
    assert titles(client, "izmir", "en") == ["Spine care in İzmir"]
    assert titles(client, "İZMİR", "en") == ["Spine care in İzmir"]
