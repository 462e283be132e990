"""`manage.py seed_demo`: the demo site in English and Turkish, written through the real review
workflow.

The demo is built once for the module (a few hundred workflow steps); each test runs inside it
and is rolled back, and the module's transaction is rolled back at the end.
"""

import html
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.html import strip_tags

from blog.models import Article, ArticleVersion, Category
from faq.models import Entry, EntryVersion, FAQCategory, Placement
from invamed.content.models import Notice, SitePage, Tag
from invamed.outbox.models import Mail
from invamed.review import services, workflow
from invamed.review.models import (
    ReviewerProfile,
    ReviewEvent,
    SignOff,
    State,
    reverse_in,
    reviewable_models,
    verify_live_versions,
)
from invamed.site.demo_data import english
from invamed.text import slugify

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def seed():
    """Run the command with DEBUG on (it refuses otherwise); return what it printed."""
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, seeded once for the module: what the command printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


def counts():
    return {
        "articles": Article.objects.count(),
        "article versions": ArticleVersion.objects.count(),
        "entries": Entry.objects.count(),
        "entry versions": EntryVersion.objects.count(),
        "notices": Notice.objects.count(),
        "site pages": SitePage.objects.count(),
        "sign-offs": SignOff.objects.count(),
        "events": ReviewEvent.objects.count(),
        "users": get_user_model().objects.count(),
        "placements": Placement.objects.count(),
        "tags": Tag.objects.count(),
    }


def words(text):
    return len(strip_tags(text).split())


def live_items(language):
    return [
        item
        for model in reviewable_models()
        for item in model.objects.published().in_language(language)
    ]


def test_demo_has_twelve_english_articles_of_400_words_in_four_categories(demo):
    articles = Article.objects.in_language("en")
    assert articles.count() >= 12
    assert Category.objects.filter(language="en", articles__isnull=False).distinct().count() >= 4
    assert Category.objects.filter(name="Pain Management & Spine (Algology)").exists()
    for article in articles:
        assert words(article.body) >= 400, article.slug
        assert words(article.head_version.body) >= 400, article.slug
        assert 5 <= len(article.tags.names()) <= 8, article.slug
        assert article.body.count("<h2>") >= 3, article.slug
    assert articles.filter(author__is_team=True, author__name="INVAMED Medical Affairs").exists()
    assert articles.filter(references__isnull=False).distinct().count() > articles.count() / 2
    assert not Tag.objects.filter(language="en", name="omurga kırığı").exists()


def test_demo_shows_every_state_of_the_workflow(demo):
    articles = Article.objects.in_language("en")
    live = articles.published()
    assert live.count() > articles.count() / 2
    assert live.filter(live_version__is_featured=True).exists()
    assert articles.filter(status=State.DRAFT, live_version__isnull=True).exists()
    assert articles.filter(status=State.IN_REVIEW).exists()
    assert any(article.has_unpublished_changes for article in live)


def test_the_schedule_is_a_reviewers_transition_into_the_future(demo):
    """The scheduled article was approved, then scheduled by a reviewer with its time."""
    scheduled = Article.objects.get(status=State.SCHEDULED)
    assert scheduled.publish_at > timezone.now() and not scheduled.is_published()
    event = services.history(scheduled).get(action="schedule")
    assert event.actor.has_perm(workflow.REVIEW_PERMISSION)
    assert event.from_state == State.APPROVED and event.to_state == State.SCHEDULED


def test_demo_review_dates_come_from_signoffs_spread_over_eighteen_months(demo):
    """Overdue, re-reviewed and updated articles exist, through recorded sign-offs, and no live
    item was signed by someone who wrote or changed its live version (four eyes)."""
    today = timezone.localdate()
    live = Article.objects.published()
    assert Article.objects.review_overdue().exists()
    assert live.filter(live_signoff__kind=SignOff.Kind.RECONFIRMATION).exists()
    assert any(article.was_updated for article in live)
    signed = [timezone.localdate(s.signed_at) for s in SignOff.objects.all()]
    assert 365 < (today - min(signed)).days <= 548
    assert all(day < today for day in signed)
    for language in ("en", "tr"):
        for item in live_items(language):
            assert item.last_reviewed_at == item.live_signoff.signed_at
            assert item.live_signoff.language == language
            writers = workflow.contributors(item, item.live_version)
            assert item.live_signoff.reviewer_id not in writers, item


