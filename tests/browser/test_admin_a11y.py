"""axe-core over the whole admin pages an editor and a reviewer spend their day on: an article's
change page (tags, lead image, references and the action bar), the front page with its queues,
and the audit record's list, at a phone's and a desktop's width."""

import pytest
from django.urls import reverse

from invamed.review import services
from tests import factories
from tests.browser.test_a11y import AXE_JS, format_violations, require, run_axe
from tests.browser.test_admin_workflow import person
from tests.images.pictures import library_image


@pytest.fixture
def desk(site):
    """A reviewer's day: an article in review with a lead image, tags and references, another
    live one, and the audit record they left."""
    editor = factories.make_user("edna", role="editor", first_name="Edna", last_name="Ekin")
    reviewer = factories.make_reviewer(name="Dr Selin Kaya", username="selin")
    live = factories.make_article(editor, title="Vertebroplasty after a fracture", tags=["spine"])
    factories.publish(live, reviewer)
    article = factories.make_article(
        editor, title="Kyphoplasty explained", tags=["spine care", "kyphoplasty"],
        lead_image=library_image(alt="Balloon kyphoplasty, lateral view"),
        references=[("Wardlaw D et al. Balloon kyphoplasty. Lancet. 2009.", "https://doi.org/10.1016/S0140-6736(09)60010-6")],
    )  # fmt: skip
    services.perform(article, "submit", editor)
    return {"article": article, "live": live}


PAGES = {
    "article change page": lambda desk: reverse(
        "admin:blog_article_change", args=[desk["article"].pk]
    ),
    "front page": lambda desk: reverse("admin:index"),
    "audit list": lambda desk: reverse("admin:review_reviewevent_changelist"),
}


# What Django's admin itself gets wrong on these pages, as the README lists it: (axe rule, the
# element's markup). Kept out of the verdict, and checked to be still there, so the list is true.
DJANGOS_OWN = {
    ("empty-table-header", '<th class="original"></th>'),  # edit_inline/tabular.html
}


def split(violations):
    """(ours, Django's own): the violations with the nodes of DJANGOS_OWN taken out, and those
    nodes as (rule, markup) pairs."""
    ours, djangos = [], set()
    for violation in violations:
        nodes = []
        for node in violation["nodes"]:
            key = (violation["id"], node["html"])
            if key in DJANGOS_OWN:
                djangos.add(key)
            else:
                nodes.append(node)
        if nodes:
            ours.append({**violation, "nodes": nodes})
    return ours, djangos


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_the_admin_pages_of_the_day_have_no_axe_violations(
    new_context, site, log_in, desk, name, width
):
    require(AXE_JS.exists(), f"axe-core not installed: run `npm ci` (looked for {AXE_JS})")
    page = person(new_context, log_in, "selin")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + PAGES[name](desk))

    ours, djangos = split(run_axe(page))

    assert not ours, format_violations(ours)
    if name == "article change page":  # the one of these pages with tabular inlines
        assert djangos == DJANGOS_OWN, "Django fixed its markup: update DJANGOS_OWN and README"
