"""Site-wide public pages: home, tags, reviewer profiles, editorial policy, errors."""

import unicodedata
from itertools import groupby

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from blog.models import Article, Category
from faq.models import Entry, FAQCategory
from invamed.content.models import EditorialPolicy
from invamed.review.models import ReviewerProfile
from invamed.site import jsonld

from .pages import Crumb, DeferredJoinPaginator, PublicPageMixin, with_live_items


class HomeView(PublicPageMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        return super().get_context_data(
            featured=list(published.filter(is_featured=True)[:3]),
            latest=list(published.filter(is_featured=False)[:6]),
            categories=with_live_items(Category, published),
            faq_categories=with_live_items(FAQCategory, Entry.objects.published()),
            **kwargs,
        )

    def get_structured_data(self, context):
        return [jsonld.home_page(self.request)]


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


def plain(text):
    """`text` without accents, for sorting and filing: "öksürük" sorts and files as "oksuruk"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def initial(name):
    """The letter a tag is filed under: its first letter without accents, "#" for the rest."""
    first = plain(name)[:1].upper()
    return first if first.isalpha() else "#"


class TagIndexView(PublicPageMixin, ListView):
    """Every tag in use on live content, alphabetical, filed under its first letter."""

    template_name = "tags/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return public_tags()

    def get_context_data(self, **kwargs):
        tags = sorted(self.object_list, key=lambda tag: (plain(tag.name), tag.name.casefold()))
        groups = [
            (letter, list(items)) for letter, items in groupby(tags, key=lambda t: initial(t.name))
        ]
        return super().get_context_data(groups=groups, **kwargs)

    def get_crumbs(self, context):
        return [Crumb("Topics", reverse("tag-index"))]


# A tag's page lists this many of its FAQ questions and links to the rest: a tag on hundreds
# of answers must not make its page (and every page of its articles) grow with the FAQ.
TAG_PAGE_QUESTIONS = 10


class TagPageMixin(PublicPageMixin):
    """A list of one tag's live content: the tag from the URL (unknown: 404) and its crumbs."""

    paginator_class = DeferredJoinPaginator

    @cached_property
    def tag(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def tagged_entries(self):
        return Entry.objects.published().filter(live_version__tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_crumbs(self, context):
        return [
            Crumb("Topics", reverse("tag-index")),
            Crumb(self.tag.name, reverse("tag", kwargs={"slug": self.tag.slug})),
        ]


class TagDetailView(TagPageMixin, ListView):
    """A tag's page: its live articles (paginated) and its first live FAQ entries."""

    paginate_by = settings.INVAMED["PAGE_SIZE"]
    template_name = "tags/tag_detail.html"

    def get_queryset(self):
        return Article.objects.published().filter(live_version__tags=self.tag)

    def get_context_data(self, **kwargs):
        entries = list(self.tagged_entries()[: TAG_PAGE_QUESTIONS + 1])
        context = super().get_context_data(
            entries=entries[:TAG_PAGE_QUESTIONS],
            more_entries=len(entries) > TAG_PAGE_QUESTIONS,
            **kwargs,
        )
        if not context["object_list"] and not entries:
            raise Http404("No published content carries this tag.")
        return context


class TagQuestionsView(TagPageMixin, ListView):
    """Every live FAQ entry carrying a tag, twenty a page (linked from the tag's page)."""

    paginate_by = 2 * settings.INVAMED["PAGE_SIZE"]
    template_name = "tags/tag_questions.html"
    allow_empty = False

    def get_queryset(self):
        return self.tagged_entries()

    def get_crumbs(self, context):
        questions = reverse("tag-questions", kwargs={"slug": self.tag.slug})
        return [*super().get_crumbs(context), Crumb("Questions", questions)]


class ReviewerProfileView(PublicPageMixin, DetailView):
    """A reviewer's public profile and the live items whose live version they signed off.

    Only the profile's public fields are shown: never the user's e-mail or username.
    """

    template_name = "reviewers/profile_detail.html"
    context_object_name = "profile"

    def get_queryset(self):
        return ReviewerProfile.objects.public()

    def get_context_data(self, **kwargs):
        user_id = self.object.user_id
        newest_first = ("-live_signoff__signed_at", "-pk")
        return super().get_context_data(
            articles=list(
                Article.objects.published()
                .filter(live_signoff__reviewer_id=user_id)
                .select_related("live_signoff")
                .order_by(*newest_first)
            ),
            entries=list(
                Entry.objects.published()
                .filter(live_signoff__reviewer_id=user_id)
                .select_related("live_signoff")
                .order_by(*newest_first)
            ),
            **kwargs,
        )

    def get_crumbs(self, context):
        return [Crumb(self.object.name, self.object.get_absolute_url())]

    def get_structured_data(self, context):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return [jsonld.profile_page(self.request, self.object, url)]


class EditorialPolicyView(PublicPageMixin, TemplateView):
    template_name = "editorial_policy.html"

    def get_context_data(self, **kwargs):
        self.policy = EditorialPolicy.objects.published().first()
        if self.policy is None:
            raise Http404("No editorial policy is published.")
        return super().get_context_data(policy=self.policy, **kwargs)

    def get_crumbs(self, context):
        return [Crumb(self.policy.title, reverse("editorial-policy"))]


def server_error(request):
    """500 in the site's design, rendered without context processors or database queries."""
    return HttpResponseServerError(loader.render_to_string("500.html"))
