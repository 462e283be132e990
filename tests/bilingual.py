"""
A small site in English and Turkish, built through the workflow (tests/factories.py): every
public page type exists in both languages, each Turkish item a translation of its English
source, signed off and published on its own. Used by the language tests and the browser checks.
The article's text cites its reference and has a table, so those checks cover both.

Everything is signed off on 6 April 2024, so every page shows "April 6, 2024" in English and
"6 Nisan 2024" in Turkish, and "Next review due" a year later.
"""

import datetime

from django.urls import reverse
from django.utils import translation

from faq.models import FAQCategory
from invamed.content.models import Notice, SitePage
from invamed.review.models import ReviewerProfileText, reverse_in
from tests import factories

SIGNED = datetime.datetime(2024, 4, 6, 9, 30, tzinfo=datetime.UTC)
LANGUAGES = ("en", "tr")

ENGLISH_BODY = """
<h2>What is kyphoplasty?</h2>
<p>A balloon restores part of the height of a fractured vertebra before bone cement fills the
space it made.</p>
<h2>Who is it for?</h2>
<p>Patients with a painful osteoporotic compression fracture that did not improve with
conservative care [[ref:1]].</p>
<table><caption>Recovery at a glance</caption>
<tr><th scope="col">When</th><th scope="col">What most patients do</th></tr>
<tr><td>Same day</td><td>Walk</td></tr></table>
<h2>What happens after the procedure?</h2>
<ul><li>Most patients walk the same day.</li><li>Osteoporosis treatment continues.</li></ul>
"""
TURKISH_BODY = """
<h2>Kifoplasti nedir?</h2>
<p>Kırık omurun yüksekliğinin bir kısmı bir balonla geri kazandırılır, oluşan boşluk kemik
çimentosuyla doldurulur.</p>
<h2>Kimler için uygundur?</h2>
<p>Konservatif tedaviyle düzelmeyen, ağrılı osteoporotik kompresyon kırığı olan hastalar
[[ref:1]].</p>
<table><caption>Bir bakışta iyileşme</caption>
<tr><th scope="col">Ne zaman</th><th scope="col">Hastaların çoğu ne yapar</th></tr>
<tr><td>Aynı gün</td><td>Yürür</td></tr></table>
<h2>İşlemden sonra ne olur?</h2>
<ul><li>Hastaların çoğu aynı gün yürür.</li><li>Osteoporoz tedavisi sürdürülür.</li></ul>
"""

SITE_PAGES = {
    SitePage.Kind.EDITORIAL_POLICY: ("Editorial policy", "Yayın ilkelerimiz"),
    SitePage.Kind.PRIVACY: ("Privacy notice", "Gizlilik bildirimi"),
    SitePage.Kind.LEGAL: ("Legal notice", "Yasal bilgilendirme"),
    SitePage.Kind.CONTACT: ("Contact Medical Affairs", "Tıbbi İşler ile iletişim"),
}


def publish(item, reviewer):
    return factories.publish(item, reviewer, when=SIGNED)


