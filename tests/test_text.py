"""Text in any of our languages: Turkish addresses, case rules and alphabetical order
(invamed/text.py). Search's use of them on PostgreSQL: tests/test_search_postgres.py."""

import pytest

from invamed import text


@pytest.mark.parametrize(
    "title, slug",
    [
        ("kırığı", "kirigi"),
        ("Omurga kırığı", "omurga-kirigi"),
        ("İnceleme", "inceleme"),
        ("Işık", "isik"),
        ("şişlik", "sislik"),
        ("Ağrı yönetimi", "agri-yonetimi"),
        ("Üç göz", "uc-goz"),
        ("Öksürük", "oksuruk"),
        ("Çocuk", "cocuk"),
        ("ÇĞIİÖŞÜ çğıiöşü", "cgiiosu-cgiiosu"),
        ("Kifoplasti ağrılı mıdır?", "kifoplasti-agrili-midir"),
    ],
)
def test_turkish_titles_make_ascii_addresses_with_every_letter_kept(title, slug):
    """ı→i, ş→s, ğ→g, ü→u, ö→o, ç→c (and their capitals): no letter is dropped."""
    assert text.slugify(title) == slug


@pytest.mark.parametrize("letter", "çğıöşüÇĞIİÖŞÜ")
def test_each_turkish_letter_has_one_ascii_letter(letter):
    assert len(text.slugify(letter)) == 1 and text.slugify(letter).isascii()


@pytest.mark.parametrize(
    "typed, language, expected",
    [
        ("İNCELEME", "tr", "inceleme"),
        ("İnceleme", "tr", "inceleme"),
        ("KIRIĞI", "tr", "kırığı"),  # the capital of ı is I
        ("KIRIĞI", "en", "kiriği"),
        ("İstanbul", "en", "istanbul"),  # no combining dot, in any language
        ("Işık", "tr", "ışık"),
    ],
)
def test_lower_case_follows_the_rules_of_the_language(typed, language, expected):
    assert text.lower(typed, language) == expected
    assert text.searchable(typed, language) == expected


@pytest.mark.parametrize(
    "word, language, expected",
    [("inceleme", "tr", "İnceleme"), ("ılık", "tr", "Ilık"), ("inceleme", "en", "Inceleme")],
)
def test_capitals_follow_the_rules_of_the_language(word, language, expected):
    assert text.capfirst(word, language) == expected


def test_turkish_alphabetical_order_has_its_own_letters():
    """Turkish sorts ç after c, ı before i, ö after o, ş after s, ü after u; English sorts and
    files a letter with accents as the letter without them."""
    words = ["üst", "ultrason", "şırınga", "sinir", "ödem", "omurga", "İleri", "ılık", "Çimento",
             "cerrahi", "3B görüntü"]  # fmt: skip
    turkish = sorted(words, key=lambda w: text.sort_key(w, "tr"))
    assert turkish == ["3B görüntü", "cerrahi", "Çimento", "ılık", "İleri", "omurga", "ödem",
                       "sinir", "şırınga", "ultrason", "üst"]  # fmt: skip
    assert [text.initial(w, "tr") for w in turkish] == [
        "#", "C", "Ç", "I", "İ", "O", "Ö", "S", "Ş", "U", "Ü"
    ]  # fmt: skip
    english = sorted(["Spine", "öksürük", "osteoporosis"], key=lambda w: text.sort_key(w, "en"))
    assert english == ["öksürük", "osteoporosis", "Spine"]
    assert text.initial("öksürük", "en") == "O"
