"""
An editor in Chromium finds a translation behind its source from the admin front page, opens what
changed in the source since it was translated, and finds it again with the list's filter. The
queue fits a 375 px phone.
"""

from playwright.sync_api import expect

from tests import bilingual, factories


def test_an_editor_goes_from_the_front_page_to_what_changed_in_the_source(
    new_context, log_in, site
):
    built = bilingual.build_site()
    editor = factories.make_user("edna", role="editor")
    factories.edit(built["article"], editor, body="<p>Updated guidance on vertebral cement.</p>")
    factories.publish(built["article"], built["reviewer"])
    page = new_context().new_page()
    log_in(page, "edna")

    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the queue fits a phone
    page.set_viewport_size({"width": 1280, "height": 900})
    queue = page.locator("#translations-behind")
    queue.get_by_role("link", name="What changed in the source since this translation").click()

    assert "Updated guidance on vertebral cement." in page.locator("ins").all_inner_texts()
    page.goto(f"{site}/admin/blog/article/")
    page.get_by_role("link", name="Source changed since translated").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(built["article_tr"].title)
