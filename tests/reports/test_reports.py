"""Reporting an issue with a page: what a visitor sends, what reviewers get, what nobody sees."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from invamed.outbox.models import Mail
from invamed.reports import throttle
from invamed.reports.models import Report
from invamed.review.models import ReviewEvent
from tests import factories

pytestmark = pytest.mark.django_db

SECRET_TEXT = "The dose in the second table reads 50 mg where the source says 5 mg"


def report_url(article):
    return reverse("blog:report", kwargs={"slug": article.live_version.slug})


def send(client, url, message=SECRET_TEXT, address="203.0.113.7", **extra):
    data = {"message": message, "email": "", "website": "", **extra}
    return client.post(url, data, REMOTE_ADDR=address)


def test_the_article_links_to_the_report_form_and_the_form_has_every_field(client, live_article):
    page = client.get(live_article.get_absolute_url())
    assert report_url(live_article) in page.content.decode()
    form = client.get(report_url(live_article))
    assert form.status_code == 200
    html = form.content.decode()
    for name in ("message", "email", "is_professional", "website", "csrfmiddlewaretoken"):
        assert f'name="{name}"' in html
    assert "no-store" in form["Cache-Control"]


def test_a_report_is_stored_with_the_version_live_when_it_was_sent(client, live_article, editor):
    version = live_article.live_version
    factories.edit(live_article, editor, title="A draft title nobody has signed")
    response = send(client, report_url(live_article), email="dr@example.org", is_professional="on")
    assert response.status_code == 302
    assert response["Location"] == reverse("blog:report-sent", kwargs={"slug": version.slug})
    report = Report.objects.get()
    assert report.item == live_article
    assert (report.version_number, report.fingerprint) == (version.number, version.fingerprint)
    assert report.item_repr == version.title
    assert report.message == SECRET_TEXT
    assert (report.email, report.is_professional) == ("dr@example.org", True)
    thanks = client.get(response["Location"])
    assert "Thank you" in thanks.content.decode()
    assert "no-store" in thanks["Cache-Control"]


def test_an_faq_entry_can_be_reported_in_turkish(client, editor, reviewer, notices):
    category = factories.make_faq_category("Genel", language="tr")
    turkish = factories.make_entry(
        editor, language="tr", category=category, question="Kifoplasti nedir?",
        slug="kifoplasti-nedir",
    )  # fmt: skip
    turkish = factories.publish(turkish, reviewer)
    with translation.override("tr"):
        url = reverse("faq:report", kwargs={"slug": "kifoplasti-nedir"})
        page = client.get(turkish.get_absolute_url())
    assert url in page.content.decode()
    assert send(client, url, message="Yanıtta bir yazım hatası var.").status_code == 302
    report = Report.objects.get()
    assert (report.item, report.language) == (turkish, "tr")


def test_a_draft_cannot_be_reported(client, editor):
    draft = factories.make_article(editor)
    url = reverse("blog:report", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404
    assert send(client, url).status_code == 404
    assert not Report.objects.exists()


def test_the_sixth_report_in_a_minute_from_one_address_is_refused(client, live_article):
    url = report_url(live_article)
    for n in range(5):
        assert send(client, url, message=f"Report {n}").status_code == 302
    refused = send(client, url, message="One report too many")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Please wait a minute" in html
    assert "One report too many" in html  # the visitor's text is kept in the form
    assert Report.objects.count() == 5
    # Another address is not held back by this one.
    assert send(client, url, address="198.51.100.2").status_code == 302


def test_the_rate_limit_holds_with_the_cache_down_and_is_no_error(client, live_article):
    url = report_url(live_article)
    dead_redis = {
        "default": {
            "BACKEND": "invamed.cache_backends.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    with override_settings(CACHES=dead_redis):
        statuses = [send(client, url, message=f"Report {n}").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert Report.objects.count() == 5


def test_the_honeypot_drops_bots_without_a_trace(client, live_article):
    response = send(client, report_url(live_article), website="https://spam.example")
    assert response.status_code == 302  # thanked like anyone, so it learns nothing
    assert not Report.objects.exists()
    assert not Mail.objects.filter(subject__startswith="Issue reported").exists()


def test_an_empty_report_is_a_form_error(client, live_article):
    response = send(client, report_url(live_article), message="   ", email="dr@example.org")
    assert response.status_code == 200
    assert 'value="dr@example.org"' in response.content.decode()
    assert not Report.objects.exists()


def test_the_form_refuses_a_post_without_its_csrf_token(live_article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert send(strict, report_url(live_article)).status_code == 403
    assert not Report.objects.exists()


def test_reviewers_are_mailed_through_the_outbox(
    client, live_article, reviewer, second_reviewer, editor
):
    send(client, report_url(live_article))
    mails = Mail.objects.filter(subject__startswith="Issue reported").order_by("to")
    recipients = {mail.to for mail in mails}
    assert {reviewer.email, second_reviewer.email} <= recipients
    assert editor.email not in recipients  # editors are not reviewers
    assert all(mail.status == Mail.Status.QUEUED for mail in mails)  # sent by the scheduler
    assert SECRET_TEXT in mails[0].body
    report = Report.objects.get()
    assert reverse("admin:reports_report_change", args=[report.pk]) in mails[0].body


def test_nothing_a_visitor_writes_is_shown_on_a_public_page(client, live_article):
    url = report_url(live_article)
    sent = send(client, url, message=SECRET_TEXT, email="secret-sender@example.org")
    public = [
        live_article.get_absolute_url(),
        url,
        sent["Location"],
        reverse("blog:index"),
        reverse("home"),
        reverse("search") + "?q=dose",
        reverse("blog:feed-rss"),
        reverse("sitemap"),
    ]
    for address in public:
        html = client.get(address).content.decode()
        assert SECRET_TEXT not in html, address
        assert "secret-sender@example.org" not in html, address


def test_a_reviewer_resolves_a_report_with_a_note_in_the_audit_record(
    client, live_article, reviewer
):
    send(client, report_url(live_article))
    report = Report.objects.get()
    client.force_login(reviewer)
    changelist = client.get(reverse("admin:reports_report_changelist"))
    assert changelist.status_code == 200
    item_admin = reverse("admin:blog_article_change", args=[live_article.pk])
    assert item_admin in changelist.content.decode()
    change = reverse("admin:reports_report_change", args=[report.pk])
    assert client.post(change, {"resolution_note": ""}).status_code == 200  # a note is required
    response = client.post(change, {"resolution_note": "Corrected to 5 mg in version 2."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_resolved and report.resolved_by == reviewer
    event = ReviewEvent.objects.get(action="resolve_report")
    assert event.item == live_article
    assert event.version_number == report.version_number
    assert event.actor == reviewer
    assert "Corrected to 5 mg in version 2." in event.comment
    # Resolved, the report is read-only.
    assert client.post(change, {"resolution_note": "Changed my mind"}).status_code == 403


def test_unresolved_reports_are_listed_first(client, live_article, reviewer):
    from invamed.reports import services

    for n in range(3):
        send(client, report_url(live_article), message=f"Report {n}", address=f"192.0.2.{n}")
    first, second, third = Report.objects.order_by("pk")
    services.resolve(third, reviewer, "Done.")
    assert list(Report.objects.all()) == [second, first, third]


def test_an_editor_cannot_see_reports(client, live_article, editor):
    send(client, report_url(live_article))
    client.force_login(editor)
    assert client.get(reverse("admin:reports_report_changelist")).status_code == 403


def test_the_address_is_never_stored(client, live_article):
    send(client, report_url(live_article), address="203.0.113.99")
    report = Report.objects.get()
    assert "203.0.113.99" not in str(
        [getattr(report, f.attname) for f in Report._meta.concrete_fields]
    )
    assert report.client == throttle.client_digest("203.0.113.99")
    assert report.item_type == ContentType.objects.get_for_model(live_article)


def test_the_article_stays_in_the_page_cache_and_the_report_pages_never_enter_it(
    client, settings, live_article
):
    """The article links to the form, so it is stored as before; the form (its CSRF token),
    a form with errors and the thanks are rendered for each visitor and never stored."""
    from invamed import cache as page_cache
    from tests.test_cache import with_page_cache

    with_page_cache(settings)
    try:
        check_the_page_cache(client, live_article)
    finally:
        page_cache.reset_process_state()  # no copies of pages left for the next test


def check_the_page_cache(client, live_article):
    article = live_article.get_absolute_url()
    assert client.get(article)["X-Cache"] == "MISS"
    assert client.get(article)["X-Cache"] == "HIT"
    url = report_url(live_article)
    for _ in range(2):
        form = client.get(url)
        assert "X-Cache" not in form and "csrftoken" in form.cookies
    errors = send(client, url, message="")
    assert errors.status_code == 200 and "X-Cache" not in errors
    sent = send(client, url)["Location"]
    for _ in range(2):
        assert "X-Cache" not in client.get(sent)
