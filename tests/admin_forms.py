"""What a browser would post from an admin form, for tests under any settings (the site's and the
review app's own)."""

from django.urls import reverse

from tools.forms import submitted


def change_form_data(client, url, form_id, **changes):
    """The data the admin's form at `url` posts, as opened now, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200
    return {**submitted(response.content.decode(), form_id), **changes}


def change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def save_in_admin(client, item, **changes):
    """Open `item`'s change form, make `changes` and save it, as `client` (the form must be
    accepted); return the item's newest version."""
    url = change_url(item)
    response = client.post(
        url, change_form_data(client, url, f"{item._meta.model_name}_form", **changes)
    )
    assert response.status_code == 302
    return type(item).objects.get(pk=item.pk).head_version
