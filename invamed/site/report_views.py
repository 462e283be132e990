"""
"Report an issue with this page": the form on a page of its own, for each live article and FAQ
entry, and the thank-you page it redirects to (post, redirect, get).

The article and entry pages stay in the page cache: they only link here. These pages carry a
CSRF token, or a visitor's form errors, or their thanks, so they are never stored
(never_cache) and always rendered for the one who asked. A report is stored only for a live
item (a draft, scheduled or withdrawn one is a 404 here as everywhere) and against its live
version; nothing a visitor writes is shown back on any public page, this one included once it
was sent.
"""

from django.http import Http404, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from blog.models import Article
from faq.models import Entry
from invamed.reports import services, throttle
from invamed.reports.forms import ReportForm
from invamed.review.models import reverse_in
from invamed.security import client_ip

from .pages import Crumb, Moved, PublicPageMixin, by_address

# What each kind of page is reported through: its model, its page's route, the report's routes.
KINDS = {
    "article": (Article, "blog:article", "blog:report", "blog:report-sent"),
    "entry": (Entry, "faq:entry", "faq:report", "faq:report-sent"),
}


class ReportedItemMixin(PublicPageMixin):
    kind = None

    def dispatch(self, request, *args, **kwargs):
        model, self.page_route, self.form_route, self.sent_route = KINDS[self.kind]
        try:
            self.item = by_address(
                (model._meta.label, "report"),
                lambda: (
                    model.objects.published().select_related(None).select_related("live_version")
                ),
                kwargs["slug"],
                lambda item: item.live_version.slug,
            )
        except Moved:
            raise Http404("Report on the page's current address.") from None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        version = self.item.live_version
        return super().get_context_data(
            item=self.item, heading=getattr(version, self.item.heading_field), **kwargs
        )

    def get_crumbs(self, context):
        return [Crumb(context["heading"], self.item.get_absolute_url())]

    def get_alternates(self, context):
        return {self.item.language: self.request.path}


@method_decorator(never_cache, name="dispatch")
class ReportView(ReportedItemMixin, FormView):
    form_class = ReportForm
    template_name = "reports/report_form.html"

    def get_crumbs(self, context):
        return [*super().get_crumbs(context), Crumb(_("Report an issue"), self.request.path)]

    def form_valid(self, form):
        sent = reverse_in(self.item.language, self.sent_route, slug=self.kwargs["slug"])
        if form.is_bot:
            return HttpResponseRedirect(sent)  # a bot is thanked like anyone, and nothing kept
        client = throttle.client_digest(client_ip(self.request))
        if not throttle.allow(client):
            form.add_error(
                None,
                _(
                    "You have sent several reports in the last minute. Please wait a minute "
                    "and send this one again: your text is kept below."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        services.submit(
            self.item,
            message=form.cleaned_data["message"],
            email=form.cleaned_data["email"],
            is_professional=form.cleaned_data["is_professional"],
            client=client,
        )
        return HttpResponseRedirect(sent)


@method_decorator(never_cache, name="dispatch")
class ReportSentView(ReportedItemMixin, TemplateView):
    template_name = "reports/report_sent.html"

    def get_crumbs(self, context):
        return [*super().get_crumbs(context), Crumb(_("Report sent"), self.request.path)]