def test_demo_faq_has_fifteen_entries_in_three_categories_placed_in_signed_versions(demo):
    """FAQ blocks are part of the articles' live versions: placed entries that are live show."""
    entries = Entry.objects.in_language("en")
    assert entries.count() >= 15
    assert FAQCategory.objects.filter(language="en", entries__isnull=False).distinct().count() >= 3
    assert entries.published().count() >= 12
    live_versions = Article.objects.published().values("live_version")
    live_placements = Placement.objects.filter(
        version__in=live_versions, entry__live_version__isnull=False
    )
    assert live_placements.filter(entry__language="en").count() >= 5
    assert entries.filter(placements__isnull=False).distinct().count() >= 10
    for article in Article.objects.published():
        version = article.live_version
        placed = [row.entry_id for row in version.faq_placements.all()]
        assert placed == [row["entry"] for row in version.content["faq_entries"]], article


def test_demo_users_and_reviewer_profiles_in_both_languages(demo):
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="siteadmin").groups.filter(name="Site administrators").exists()
    assert ReviewerProfile.objects.public().count() >= 2
    assert ReviewerProfile.objects.filter(is_public=False).exists()
    for username, password in [("editor", "editor-demo-pass-1"), ("admin", "admin-demo-pass-1")]:
        assert User.objects.get(username=username).check_password(password)
        assert password in demo
    declarations = []
    for profile in ReviewerProfile.objects.all():
        for language in ("en", "tr"):
            text = profile.texts.get(language=language)
            assert text.role and text.affiliation and text.bio and text.declaration, profile
            declarations.append(text.declaration)
    assert any("consultancy fees" in declaration for declaration in declarations)
    assert any("danışmanlık ücreti" in declaration for declaration in declarations)


def test_notices_and_site_pages_are_live_in_both_languages_with_regulatory_signoffs(demo):
    """Written by the site administrator, signed off by a reviewer as regulatory text, and live
    before any article of their language."""
    siteadmin = get_user_model().objects.get(username="siteadmin")
    for language in ("en", "tr"):
        assert Notice.objects.disclaimer(language) is not None, language
        assert Notice.objects.default_for(Notice.Kind.REGULATORY, language).is_published()
        assert Notice.objects.default_for(Notice.Kind.DISCLAIMER, language).is_published()
        pages = {page.kind: page for page in SitePage.objects.published().in_language(language)}
        assert set(pages) == set(SitePage.Kind.values), language
        texts = [*Notice.objects.in_language(language), *pages.values()]
        first_article = min(
            Article.objects.published()
            .in_language(language)
            .values_list("first_published_at", flat=True)
        )
        for item in texts:
            assert item.is_published(), item
            assert item.live_signoff.meaning.startswith("Regulatory"), item
            assert {v.created_by for v in item.versions.all()} == {siteadmin}, item
            assert item.live_signoff.reviewer != siteadmin
            assert item.first_published_at < first_article, item
            if language == "tr":
                assert item.source.language == "en" and item.source.kind == item.kind


def test_four_articles_and_six_entries_are_live_in_both_languages(demo):
    """Each Turkish item was started with services.translate, written in Turkish, and approved
    by a reviewer who wrote none of it; its address is its Turkish title, transliterated."""
    for model, body, at_least in [(Article, "body", 4), (Entry, "answer", 6)]:
        turkish = model.objects.published().in_language("tr")
        assert turkish.filter(source__live_version__isnull=False).count() >= at_least
        for item in turkish:
            events = services.history(item)
            assert events.filter(action="translate").exists(), item
            assert item.live_version.slug == slugify(item.heading) != item.source.slug, item
            text = item.live_version.content[body]
            assert text != item.source.live_version.content[body]
            assert re.search("[çğıöşü]", text), item
            reviewer = item.live_signoff.reviewer
            assert reviewer.pk not in {event.actor_id for event in events.filter(action="edit")}


def test_turkish_articles_place_turkish_entries_under_turkish_categories_and_tags(demo):
    for article in Article.objects.published().in_language("tr"):
        version = article.live_version
        entries = [row.entry for row in version.faq_placements.all()]
        assert entries, article
        assert {entry.language for entry in entries} == {"tr"}
        assert all(entry.is_published() for entry in entries)
        assert version.notice.language == "tr"
        assert version.category.language == "tr"
        assert version.category.source == article.source.live_version.category
        assert {tag.language for tag in version.tags.all()} == {"tr"}
    categories = [
        *Category.objects.filter(language="tr"),
        *FAQCategory.objects.filter(language="tr"),
    ]
    for category in categories:
        assert category.source.language == "en"
        assert category.slug == slugify(category.name)
    tag = Tag.objects.get(language="tr", name="omurga kırığı")
    assert tag.slug == "omurga-kirigi"
    assert Article.objects.published().filter(live_version__tags=tag).exists()


