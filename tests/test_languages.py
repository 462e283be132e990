"""
Every public page in English and in Turkish (tests/bilingual.py builds both through the
workflow): the page says its language, its interface and dates are in it, and it names the same
page in the other language (hreflang, the language switch, og:locale:alternate) only where that
page exists. `/` chooses by Accept-Language; a translation is public only once signed off; a
third language needs settings and a catalogue, no code.
"""

import datetime
import html
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import polib
import pytest
from django.conf import settings
from django.urls import clear_url_caches, reverse
from django.utils import translation

from blog.models import Category
from invamed.content.models import SitePage
from invamed.review import services
from invamed.review.models import reverse_in
from tests import bilingual, factories
from tests.blog.pages import jsonld

pytestmark = pytest.mark.django_db

LANGUAGES = bilingual.LANGUAGES
OTHER = {"en": "tr", "tr": "en"}
SKIP_LINK = {"en": "Skip to main content", "tr": "Ana içeriğe geç"}
DATES = {"en": ("April 6, 2024", "April 6, 2025"), "tr": ("6 Nisan 2024", "6 Nisan 2025")}
OG_LOCALES = {"en": "en_US", "tr": "tr_TR"}

# What each page type says in its interface, (English, Turkish): none of it comes from content.
INTERFACE = {
    "home": [("Latest from INVAblog", "INVAblog'dan en yeniler"),
             ("Medical knowledge you can check", "Doğrulayabileceğiniz tıbbi bilgi")],
    "blog index": [("Educational articles for healthcare professionals",
                    "Sağlık profesyonelleri için eğitim amaçlı makaleler")],
    "blog category": [("INVAblog category", "INVAblog kategorisi")],
    "article": [("On this page", "Bu sayfada"), ("References", "Kaynaklar"),
                ("Reviewed by:", "İnceleyen:"), ("Last reviewed", "Son inceleme"),
                # The site is signed in April 2024: its review is overdue now.
                ("Review overdue since", "İnceleme tarihi geçti:"),
                ("Frequently asked questions", "Sık sorulan sorular"),
                ("1 min read", "1 dakikalık okuma")],
    "tag index": [("Topics by first letter", "Baş harfe göre konular")],
    "tag": [("All topics", "Tüm konular")],
    "tag questions": [("Questions about kyphoplasty", "kifoplasti hakkında sorular")],
    "faq index": [("Open a question to read its answer", "Yanıtını okumak için bir soruyu açın")],
    "faq category": [("All questions", "Tüm sorular")],
    "faq entry": [("Read more in INVAblog", "INVAblog'da daha fazlasını okuyun"),
                  ("Last reviewed", "Son inceleme")],
    # The two items that name kyphoplasty, and the third that carries it as a tag only.
    "search results": [("3 results for “kyphoplasty”", "“kifoplasti” için 3 sonuç")],
    "no results": [("No results", "Sonuç yok")],
    "reviewer profile": [("Declaration of interests", "Çıkar beyanı"),
                         ("Articles reviewed", "İncelediği makaleler")],
    "editorial-policy": [("Regulatory review by:", "Mevzuat incelemesini yapan:")],
    "privacy": [("Regulatory review by:", "Mevzuat incelemesini yapan:")],
    "legal": [("Regulatory review by:", "Mevzuat incelemesini yapan:")],
    "contact": [("Regulatory review by:", "Mevzuat incelemesini yapan:")],
    "404": [("Page not found", "Sayfa bulunamadı")],
}  # fmt: skip
# Pages that show a publication or sign-off date; those with a sign-off show the next review.
DATED = {"home", "blog index", "blog category", "article", "tag", "reviewer profile",
         "faq entry", "editorial-policy", "privacy", "legal", "contact"}  # fmt: skip
SIGNED_OFF = {"article", "faq entry", "editorial-policy", "privacy", "legal", "contact"}
# A tag belongs to one language's vocabulary: its pages have no other language.
ONE_LANGUAGE = {"tag", "tag questions", "404"}
# The schema.org CreativeWorks in each page's JSON-LD (each must say its language).
CREATIVE_WORKS = {
    "article": {"MedicalWebPage", "FAQPage"},
    "faq entry": {"MedicalWebPage", "FAQPage"},
    "faq index": {"FAQPage"},
    "faq category": {"FAQPage"},
    "reviewer profile": {"ProfilePage"},
}


