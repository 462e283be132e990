"""The FAQ's public pages. Each starts from Entry.objects.published()."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from invamed.content.models import Notice

from .models import Entry, FAQCategory


class FAQIndexView(ListView):
    """Every live entry, grouped by FAQ category in the template ({% regroup %})."""

    template_name = "faq/entry_list.html"

    def get_queryset(self):
        return Entry.objects.published()


class FAQCategoryView(ListView):
    template_name = "faq/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(FAQCategory, slug=self.kwargs["slug"])
        return Entry.objects.published().filter(live_version__category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class EntryDetailView(DetailView):
    template_name = "faq/entry_detail.html"

    def get_queryset(self):
        return Entry.objects.published().select_related(
            "live_signoff__reviewer__reviewer_profile"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            version=self.object.live_version,
            disclaimer=Notice.objects.default_for(Notice.Kind.DISCLAIMER),
            **kwargs,
        )
