"""What a browser would post from an admin form, for tests under any settings (the site's and the
review app's own)."""

from django.urls import reverse

from tools.forms import FormFields


def change_form_data(client, url, form_id, **changes):
    """The data the admin's form at `url` posts, as opened now, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200
    parser = FormFields(form_id)
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    data = {name: values if len(values) > 1 else values[0] for name, values in data.items()}
    data.update(changes)
    return data


def change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
