"""
Who may take which transition in which state: the whole rule, tested once over its grid.

The expected table below is written out by hand from the product's workflow, not derived from
workflow.TRANSITIONS, so a change to the declared rules shows up here as a diff.
The item is always written by `editor`, and signed (when it has been) by a separate reviewer,
so "reviewer" and "superuser" in the grid are never blocked by four eyes; four eyes has its own
tests in test_workflow.py.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from invamed.review import services, workflow

from . import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "reviewer", "superuser", "scheduler"]

AUTHORS = {"editor", "reviewer", "superuser"}  # anyone who may change the item
REVIEWERS = {"reviewer", "superuser"}  # holders of review.review_content
SCHEDULER = {"scheduler"}  # the run_scheduler command, acting with no user
NOBODY = set()

# Each state is a situation an item can be in; the notes say why a refusal is expected.
EXPECTED = {
    "draft": {
        "submit": AUTHORS,
        "withdraw": NOBODY,  # never live: nothing to take down
    },
    "in_review": {
        "request_changes": REVIEWERS,
        "approve": REVIEWERS,
        "withdraw": NOBODY,
        "edit": AUTHORS,  # a change during review takes the item out of review
    },
    "changes_requested": {
        "submit": AUTHORS,
    },
    "approved": {
        "publish": REVIEWERS,
        "schedule": REVIEWERS,  # the time comes with the reviewer's schedule form
        "withdraw": NOBODY,  # approved but never live
        "edit": AUTHORS,
    },
    "scheduled": {  # publication time still ahead
        "unschedule": REVIEWERS,
        "publish_scheduled": NOBODY,  # not due yet
        "withdraw": REVIEWERS,
        "edit": AUTHORS,
    },
    "scheduled_and_due": {
        "unschedule": REVIEWERS,
        "publish_scheduled": SCHEDULER,
        "withdraw": REVIEWERS,
        "edit": AUTHORS,
    },
    "published": {
        "withdraw": REVIEWERS,
        "expire": SCHEDULER,  # overdue past the grace period
        "reconfirm": REVIEWERS,
        "edit": AUTHORS,
    },
    "published_then_edited": {  # a draft of a newer version; the old one is still live
        "submit": AUTHORS,
        "withdraw": REVIEWERS,
        "reconfirm": NOBODY,  # there are unpublished changes
    },
    "withdrawn": {
        "submit": AUTHORS,
    },
}

STATUS = {
    "draft": "draft",
    "in_review": "in_review",
    "changes_requested": "changes_requested",
    "approved": "approved",
    "scheduled": "scheduled",
    "scheduled_and_due": "scheduled",
    "published": "published",
    "published_then_edited": "draft",
    "withdrawn": "withdrawn",
}

TRANSITIONS = [
    "submit",
    "request_changes",
    "approve",
    "publish",
    "schedule",
    "unschedule",
    "publish_scheduled",
    "withdraw",
    "expire",
    "reconfirm",
    "edit",
]


def test_the_grid_names_every_declared_transition():
    assert set(TRANSITIONS) == set(workflow.TRANSITIONS)


def _build(state, editor, signer):
    """A memo written by `editor` in the situation `state`, signed by `signer`."""
    memo = factories.make_memo(editor)
    ahead = timezone.now() + datetime.timedelta(days=2)

    def move(name, user=signer, **kw):
        services.perform(memo, name, user, **kw)

    if state == "draft":
        pass
    elif state == "in_review":
        move("submit", editor)
    elif state == "changes_requested":
        move("submit", editor)
        move("request_changes", comment="Please cite a source.")
    elif state == "approved":
        factories.approve(memo, signer)
    elif state in ("scheduled", "scheduled_and_due"):
        factories.approve(memo, signer)
        move("schedule", publish_at=ahead)
        if state == "scheduled_and_due":
            # Time passes: set the clock back on the item rather than forward on the world.
            type(memo).objects.filter(pk=memo.pk).update(
                publish_at=timezone.now() - datetime.timedelta(minutes=1)
            )
    elif state == "published":
        factories.publish(memo, signer)
    elif state == "published_then_edited":
        factories.publish(memo, signer)
        memo.refresh_from_db()
        factories.edit(memo, editor, title="A newer title")
    elif state == "withdrawn":
        factories.publish(memo, signer)
        move("withdraw", comment="Superseded by new guidance.")
    else:
        raise AssertionError(state)
    memo.refresh_from_db()
    assert memo.status == STATUS[state]
    return memo


def _user(role, editor):
    return {
        "anonymous": AnonymousUser(),
        "editor": editor,
        "reviewer": factories.make_reviewer(name="Dr Grid Reviewer"),
        "superuser": factories.make_user(role="superuser"),
        "scheduler": None,
    }[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", TRANSITIONS)
@pytest.mark.parametrize("state", list(EXPECTED))
def test_who_may_take_which_transition_in_which_state(state, name, role):
    editor = factories.make_user(role="editor")
    memo = _build(state, editor, signer=factories.make_reviewer(name="Dr Signer"))
    user = _user(role, editor)

    allowed = role in EXPECTED[state].get(name, NOBODY)

    reason = workflow.check(user, memo, name)
    assert (reason is None) == allowed, f"{state} / {name} / {role}: {reason}"
    offered = {t.name for t in workflow.available(user, memo)}
    assert (name in offered) == (allowed and workflow.TRANSITIONS[name].button)
