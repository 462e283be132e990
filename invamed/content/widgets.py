"""The tag box of the admin forms: taggit's comma-separated text input, with the existing tags
of the item's language offered as the editor types, so one tag is not kept under two spellings
("spine care" / "spine-care")."""

from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from taggit.forms import TagWidget


class TagSuggestWidget(TagWidget):
    """A `<datalist>` of tag names attached to the input (`list=`). The browser offers them for
    the whole value; tag-suggest.js offers them for the part after the last comma as well."""

    class Media:
        js = ["js/tag-suggest.js"]

    def __init__(self, names=(), attrs=None):
        super().__init__(attrs)
        self.names = list(names)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}_suggestions"
        attrs.update({"list": list_id, "autocomplete": "off", "data-tag-suggest": ""})
        field = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((n,) for n in self.names))
        return format_html("{}<datalist{}>{}</datalist>", field, flatatt({"id": list_id}), options)
