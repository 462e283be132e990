"""The admin front page's review lists ("Awaiting my review", "My drafts")."""

from django import template

from invamed.review.admin import review_queues

register = template.Library()


@register.inclusion_tag("admin/review/queues.html", takes_context=True)
def review_queues_for_user(context):
    return review_queues(context["request"])
