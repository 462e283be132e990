"""Site-wide public pages: home, tags, reviewer profiles, editorial policy, errors."""

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from blog.models import Article, Category
from faq.models import Entry, FAQCategory
from invamed.content.models import EditorialPolicy
from invamed.review.models import ReviewerProfile


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        return super().get_context_data(
            featured=list(published.filter(is_featured=True)[:3]),
            latest=list(published[:6]),
            categories=Category.objects.filter(
                pk__in=published.values("live_version__category")
            ),
            faq_categories=FAQCategory.objects.filter(
                pk__in=Entry.objects.published().values("live_version__category")
            ),
            **kwargs,
        )


def public_tags():
    """Tags in use on live articles or live FAQ entries, with how many items carry each."""
    live_articles = Article.objects.published().values("live_version")
    live_entries = Entry.objects.published().values("live_version")
    return (
        Tag.objects.annotate(
            article_count=Count(
                "blog_taggedarticleversion_items",
                filter=Q(blog_taggedarticleversion_items__content_object__in=live_articles),
                distinct=True,
            ),
            entry_count=Count(
                "faq_taggedentryversion_items",
                filter=Q(faq_taggedentryversion_items__content_object__in=live_entries),
                distinct=True,
            ),
        )
        .filter(Q(article_count__gt=0) | Q(entry_count__gt=0))
        .order_by("name")
    )


class TagIndexView(ListView):
    template_name = "tags/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return public_tags()


class TagDetailView(ListView):
    """A tag's page: its live articles (paginated) and its live FAQ entries."""

    paginate_by = settings.INVAMED["PAGE_SIZE"]
    template_name = "tags/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().filter(live_version__tags=self.tag)

    def get_context_data(self, **kwargs):
        entries = Entry.objects.published().filter(live_version__tags=self.tag)
        context = super().get_context_data(tag=self.tag, entries=entries, **kwargs)
        if not context["object_list"] and not entries.exists():
            raise Http404("No published content carries this tag.")
        return context


class ReviewerProfileView(DetailView):
    """A reviewer's public profile and the live items whose live version they signed off."""

    template_name = "reviewers/profile_detail.html"
    context_object_name = "profile"

    def get_queryset(self):
        return ReviewerProfile.objects.public()

    def get_context_data(self, **kwargs):
        user_id = self.object.user_id
        return super().get_context_data(
            articles=Article.objects.published().filter(live_signoff__reviewer_id=user_id),
            entries=Entry.objects.published().filter(live_signoff__reviewer_id=user_id),
            **kwargs,
        )


class EditorialPolicyView(TemplateView):
    template_name = "editorial_policy.html"

    def get_context_data(self, **kwargs):
        policy = EditorialPolicy.objects.published().first()
        if policy is None:
            raise Http404("No editorial policy is published.")
        return super().get_context_data(policy=policy, **kwargs)


def server_error(request):
    """500 in the site's design, rendered without context processors or database queries."""
    return render(request, "500.html", status=500)
