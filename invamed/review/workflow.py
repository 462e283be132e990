"""
The editorial state machine and who may move an item, declared once.

Every view, admin button, admin action and management command asks `check()` or
`available()`; `services.perform()` is the only code that moves an item.

Roles:
- "author": anyone who may change the item (the Editors and Reviewers groups, superusers).
- "reviewer": holders of `review.review_content` (the Reviewers group, superusers). Editors
  never hold it, so they can never approve, publish or withdraw.
- "system": the scheduler (`manage.py run_scheduler`), acting with no user.

Four eyes: nobody signs off a version they wrote or changed since the last approval,
superusers included. Each translation is an item of its own: its four eyes, its sign-off.
"""

from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from invamed.text import lower

from .models import SignOff, State

REVIEW_PERMISSION = "review.review_content"
# The review app's own permissions that the roles of a site hold, beside those on its content:
# every role reads the audit record; reviewers and site administrators keep the public profiles.
AUDIT_READ_PERMISSIONS = ["review.view_reviewevent", "review.view_signoff"]
PROFILE_PERMISSIONS = [
    "review.view_reviewerprofile", "review.change_reviewerprofile",
    "review.add_reviewerprofiletext", "review.change_reviewerprofiletext",
    "review.delete_reviewerprofiletext", "review.view_reviewerprofiletext",
]  # fmt: skip


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    role: str  # "author", "reviewer" or "system"
    help: str = ""
    comment_required: bool = False
    signature: bool = False  # password re-entry, four eyes, a SignOff is recorded
    button: bool = True  # offered as a button on the item's admin page
    # The transition decides on one version the person saw: their form carries its number and
    # fingerprint, and the move is refused when the item has moved on since.
    binds_version: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            _("Submit for review"),
            frozenset({State.DRAFT, State.CHANGES_REQUESTED, State.WITHDRAWN}),
            State.IN_REVIEW,
            "author",
            help=_("Reviewers are told by e-mail."),
            binds_version=True,
        ),
        Transition(
            "request_changes",
            _("Send back"),
            frozenset({State.IN_REVIEW}),
            State.CHANGES_REQUESTED,
            "reviewer",
            help=_("The author is told by e-mail and sees your comment on this page."),
            comment_required=True,
            binds_version=True,
        ),
        Transition(
            "approve",
            _("Approve (sign)"),
            frozenset({State.IN_REVIEW}),
            State.APPROVED,
            "reviewer",
            help=_("Your electronic signature on exactly this version. Enter your password."),
            signature=True,
            binds_version=True,
        ),
        Transition(
            "publish",
            _("Publish now"),
            frozenset({State.APPROVED}),
            State.PUBLISHED,
            "reviewer",
            help=_("The approved version replaces what visitors see."),
            binds_version=True,
        ),
        Transition(
            "schedule",
            _("Schedule…"),
            frozenset({State.APPROVED}),
            State.SCHEDULED,
            "reviewer",
            help=_(
                "The approved version goes live at the time you set, with no one at the keyboard."
            ),
            binds_version=True,
        ),
        Transition(
            "unschedule",
            _("Cancel the schedule"),
            frozenset({State.SCHEDULED}),
            State.APPROVED,
            "reviewer",
        ),
        Transition(
            "publish_scheduled",
            _("Published on schedule"),
            frozenset({State.SCHEDULED}),
            State.PUBLISHED,
            "system",
            button=False,
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            frozenset(
                {
                    State.PUBLISHED,
                    State.DRAFT,
                    State.IN_REVIEW,
                    State.CHANGES_REQUESTED,
                    State.APPROVED,
                    State.SCHEDULED,
                }
            ),
            State.WITHDRAWN,
            "reviewer",
            help=_("Visitors get a 404 at once. The item can be re-submitted later."),
            comment_required=True,
        ),
        Transition(
            "expire",
            _("Withdrawn: review overdue"),
            frozenset({State.PUBLISHED}),
            State.WITHDRAWN,
            "system",
            button=False,
        ),
        Transition(
            "reconfirm",
            _("Confirm as current (re-review)"),
            frozenset({State.PUBLISHED}),
            State.PUBLISHED,
            "reviewer",
            help=_(
                "Records a new sign-off of the unchanged live version and moves the review dates."
            ),
            signature=True,
            binds_version=True,
        ),
        Transition(
            "edit",
            _("Saved a changed version"),
            frozenset({State.IN_REVIEW, State.APPROVED, State.SCHEDULED, State.PUBLISHED}),
            State.DRAFT,
            "author",
            help=_("A change during or after review needs a new review."),
            button=False,
        ),
    ]
}