def test_one_translation_shows_its_source_changed_since(demo, client):
    """The Turkish kyphoplasty article was made before its English source got a newer live
    version: the admin says so on the translation's page."""
    changed = [item for item in live_items("tr") if item.source_changed()]
    assert len(changed) == 1
    translation = changed[0]
    assert translation.source.live_version.number > translation.translated_from
    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get(f"/admin/blog/article/{translation.pk}/change/")
    assert "source changed since translation" in page.content.decode()


def test_some_articles_are_live_in_english_only(demo):
    english_only = Article.objects.published().in_language("en").filter(translations__isnull=True)
    assert english_only.exists()


def public_paths(client):
    """Every public page the demo leads to: the sitemap's addresses, both home pages, a search
    and the notices' pages in each language, and every page linked from them, followed page by
    page (feeds are not followed)."""
    root = ET.fromstring(client.get("/sitemap.xml").content)
    start = {urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP}loc")}
    start |= {"/en/", "/tr/", "/en/search/?q=vertebral", "/tr/search/?q=k%C4%B1r%C4%B1k"}
    start |= {notice.get_absolute_url() for notice in Notice.objects.published()}
    seen, queue, answers = set(), sorted(start), {}
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        answers[path] = response.status_code
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for href in re.findall(r'href="(/(?:en|tr)/[^"#]*)"', response.content.decode()):
            queue.append(html.unescape(href))
    return answers


def test_every_public_page_of_the_demo_answers_200_in_both_languages(demo, client):
    answers = public_paths(client)
    assert {path: status for path, status in answers.items() if status != 200} == {}
    for language in ("en", "tr"):
        for item in live_items(language):
            assert item.get_absolute_url() in answers, item
        visited = [path for path in answers if path.startswith(f"/{language}/")]
        assert len(visited) > 40, language
    for profile in ReviewerProfile.objects.public():
        assert {profile.url_in("en"), profile.url_in("tr")} <= set(answers)


def test_a_turkish_article_page_reads_in_turkish(demo, client):
    """Its FAQ questions, regulatory notice, disclaimer and reviewer texts are the Turkish ones."""
    article = Article.objects.published().in_language("tr").get(source__slug=english.VCF)
    page = client.get(article.get_absolute_url()).content.decode()
    for entry in article.live_version.faq_placements.all():
        assert html.escape(entry.entry.live_version.question) in page
    assert "Düzenleyici bilgilendirme" in page
    assert "Sağlık meslek mensupları için" in page
    assert "Vertebral kompresyon kırığı (VKK)" in page


def test_the_audit_chain_and_every_live_version_verify(demo):
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "intact" in out.getvalue()
    assert verify_live_versions() == []
    assert (
        ReviewEvent.objects.filter(action__in=["approve", "reconfirm"]).count()
        == SignOff.objects.count()
    )


def test_the_demos_past_notifications_are_not_sent(demo):
    """Dozens of e-mails about the demo's made-up history would flood `make run`'s console."""
    assert ReviewEvent.objects.filter(action="submit").exists()
    assert not Mail.objects.exists()


def test_the_summary_is_per_language(demo):
    assert "English (en):" in demo and "Türkçe (tr):" in demo
    assert "1 whose source changed since" in demo
    assert "Demo logins" in demo


def test_running_twice_creates_nothing(demo):
    before = counts()
    output = seed()
    assert "Demo content already present" in output
    assert counts() == before


def test_refuses_with_debug_off(demo, settings):
    settings.DEBUG = False
    before = counts()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before


def test_the_demo_shows_figures_signed_with_their_articles_and_lead_images_on_cards(demo, client):
    """Figures are part of what was signed: the live versions that show one carry its file's
    hash, alt text, caption and credit; the home page's cards show lead images."""
    illustrated = [
        article
        for article in Article.objects.published()
        if article.live_version.content.get("images")
    ]
    assert len(illustrated) >= 2
    for article in illustrated:
        body = article.live_version.content["images"]["body"][0]
        assert body["sha256"] and body["alt"] and body["credit"]
        page = client.get(article.get_absolute_url()).content.decode()
        assert "<figure" in page and "srcset=" in page and "<figcaption" in page
    home = client.get(reverse_in("en", "home")).content.decode()
    cards = re.findall(r'<article class="card">.*?</article>', home, re.S)
    assert sum("<img" in card for card in cards) >= 2


def test_a_demo_article_cites_its_references_in_both_languages(demo, client):
    source = Article.objects.published().get(language="en", live_version__slug=english.VCF)
    for article in (source, Article.objects.published().get(language="tr", source=source)):
        page = client.get(article.get_absolute_url()).content.decode()
        assert page.count('<sup class="citation">') == 4
        # The list's third reference is the second one the text cites.
        assert 'href="#ref-2" id="cite-2-1"' in page
        assert '<li id="ref-2">' in page and 'href="#cite-1-1"' in page
