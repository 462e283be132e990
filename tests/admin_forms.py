"""What a browser would post from an admin form, for tests under any settings (the site's and the
review app's own)."""

from html.parser import HTMLParser

from django.urls import reverse


class _FormParser(HTMLParser):
    """Collects what a browser would submit from the form with id `form_id`."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self.textarea = self.select = None
        self.options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        # A field with a `form` attribute belongs to that form, wherever it stands.
        owner = attrs.get("form")
        if not (self.inside if owner is None else owner == self.form_id):
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append(
                (name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
            )
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select, self.options = name, []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self.data.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select:
            chosen = [v for v, selected in self.options if selected]
            self.data += [(self.select, v) for v in chosen]
            self.select = None


def change_form_data(client, url, form_id, **changes):
    """The data the admin's form at `url` posts, as opened now, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.data:
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)
    data = {name: values if len(values) > 1 else values[0] for name, values in data.items()}
    data.update(changes)
    return data


def change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
