"""The FAQ's public pages. Each starts from Entry.objects.published()."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from blog.models import Article
from faq.models import Entry, FAQCategory
from invamed.content.models import Notice
from invamed.site import jsonld
from invamed.site.pages import Crumb, PublicPageMixin

# Categories with the same `order` must not interleave: {% regroup %} needs them contiguous.
BY_CATEGORY = (
    "live_version__category__order",
    "live_version__category__name",
    "live_version__category_id",
    "order",
    "pk",
)


# The FAQ index shows this many answers per category; the category page has all of them.
INDEX_PER_CATEGORY = 5


def faq_crumb():
    return Crumb("FAQ", reverse("faq:index"))


class FAQPageMixin:
    """FAQPage JSON-LD of the listed (live) entries, when there are any."""

    def get_structured_data(self, context):
        entries = context["object_list"]
        return [jsonld.faq_page(self.request, entries)] if entries else []


class FAQIndexView(FAQPageMixin, PublicPageMixin, ListView):
    """Every FAQ category with its first live entries, grouped in the template ({% regroup %}).

    Each category shows its first INDEX_PER_CATEGORY answers (expandable, no JavaScript) and
    links to its own page for all of them, so the index stays the same size however many
    entries are published. Two queries: the entries' positions in their category are numbered
    by a window function over two narrow indexes (faq migration 0006), and then only the
    first few are loaded, by primary key. As one query, PostgreSQL would plan the second part
    for every live entry (it cannot foresee how few the window keeps) and read them all.
    """

    template_name = "faq/entry_list.html"
    per_category = INDEX_PER_CATEGORY

    def get_queryset(self):
        first_of_each_category = (
            Entry.objects.published()
            .order_by()
            .annotate(
                position=Window(
                    RowNumber(),
                    partition_by=F("live_version__category_id"),
                    order_by=[F("order"), F("pk")],
                )
            )
            .filter(position__lte=self.per_category)
            .values_list("pk", flat=True)
        )
        return (
            Entry.objects.published()
            .filter(pk__in=list(first_of_each_category))
            .order_by(*BY_CATEGORY)
        )

    def get_crumbs(self, context):
        return [faq_crumb()]


class FAQCategoryView(FAQPageMixin, PublicPageMixin, ListView):
    template_name = "faq/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(FAQCategory, slug=self.kwargs["slug"])
        return (
            Entry.objects.published()
            .filter(live_version__category=self.category)
            .order_by("order", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)

    def get_crumbs(self, context):
        return [faq_crumb(), Crumb(self.category.name, self.category.get_absolute_url())]


class EntryDetailView(PublicPageMixin, DetailView):
    """An FAQ entry's own page: its live version, sign-off, disclaimer, tags and articles."""

    template_name = "faq/entry_detail.html"

    def get_queryset(self):
        return (
            Entry.objects.published()
            .select_related("live_signoff__reviewer__reviewer_profile")
            .prefetch_related("live_version__tags")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            version=self.object.live_version,
            disclaimer=Notice.objects.default_for(Notice.Kind.DISCLAIMER),
            articles=list(Article.objects.published().filter(faq_links__entry=self.object)),
            **kwargs,
        )

    def get_crumbs(self, context):
        version = self.object.live_version
        return [
            faq_crumb(),
            Crumb(version.category.name, version.category.get_absolute_url()),
            Crumb(version.question, self.object.get_absolute_url()),
        ]

    def get_structured_data(self, context):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return [
            jsonld.faq_entry_page(self.request, self.object, context["version"], url),
            jsonld.faq_page(self.request, [self.object]),
        ]