# What the audit record's actions that are not transitions are called.
OTHER_ACTIONS = {
    "restore": _("Restored an earlier version"),
    "translate": _("Started a translation"),
}


def action_label(code):
    """The workflow's words for an audit action code ("request_changes" → "Send back")."""
    if code in TRANSITIONS:
        return TRANSITIONS[code].label
    return OTHER_ACTIONS.get(code, code)


def _has_role(user, item, role):
    if role == "system":
        return user is None
    if user is None or not user.is_active:
        return False
    if role == "reviewer":
        return user.has_perm(REVIEW_PERMISSION)
    opts = item._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def last_approved_number(item, before=None):
    """Number of the latest version approved before version `before` (0 if none)."""
    signoffs = SignOff.objects.filter(
        item_type__app_label=item._meta.app_label,
        item_type__model=item._meta.model_name,
        item_id=item.pk,
        kind=SignOff.Kind.APPROVAL,
    )
    if before is not None:
        signoffs = signoffs.filter(version_number__lt=before)
    latest = signoffs.order_by("-version_number").values_list("version_number", flat=True).first()
    return latest or 0


def contributors(item, version):
    """Ids of users who wrote or changed `version` since the previous approval (four eyes)."""
    since = last_approved_number(item, before=version.number)
    return set(
        item.versions.filter(number__gt=since, number__lte=version.number).values_list(
            "created_by_id", flat=True
        )
    )


def version_to_sign(item, transition):
    if transition.name == "reconfirm":
        return item.live_version
    return item.head_version


def meaning(item, kind):
    """What a signature of `kind` (SignOff.Kind) on `item` means, as the sign-off records it."""
    return item.signoff_meanings[kind]


def role_refusal(user, item, transition):
    """None when `user` holds the role `transition` needs, whatever the item's state; else why."""
    if _has_role(user, item, transition.role):
        return None
    if transition.role == "reviewer":
        return _("Only a reviewer can do this.")
    if transition.role == "system":
        return _("Only the scheduler does this.")
    return _("You may not change this item.")


def check(user, item, name):
    """Return None when `user` may take transition `name` on `item`, else the reason why not."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        return _("There is no such action.")
    if item.status not in transition.sources:
        return _("This cannot be done while the item is %(state)s.") % {
            "state": lower(item.get_status_display(), translation.get_language())
        }
    role = role_refusal(user, item, transition)
    if role is not None:
        return role
    if name == "withdraw" and not item.is_published():
        if item.status != State.SCHEDULED:
            return _("Only a live or scheduled item can be withdrawn.")
    if name == "publish_scheduled" and not _due(item):
        return _("Not due yet.")
    if name == "reconfirm" and item.has_unpublished_changes:
        return _("The item has changes since the live version: review those instead.")
    if transition.signature:
        version = version_to_sign(item, transition)
        if version is None:
            return _("There is no version to sign.")
        if user.pk in contributors(item, version):
            return _(
                "Four eyes: you wrote or changed this version, so another reviewer must sign it."
            )
    return None


def _due(item):
    return item.publish_at is not None and item.publish_at <= timezone.now()


def may_save_and_submit(user, model, item=None):
    """Whether `user` is offered "Save and submit for review" on the form of `item` (None while
    it is being added): a save that changes an item in review or later takes it back to draft,
    from which it can be submitted. `services.perform` checks the submission itself again."""
    submit, edit = TRANSITIONS["submit"], TRANSITIONS["edit"]
    if role_refusal(user, item if item is not None else model, submit) is not None:
        return False
    return item is None or item.status in submit.sources | edit.sources


def available(user, item):
    """The transitions `user` may take on `item` now, for buttons."""
    return [t for t in TRANSITIONS.values() if t.button and check(user, item, t.name) is None]
