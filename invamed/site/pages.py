"""What every public page shares: the breadcrumb trail, its JSON-LD, and the lists' paginator.

`PublicPageMixin` gives every public page its breadcrumb trail and its JSON-LD, built from one
list so the visible trail and the BreadcrumbList cannot disagree.
"""

from collections import namedtuple

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from . import jsonld

Crumb = namedtuple("Crumb", "name url")


class DeferredJoinPaginator(Paginator):
    """Pages of a long list: the page's ids first, then only those rows with their joins.

    A deep page then skips its offset on one narrow ordered index scan instead of joining
    every skipped article to its version, category and author. A page in the second half of
    the list is counted from the end, walking the same index backwards (the list's order
    reversed, a small offset), so the last page of the INVAblog costs what the first does and
    no page costs more than the middle one. Still two queries (count, page).
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")
        if self.count - top < bottom and self._totally_ordered():
            ids = ids.reverse()[self.count - top : self.count - bottom]
        else:
            ids = ids[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)

    def _totally_ordered(self):
        """Whether the list's order ends with its primary key, so that it has one reverse."""
        order_by = self.object_list.query.order_by
        return bool(order_by) and order_by[-1] in ("pk", "-pk", "id", "-id")


class PublicPageMixin:
    """Breadcrumbs (Home first, the page last) and structured data of a public page."""

    def get_crumbs(self, context):
        """The crumbs after Home, as Crumb(name, url); the last one is this page."""
        return []

    def get_structured_data(self, context):
        """JSON-LD dicts of the page, besides its BreadcrumbList."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        crumbs = [Crumb("Home", reverse("home")), *self.get_crumbs(context)]
        context["crumbs"] = crumbs
        context["jsonld"] = [
            *self.get_structured_data(context),
            jsonld.breadcrumb_list(self.request, crumbs),
        ]
        return context


def with_live_items(category_model, published):
    """The categories that have at least one item of `published`, in their own order.

    One scalar subquery with LIMIT 1 per category: PostgreSQL stops at the first live item
    (an EXISTS or IN would be turned into a join over every item of the category).
    """
    first_live = published.filter(live_version__category=OuterRef("pk")).order_by().values("pk")
    return category_model.objects.alias(first_live=Subquery(first_live[:1])).filter(
        first_live__isnull=False
    )
