"""The admin front page's review lists ("Awaiting my review", "My drafts")."""

from django import template

from invamed.review import workflow
from invamed.review.admin import review_queues

register = template.Library()


@register.inclusion_tag("admin/review/queues.html", takes_context=True)
def review_queues_for_user(context):
    return review_queues(context["request"])


@register.filter
def action_label(code):
    """An audit action code in the workflow's words."""
    return workflow.action_label(code)
