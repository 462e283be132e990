"""What a browser submits from a form: one parser for the tools that drive the admin over HTTP
(tools/harness.py) and for the tests that post admin forms (tests/admin_forms.py)."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields one form submits as a browser would: inputs, checked boxes, selected options
    and text areas, without the admin's empty inline templates (`__prefix__`)."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        # A field with a `form` attribute belongs to that form, wherever it stands.
        owner = attrs.get("form")
        if not (self.inside if owner is None else owner == self.form_id):
            return
        name = attrs.get("name")
        # A browser submits no file input as text, nor the buttons it was not clicked with.
        if (
            tag == "input"
            and name
            and attrs.get("type", "text") not in ("submit", "button", "file")
        ):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            self._add(name, value.removeprefix("\n"))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def _add(self, name, value):
        if "__prefix__" not in name:
            self.fields.append((name, value))


def submitted(html, form_id):
    """What the form `form_id` of the page `html` submits, as opened: name -> value, or a list
    of values for a name that repeats."""
    parser = FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}
