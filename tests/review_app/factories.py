"""
Builders for the review app's tests: people in their roles and memos, made the way the
application makes reviewed items (the working copy saved, services.save_version keeps a
version, transitions through services.perform).

The site's roles are written by a migration of the site layer (invamed/site/roles.py), which
these settings do not install: ROLES below are the same three groups with the memo's
permissions, written when a test first needs one.
"""

import itertools

from django.contrib.auth.models import Group, Permission

from invamed.review import services
from invamed.review.workflow import AUDIT_READ_PERMISSIONS, PROFILE_PERMISSIONS, REVIEW_PERMISSION
from tests.review_app import people, steps
from tests.review_app.steps import edit, transition_data  # noqa: F401 (the suite's builders)
from tests.review_app.testapp.models import Memo, Source

PASSWORD = people.PASSWORD
_seq = itertools.count(1)

EDITOR_PERMISSIONS = [
    "testapp.add_memo", "testapp.change_memo", "testapp.view_memo", "testapp.view_memoversion",
    "testapp.add_source", "testapp.change_source", "testapp.delete_source",
    "testapp.view_source",
    "content.view_notice", "content.view_sitepage", "content.add_tag", "content.view_tag",
    *AUDIT_READ_PERMISSIONS,
]  # fmt: skip
REVIEWER_PERMISSIONS = EDITOR_PERMISSIONS + [
    REVIEW_PERMISSION, *PROFILE_PERMISSIONS,
]  # fmt: skip
SITE_ADMIN_PERMISSIONS = [
    "auth.add_user", "auth.change_user", "auth.view_user", "auth.view_group",
    "review.add_reviewerprofile", *PROFILE_PERMISSIONS,
    *AUDIT_READ_PERMISSIONS,
    "outbox.view_mail", "outbox.retry_mail",
]  # fmt: skip
ROLES = {
    "editor": ("Editors", EDITOR_PERMISSIONS),
    "reviewer": ("Reviewers", REVIEWER_PERMISSIONS),
    "site_admin": ("Site administrators", SITE_ADMIN_PERMISSIONS),
}


def role_group(role):
    """The group of `role`, with exactly its permissions (made once per test database); None
    for a role without one."""
    if role not in ROLES:
        return None
    name, permissions = ROLES[role]
    group, created = Group.objects.get_or_create(name=name)
    if created:
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return group


def make_user(username=None, role=None, **extra):
    """role: None, "editor", "reviewer", "site_admin" or "superuser"."""
    return people.make_user(username or f"user{next(_seq)}", role, role_group, **extra)


def make_reviewer(name="Dr Deniz Aksoy", credentials="MD, physical medicine", public=True, **kw):
    return people.add_profile(
        make_user(role="reviewer", **kw), name, credentials, public,
        role="Medical reviewer", affiliation="Medical Affairs", bio="Reviews memos.",
        declaration="None declared.",
    )  # fmt: skip


def make_memo(editor=None, *, tags=(), sources=(), **fields):
    """A draft memo with its first version, written by `editor`; `sources`: (citation, url)."""
    editor = editor or make_user(role="editor")
    n = next(_seq)
    fields.setdefault("title", f"Memo {n}")
    fields.setdefault("slug", f"memo-{n}")
    fields.setdefault("body", f"<h2>What is it?</h2><p>Body of memo {n}.</p>")
    memo = Memo.objects.create(created_by=editor, **fields)
    if tags:
        memo.tags.set(list(tags), tag_kwargs={"language": memo.language})
    for position, (citation, url) in enumerate(sources, start=1):
        Source.objects.create(item=memo, position=position, citation=citation, url=url)
    services.save_version(memo, editor)
    memo.refresh_from_db()
    return memo


# Submit and approve, or take through to publication, with a new reviewer unless one is given.
approve, publish = steps.with_a_new_reviewer(make_reviewer)