class Head(HTMLParser):
    """What a page says about its language: <html lang>, hreflang links, og:locale, the
    language switch."""

    def __init__(self, page):
        super().__init__()
        self.lang = None
        self.hreflang = {}
        self.og_locale = []
        self.og_alternates = []
        self.switch = []
        self.in_switch = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.hreflang[attrs["hreflang"]] = attrs["href"]
        elif tag == "meta" and attrs.get("property") == "og:locale":
            self.og_locale.append(attrs["content"])
        elif tag == "meta" and attrs.get("property") == "og:locale:alternate":
            self.og_alternates.append(attrs["content"])
        elif tag == "nav" and "language-switch" in attrs.get("class", ""):
            self.in_switch = True
        elif tag == "a" and self.in_switch:
            self.switch.append(attrs)

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_switch = False


def without_query(path):
    return path.split("?")[0]


@pytest.fixture
def site(db):
    return bilingual.build_site()


@pytest.fixture
def paths(site):
    return {language: bilingual.page_paths(site, language) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", INTERFACE)
def test_each_page_type_is_in_the_language_of_its_address(client, paths, language, name):
    """The page says its language (<html lang>, Content-Language), its interface and dates
    are in it, and it points to itself in the other language only where that page exists:
    hreflang alternates with x-default, the language switch (else the other language's
    home), og:locale and its alternate, the JSON-LD's inLanguage."""
    path = paths[language][name]
    response = client.get(path)
    assert response.status_code == (404 if name == "404" else 200), path
    page = response.content.decode()
    text = html.unescape(page)
    head = Head(page)
    other = OTHER[language]
    assert head.lang == language and response["Content-Language"] == language

    assert SKIP_LINK[language] in text
    for wording in INTERFACE[name]:
        english, turkish = wording
        assert wording[LANGUAGES.index(language)] in text, (name, language, wording)
        if language == "tr":
            assert english not in text, (name, english)
    if name in DATED:
        published, next_due = DATES[language]
        assert published in text, (name, language)
        assert next_due in text if name in SIGNED_OFF else True, (name, language)
        assert DATES[other][0] not in text

    absolute = "http://testserver"
    [switch] = head.switch
    assert switch["hreflang"] == other
    if name in ONE_LANGUAGE:
        assert head.hreflang == {}
        assert switch["href"] == reverse_in(other, "home") and "title" in switch
        assert head.og_alternates == []
    else:
        here, there = without_query(path), without_query(paths[other][name])
        expected = {language: absolute + here, other: absolute + there}
        expected["x-default"] = expected["en"]
        assert head.hreflang == expected
        assert switch["href"] == there and "title" not in switch
        assert head.og_alternates == [OG_LOCALES[other]]
    assert head.og_locale == ([] if name == "404" else [OG_LOCALES[language]])

    works = [data for data in jsonld(page) if data["@type"] in CREATIVE_WORKS.get(name, ())]
    assert {data["@type"] for data in works} == CREATIVE_WORKS.get(name, set())
    assert all(data["inLanguage"] == language for data in works)


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("tr", "/tr/"),
        ("tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7", "/tr/"),
        ("de-DE,tr;q=0.5", "/tr/"),  # German is not ours: Turkish is the next one asked for
        ("en-GB,en;q=0.9", "/en/"),
        ("en;q=0.9,tr;q=0.8", "/en/"),
        ("de", "/en/"),
        ("tr;q=0", "/en/"),
        ("*", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_home_page_of_the_language_asked_for(client, accept, expected):
    """`/` sends a Turkish browser to /tr/ and everyone else to /en/, from Accept-Language."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_redirect_never_depends_on_a_cookie(client):
    """The language cookie (or a session) changes nothing: the redirect varies on
    Accept-Language only, so a shared cache may key it on that header alone, and it is never
    stored by the page cache."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/"
    vary = {value.strip().lower() for value in response["Vary"].split(",")}
    assert vary == {"accept-language"}
    assert "private" in response["Cache-Control"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="tr")["Location"] == "/tr/"


def test_a_translation_is_not_public_until_its_own_sign_off(client, editor, reviewer):
    """The English article is live; its Turkish translation is a draft, then in review, then
    approved: at each step /tr/… is a 404 and the English page does not name it. Published,
    it answers, and each page names the other."""
    english = factories.publish(
        factories.make_article(editor, title="Vertebral augmentation", slug="augmentation"),
        reviewer,
    )
    factories.make_category("Omurga", language="tr", source=english.category)
    turkish = factories.translate(
        english, "tr", title="Vertebral güçlendirme", slug="guclendirme", tags=["omurga"]
    )
    address = reverse_in("tr", "blog:article", slug="guclendirme")

    def english_page():
        return Head(client.get(english.get_absolute_url()).content.decode())

    assert client.get(address).status_code == 404
    services.perform(turkish, "submit", turkish.head_version.created_by)
    assert client.get(address).status_code == 404
    services.perform(turkish, "approve", reviewer, password=factories.PASSWORD)
    assert client.get(address).status_code == 404
    assert client.get(reverse_in("tr", "tag", slug="omurga")).status_code == 404
    assert english_page().hreflang == {}
    assert english_page().switch[0]["href"] == "/tr/"

    services.perform(turkish, "publish", reviewer)
    assert client.get(address).status_code == 200
    assert english_page().hreflang["tr"] == "http://testserver" + address
    assert english_page().switch[0]["href"] == address


def test_a_site_page_answers_in_the_languages_it_is_live_in_only(client, db):
    """The privacy notice is live in English; in Turkish it is a 404 until its translation is
    published, and then each page names the other."""
    english = factories.make_site_page(SitePage.Kind.PRIVACY)
    writer = factories.make_user(role="site_admin")
    turkish = factories.translate(english, "tr", writer, title="Gizlilik bildirimi")
    address = reverse_in("tr", "privacy")

    def english_page():
        return Head(client.get(english.get_absolute_url()).content.decode())

    assert english_page().hreflang == {}
    assert client.get(address).status_code == 404
    factories.publish(turkish)
    assert "Gizlilik bildirimi" in client.get(address).content.decode()
    assert english_page().hreflang["tr"] == "http://testserver" + address


def test_the_english_page_of_an_untranslated_article_offers_the_turkish_home(client, live_article):
    """No Turkish version: no hreflang, no og:locale:alternate, and the switch goes to /tr/
    and says why (title)."""
    head = Head(client.get(live_article.get_absolute_url()).content.decode())
    assert head.hreflang == {} and head.og_alternates == []
    [switch] = head.switch
    assert switch["href"] == "/tr/" and switch["hreflang"] == "tr"
    assert switch["title"] == "The Türkçe home page: this page has no Türkçe version"


def test_a_turkish_tag_page_lists_turkish_items_only(client, editor, reviewer):
    """A tag of the same name in both languages is two tags: each language's page lists its
    own language's items, and so do the feeds and the topic index."""
    english = factories.publish(
        factories.make_article(editor, title="Kyphoplasty explained", tags=["kyphoplasty"]),
        reviewer,
    )
    factories.make_category("Omurga", language="tr", source=english.category)
    turkish = factories.publish(
        factories.translate(english, "tr", title="Kifoplasti nedir", slug="kifoplasti-nedir"),
        reviewer,
    )
    assert [t.name for t in turkish.live_version.tags.all()] == ["kyphoplasty"]
    only_english = factories.publish(
        factories.make_article(editor, title="Kyphoplasty outcomes", tags=["kyphoplasty"]),
        reviewer,
    )
    entry = factories.publish(
        factories.make_entry(editor, question="Kyphoplasty or not?", tags=["kyphoplasty"]), reviewer
    )
    turkish_page = client.get("/tr/tags/kyphoplasty/").content.decode()
    assert turkish.get_absolute_url() in turkish_page
    for item in (english, only_english, entry):
        assert item.get_absolute_url() not in turkish_page
    english_page = client.get("/en/tags/kyphoplasty/").content.decode()
    assert turkish.get_absolute_url() not in english_page
    assert english.get_absolute_url() in english_page and entry.get_absolute_url() in english_page
    feed = client.get("/tr/tags/kyphoplasty/feed/rss/").content.decode()
    assert "Kifoplasti nedir" in feed and "Kyphoplasty explained" not in feed
    index = client.get("/tr/tags/").content.decode()
    assert 'kyphoplasty <span class="count">1<' in index


def test_the_turkish_topic_index_follows_the_turkish_alphabet(client, editor, reviewer):
    """Ç after C, I before İ, Ö after O, Ş after S, Ü after U, each its own letter; English
    files "öksürük" under O."""
    names = ["üst", "ultrason", "şırınga", "sinir", "ödem", "omurga", "inceleme", "ılık",
             "çimento", "cerrahi"]  # fmt: skip
    category = factories.make_category("Genel", language="tr")
    factories.publish(factories.make_article(editor, category=category, language="tr", tags=names),
                      reviewer)  # fmt: skip
    page = client.get("/tr/tags/").content.decode()
    letters = re.findall(r'<h2 id="letter-\d+">(.*?)</h2>', page)
    assert letters == ["C", "Ç", "I", "İ", "O", "Ö", "S", "Ş", "U", "Ü"]
    listed = re.findall(r'href="/tr/tags/[^"]+/">([^<]+) <span', page)
    assert listed == sorted(names, key=lambda n: "cçıioösşuü".index(n[0]))


def test_a_tag_heading_is_capitalised_by_the_rules_of_its_language(client, editor, reviewer):
    """Turkish "inceleme" heads its page as "İnceleme"; Django's capfirst would write
    "Inceleme", another word."""
    category = factories.make_category("Genel", language="tr")
    factories.publish(
        factories.make_article(editor, category=category, language="tr", tags=["inceleme"]),
        reviewer,
    )
    page = client.get("/tr/tags/inceleme/").content.decode()
    assert "<h1>İnceleme</h1>" in page and "<title>İnceleme | INVAMED</title>" in page


def test_feeds_are_in_the_language_of_their_address(client, site):
    """Each language's feeds (the INVAblog's, a category's, a tag's): its own articles only,
    its title and description, its language (RSS <language>, Atom xml:lang)."""
    for language, description in [
        ("en", "The latest articles of INVAblog"),
        ("tr", "INVAblog'un en yeni makaleleri"),
    ]:
        suffix = "" if language == "en" else "_tr"
        titles = {site[name + suffix].live_version.title for name in ("article", "second")}
        for route, kwargs in [
            ("blog:feed-rss", {}),
            ("blog:category-feed-rss", {"slug": site["category" + suffix].slug}),
            ("tag-feed-rss", {"slug": site["tag" + suffix].slug}),
        ]:
            response = client.get(reverse_in(language, route, **kwargs))
            channel = ElementTree.fromstring(response.content).find("channel")
            assert channel.findtext("language") == language, route
            assert {item.findtext("title") for item in channel.findall("item")} == titles, route
        rss = ElementTree.fromstring(client.get(reverse_in(language, "blog:feed-rss")).content)
        assert description in rss.find("channel").findtext("description")
        atom = ElementTree.fromstring(client.get(reverse_in(language, "blog:feed-atom")).content)
        assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == language


@pytest.mark.parametrize(
    "path, language, wording",
    [
        ("/tr/invablog/anything/", "tr", "Bir sorun oluştu"),
        ("/en/faq/", "en", "Something went wrong"),
        ("/", "en", "Something went wrong"),
        ("/admin/", "en", "Something went wrong"),
    ],
)
def test_the_500_page_speaks_the_language_of_the_address(
    rf, django_assert_num_queries, path, language, wording
):
    """Rendered without the database or the request's middleware, it reads the language
    from the address alone."""
    from invamed.site.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get(path))
    page = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in page and wording in page
    assert f'href="{reverse_in(language, "home")}"' in page


def test_an_address_of_no_language_is_not_found_in_the_visitors_language(client, db):
    """/no-such-page/ has no prefix: the 404 is in the language the browser asks for."""
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 404
    assert '<html lang="tr">' in response.content.decode()
    assert "Sayfa bulunamadı" in response.content.decode()


def test_the_preview_of_a_translation_is_the_page_in_its_language(client, site, reviewer):
    """A reviewer whose admin is in English previews the Turkish draft on its Turkish page."""
    draft = site["article_tr"]
    factories.edit(draft, draft.head_version.created_by, title="Kifoplasti: yeni başlık")
    client.force_login(reviewer)
    url = reverse("admin:blog_article_preview", args=[draft.pk, draft.head_version.number])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert '<html lang="tr">' in page and "Kifoplasti: yeni başlık" in page
    assert "Önizleme — yayımlanmadı" in page and "Bu sayfada" in page


def test_a_reviewer_profile_without_turkish_texts_marks_the_english_ones(client, db):
    """The Turkish page shows the English role and bio, each marked lang="en"."""
    reviewer = factories.make_reviewer(name="Dr Mert Kara")
    page = client.get(reviewer.reviewer_profile.url_in("tr")).content.decode()
    assert '<p class="profile__bio" lang="en">Reviews spine' in page
    assert '<p class="profile__role" lang="en">Medical reviewer</p>' in page
    english = client.get(reviewer.reviewer_profile.url_in("en")).content.decode()
    assert '<p class="profile__bio">Reviews spine' in english


@pytest.fixture
def german(tmp_path, settings):
    """A third language as a site adds one: a line in LANGUAGES and a catalogue (here a few
    messages, compiled with polib into a LOCALE_PATHS folder), no code. The URL resolver's
    caches are cleared before and after, as Django's own i18n tests do."""
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "de",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for english, german_text in [
        ("Skip to main content", "Zum Hauptinhalt springen"),
        ("Latest from INVAblog", "Neu im INVAblog"),
        ("Last reviewed", "Zuletzt geprüft"),
    ]:
        catalogue.append(polib.POEntry(msgid=english, msgstr=german_text))
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue.save_as_mofile(str(folder / "django.mo"))
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path]
    clear_url_caches()
    yield
    clear_url_caches()


