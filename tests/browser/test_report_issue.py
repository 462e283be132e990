"""
Reporting an issue end to end, in Chromium: a visitor on a phone follows "Report an issue with
this page" from an article, sends the form (no JavaScript needed), is thanked; a reviewer at a
desktop finds the report in the admin, unresolved, opens the article it names, and resolves it
with a note, which the article's audit record then shows.
"""

import pytest
from playwright.sync_api import expect

from invamed.content.models import Notice
from invamed.reports.models import Report
from invamed.review.models import ReviewEvent
from tests import factories

REPORT = "The cement volume in the second paragraph reads 50 ml; the cited study says 5 ml."


@pytest.fixture
def article(site):
    factories.make_notice(Notice.Kind.REGULATORY)
    factories.make_notice(Notice.Kind.DISCLAIMER)
    reviewer = factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")
    article = factories.make_article(title="Cement augmentation: a practical overview")
    return factories.publish(article, reviewer)


def test_a_visitor_reports_an_issue_and_a_reviewer_resolves_it(
    browser, site, article, new_context, log_in
):
    phone = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    visitor = phone.new_page()
    visitor.goto(site + article.get_absolute_url())
    visitor.get_by_role("link", name="Report an issue with this page").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Report an issue with this page")
    visitor.get_by_label("What is wrong on this page?").fill(REPORT)
    visitor.get_by_label("I am a healthcare professional").check()
    # The honeypot is out of sight and out of the way.
    trap = visitor.get_by_label("Leave this field empty").bounding_box()
    assert trap["x"] + trap["width"] <= 0
    visitor.get_by_role("button", name="Send the report").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Thank you: your report was sent")
    assert REPORT not in visitor.content()
    phone.close()

    report = Report.objects.get()
    assert report.is_professional and report.version_number == article.live_version.number

    reviewer = new_context().new_page()
    log_in(reviewer, "deniz")
    reviewer.get_by_role("link", name="Reports", exact=True).click()
    row = reviewer.locator("#result_list tbody tr").first
    expect(row).to_contain_text("Unresolved")
    row.get_by_role("link").first.click()
    expect(reviewer.locator("body")).to_contain_text(REPORT)
    reviewer.get_by_label("Resolution note").fill("Corrected to 5 ml in a new version.")
    reviewer.get_by_role("button", name="Save", exact=True).click()
    expect(reviewer.locator(".messagelist")).to_be_visible()
    reviewer.get_by_role("link", name="Cement augmentation: a practical overview").first.click()
    expect(reviewer.locator("body")).to_contain_text("Corrected to 5 ml in a new version.")

    report.refresh_from_db()
    assert report.is_resolved
    assert ReviewEvent.objects.filter(action="resolve_report", item_id=article.pk).exists()