def build_site():
    """{name: object} of the English site and its Turkish translations (name + "_tr")."""
    editor = factories.make_user(role="editor")
    translator = factories.make_user(role="editor")
    site_admin = factories.make_user(role="site_admin")  # notices and site pages are theirs
    reviewer = factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz-aksoy")
    profile = reviewer.reviewer_profile
    ReviewerProfileText.objects.create(
        profile=profile, language="tr", role="Tıbbi inceleme uzmanı",
        affiliation="INVAMED Tıbbi İşler", bio="Omurga ve ağrı yönetimi içeriklerini inceler.",
        declaration="Beyan edilen çıkar yoktur.",
    )  # fmt: skip
    site = {"reviewer": reviewer, "profile": profile}

    notices = {}
    for kind, heading, text in [
        (Notice.Kind.REGULATORY, "Kayıt durumu", "<p>Kayıt durumu ülkeye göre değişir.</p>"),
        (Notice.Kind.DISCLAIMER, "Sağlık profesyonelleri için", "<p>Tıbbi tavsiye değildir.</p>"),
    ]:  # fmt: skip
        english = publish(factories.make_notice(kind, live=False), reviewer)
        turkish = factories.translate(english, "tr", site_admin, heading=heading, text=text)
        notices[kind] = english
        site[f"notice_{kind}_tr"] = publish(turkish, reviewer)
    site["notice"] = notices[Notice.Kind.REGULATORY]

    for kind, (title, title_tr) in SITE_PAGES.items():
        english = publish(factories.make_site_page(kind, title=title, live=False), reviewer)
        turkish = factories.translate(
            english, "tr", site_admin, title=title_tr, summary=f"{title_tr}: INVAMED'in ilkeleri.",
            body=f"<h2>{title_tr}</h2><p>Bu sayfa {title_tr.lower()} konusunu anlatır.</p>",
        )  # fmt: skip
        site[kind], site[f"{kind}_tr"] = english, publish(turkish, reviewer)

    category = factories.make_category("Pain management", slug="pain-management")
    factories.make_category("Ağrı yönetimi", slug="agri-yonetimi", language="tr", source=category)
    faq_category = FAQCategory.objects.create(name="Procedures", slug="procedures")
    FAQCategory.objects.create(name="İşlemler", slug="islemler", language="tr", source=faq_category)

    entry = publish(
        factories.make_entry(
            editor, question="Is kyphoplasty painful?", slug="is-kyphoplasty-painful",
            answer="<p>It is done under local anaesthesia or light sedation.</p>",
            category=faq_category, notice=site["notice"], tags=["kyphoplasty"],
        ),
        reviewer,
    )  # fmt: skip
    entry_tr = factories.translate(
        entry, "tr", translator, question="Kifoplasti ağrılı mıdır?",
        slug="kifoplasti-agrili-midir", tags=["kifoplasti"],
        answer="<p>Lokal anestezi ya da hafif sedasyonla yapılır.</p>",
    )  # fmt: skip
    site["entry"], site["entry_tr"] = entry, publish(entry_tr, reviewer)

    article = factories.make_article(
        editor, title="Kyphoplasty for vertebral compression fractures",
        slug="kyphoplasty-for-vertebral-compression-fractures",
        summary="How balloon kyphoplasty treats a painful osteoporotic fracture.",
        body=ENGLISH_BODY, category=category, notice=site["notice"], is_featured=True,
        tags=["kyphoplasty", "spine care"],
        references=[("Doe J. Balloon kyphoplasty. Spine J. 2020;20:1-9.",
                     "https://doi.org/10.1000/kyphoplasty")],
    )  # fmt: skip
    factories.place(entry, article, editor)
    article = publish(article, reviewer)
    article_tr = factories.translate(
        article, "tr", translator, title="Omurga kırığında kifoplasti",
        slug="omurga-kiriginda-kifoplasti",
        summary="Balon kifoplasti ağrılı osteoporotik kırığı nasıl tedavi eder?",
        body=TURKISH_BODY, tags=["kifoplasti", "omurga sağlığı"],
    )  # fmt: skip
    site["article"], site["article_tr"] = article, publish(article_tr, reviewer)
    # A second article on the same topic: the first one's related article.
    second = publish(
        factories.make_article(
            editor, title="Cement leakage after vertebral augmentation", slug="cement-leakage",
            summary="Why it happens and how it is seen on imaging.",
            body="<h2>How often?</h2><p>Small leaks are common and silent.</p>",
            category=category, tags=["kyphoplasty"],
        ),
        reviewer,
    )  # fmt: skip
    second_tr = factories.translate(
        second, "tr", translator, title="Vertebral güçlendirme sonrası çimento sızıntısı",
        slug="cimento-sizintisi", summary="Neden olur, görüntülemede nasıl görülür?",
        body="<h2>Ne sıklıkla?</h2><p>Küçük sızıntılar sık görülür ve belirti vermez.</p>",
        tags=["kifoplasti"],
    )  # fmt: skip
    site["second"], site["second_tr"] = second, publish(second_tr, reviewer)
    site["category"], site["faq_category"] = category, faq_category
    site["category_tr"] = article_tr.live_version.category
    site["faq_category_tr"] = site["entry_tr"].live_version.category
    site["tag"] = article.live_version.tags.get(name="kyphoplasty")
    site["tag_tr"] = site["article_tr"].live_version.tags.get(name="kifoplasti")
    return site


def page_paths(site, language):
    """{page type: path} of every public page type in `language`."""
    suffix = "" if language == "en" else "_tr"

    def of(name):
        return site[name + suffix].get_absolute_url()

    tag = site["tag" + suffix]
    with translation.override(language):
        paths = {
            "home": reverse("home"),
            "blog index": reverse("blog:index"),
            "blog category": of("category"),
            "article": of("article"),
            "tag index": reverse("tag-index"),
            "tag": tag.get_absolute_url(),
            "tag questions": reverse("tag-questions", kwargs={"slug": tag.slug}),
            "faq index": reverse("faq:index"),
            "faq category": of("faq_category"),
            "faq entry": of("entry"),
            "report form": reverse(
                "blog:report", kwargs={"slug": site["article" + suffix].live_version.slug}
            ),
            "report sent": reverse(
                "faq:report-sent", kwargs={"slug": site["entry" + suffix].live_version.slug}
            ),
            "search results": reverse("search")
            + "?q="
            + ("kifoplasti" if suffix else "kyphoplasty"),
            "no results": reverse("search") + "?q=zzqxjvnothing",
            "reviewer profile": site["profile"].url_in(language),
            **{kind.value: reverse_in(language, kind.value) for kind in SITE_PAGES},
            "404": f"/{language}/no-such-page/",
        }
    return paths