def test_a_third_language_is_a_setting_and_a_catalogue(client, german, editor, reviewer):
    """German pages at /de/…: the home page and a German translation of an article, in
    German (<html lang="de">, the catalogue's words, Django's German dates), linked from the
    English page's hreflang and switch; `/` sends a German browser there."""
    english = factories.publish(
        factories.make_article(editor, title="Kyphoplasty", slug="kyphoplasty"),
        reviewer,
        when=bilingual.SIGNED,
    )
    factories.make_category("Wirbelsäule", language="de", source=english.category)
    german = factories.publish(
        factories.translate(english, "de", title="Kyphoplastie", slug="kyphoplastie"),
        reviewer,
        when=bilingual.SIGNED,
    )
    assert german.get_absolute_url() == "/de/invablog/kyphoplastie/"

    home = client.get("/de/")
    assert home.status_code == 200
    assert '<html lang="de">' in home.content.decode()
    assert "Zum Hauptinhalt springen" in home.content.decode()
    assert "Neu im INVAblog" in home.content.decode()
    page = client.get(german.get_absolute_url()).content.decode()
    assert '<html lang="de">' in page and "Zuletzt geprüft" in page
    assert "6. April 2024" in page  # Django's German date format
    head = Head(client.get(english.get_absolute_url()).content.decode())
    assert head.hreflang["de"] == "http://testserver/de/invablog/kyphoplastie/"
    assert {link["hreflang"] for link in head.switch} == {"tr", "de"}
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")["Location"] == "/de/"
    with translation.override("de"):
        assert Category.objects.get(language="de").get_absolute_url().startswith("/de/")


def test_signed_dates_are_the_local_calendar_day_in_every_language(client, editor, reviewer):
    """A sign-off at 22:30 UTC on 5 April is 6 April in Istanbul: both pages say the 6th."""
    when = datetime.datetime(2024, 4, 5, 22, 30, tzinfo=datetime.UTC)
    english = factories.publish(factories.make_article(editor, slug="late"), reviewer, when=when)
    factories.make_category("Genel", language="tr", source=english.category)
    turkish = factories.publish(factories.translate(english, "tr", slug="gec"), reviewer, when=when)
    assert "April 6, 2024" in client.get(english.get_absolute_url()).content.decode()
    assert "6 Nisan 2024" in client.get(turkish.get_absolute_url()).content.decode()


def test_a_refusal_names_the_state_in_the_case_of_its_language(editor, reviewer):
    """Turkish lower case: "İncelemede" becomes "incelemede", never "i̇ncelemede"."""
    from invamed.review import workflow

    article = factories.make_article(editor)
    services.perform(article, "submit", editor)
    article.refresh_from_db()
    with translation.override("tr"):
        reason = workflow.check(editor, article, "submit")
    assert reason == "İçerik “incelemede” durumundayken bu işlem yapılamaz."
