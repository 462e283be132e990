from django import template

from invamed.richtext import render_richtext

register = template.Library()


@register.filter
def richtext(value):
    """Show stored rich text, sanitised again on the way out."""
    return render_richtext(value)
