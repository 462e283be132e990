"""The workflow's steps as the tests take them, on any reviewed item of either suite: an edit
saved as a new version, a submission and sign-off, a publication, and what a transition's form
posts. This module imports no model."""

from invamed.review import services, workflow

from .people import PASSWORD


def approve(item, reviewer, *, when=None):
    """Submit (as its author) and approve (as `reviewer`) the item's head version."""
    author = item.head_version.created_by
    services.perform(item, "submit", author, when=when)
    return services.perform(item, "approve", reviewer, password=PASSWORD, when=when)


def publish(item, reviewer, *, when=None):
    """Take the item through submit, approve and publish; return it refreshed."""
    approve(item, reviewer, when=when)
    services.perform(item, "publish", reviewer, when=when)
    item.refresh_from_db()
    return item


def with_a_new_reviewer(make_reviewer):
    """approve() and publish() for a suite's factories: `reviewer` may be left out, and then a
    new one is made (by the suite's `make_reviewer`)."""

    def approve_item(item, reviewer=None, *, when=None):
        return approve(item, reviewer or make_reviewer(), when=when)

    def publish_item(item, reviewer=None, *, when=None):
        return publish(item, reviewer or make_reviewer(), when=when)

    return approve_item, publish_item


def edit(item, user, **changes):
    """Change the working copy as the admin would, and keep the new version."""
    for field, value in changes.items():
        item._meta.get_field(field)  # a misspelt field must fail here, not change nothing
        setattr(item, field, value)
    item.lock_version += 1
    item.save()
    return services.save_version(item, user)


def transition_data(item, name, **data):
    """What a transition's form on the item's admin page posts: the version it shows (its
    number and fingerprint), with `data` (comment, password, publish_at...)."""
    item = type(item).objects.get(pk=item.pk)
    version = workflow.version_to_sign(item, workflow.TRANSITIONS[name])
    if version is not None:
        data = {"version": version.number, "fingerprint": version.fingerprint, **data}
    return data


def change_cited_rows(rows, change):
    """Change an item's cited rows (`rows`, a related manager of rows with a citation, a link and
    a position) as an editor could: the first row's "text" or "link", a "new" row, or the
    "order" of the first two. The update skips save(), as an admin's inline does not mark the
    item itself."""
    first, *others = rows.all()
    same = rows.model.objects
    if change == "text":
        same.filter(pk=first.pk).update(citation="Doe J. 2021.")
    elif change == "link":
        same.filter(pk=first.pk).update(url="https://doi.org/10.1/b")
    elif change == "new":
        rows.create(position=len(others) + 2, citation="Poe P. 2018.")
    elif change == "order":
        same.filter(pk=first.pk).update(position=2)
        same.filter(pk=others[0].pk).update(position=1)
    else:
        raise ValueError(change)
