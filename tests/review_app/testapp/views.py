"""The memo's public page: its live version, or a 404. The admin's preview renders it too."""

from django.http import HttpResponseNotFound
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from .models import Memo


class MemoDetailView(DetailView):
    template_name = "testapp/memo_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Memo.objects.published().select_related("live_version", "live_signoff"),
            live_version__slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(version=self.object.live_version, **kwargs)


def not_found(request, exception):
    """The site's 404 page belongs to the site layer, which these settings do not install."""
    return HttpResponseNotFound("Not found.", content_type="text/plain")
