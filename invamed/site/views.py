"""Site-wide public pages: home, tags, reviewer profiles, the site's own pages, errors."""

from typing import NamedTuple

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from blog.models import Article, Category
from faq.models import Entry, FAQCategory
from invamed.content.models import Notice, SitePage, Tag
from invamed.review.models import ReviewerProfile, reverse_in

from . import compiled, jsonld
from .pages import (
    ITEM_SLOT,
    LANGUAGE_SLOT,
    SLUG_SLOT,
    Crumb,
    DeferredJoinPaginator,
    Listing,
    Moved,
    PublicPageMixin,
    RedirectsOldAddresses,
    current_language,
    reviewer_text,
    with_live_items,
)
from .tags import live_tag_rows


def accepted_languages(header):
    """The languages of an Accept-Language header, most wanted first ("tr-TR,tr;q=0.9,en;q=0.8")."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        code, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if code and code != "*" and quality > 0:
            weighted.append((-quality, position, code.lower()))
    return [code for _q, _p, code in sorted(weighted)]


def language_home(request):
    """`/`: the home page in the visitor's language, from Accept-Language only (English when none
    of ours is asked for). No cookie decides it, so every language's pages keep one cache key
    per address; this small redirect is never stored."""
    language = settings.LANGUAGE_CODE
    for code in accepted_languages(request.headers.get("Accept-Language", "")):
        try:
            language = translation.get_supported_language_variant(code)
        except LookupError:
            continue
        break
    response = HttpResponseRedirect(reverse_in(language, "home"))
    patch_vary_headers(response, ("Accept-Language",))
    response["Cache-Control"] = "private, max-age=0"
    return response


def newest(language, featured):
    """The cards of the live articles of `language` that are featured or not, newest first."""
    return Article.objects.cards().in_language(language).filter(live_version__is_featured=featured)


def live_categories(category_model, item_model, language):
    """The categories of `language` with a live item (of `item_model`) of theirs. Only the
    language's own: another language's never holds these items, and looking costs a scan of
    them each."""
    items = item_model.objects.published().in_language(language)
    return with_live_items(category_model, items).filter(language=language)


class HomeView(PublicPageMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        # Each list is read from SQL compiled once per language (invamed.site.compiled); the
        # cards' rows are made into articles only for a card that is not kept.
        slots = [(LANGUAGE_SLOT, current_language())]
        return super().get_context_data(
            featured=compiled.items(("featured",), lambda lang: newest(lang, True)[:3], slots),
            latest=compiled.items(("latest",), lambda lang: newest(lang, False)[:6], slots),
            categories=compiled.objects(
                ("home categories",),
                lambda language: live_categories(Category, Article, language),
                slots,
            ),
            faq_categories=compiled.objects(
                ("home FAQ categories",),
                lambda language: live_categories(FAQCategory, Entry, language),
                slots,
            ),
            **kwargs,
        )

    def get_structured_data(self, context):
        return [jsonld.home_page(self.request)]


class Topic(NamedTuple):
    """A public tag as the topic index lists it: its row and how many live items carry it."""

    pk: int
    name: str
    slug: str
    language: str
    count: int

    def tag(self):
        """The Tag it is, for what the Tag model says of it (its address)."""
        return Tag(pk=self.pk, name=self.name, slug=self.slug, language=self.language)


def tag_counts(language, kind):
    """(tag id, live items carrying it) of the live articles (kind 0) or FAQ entries (1)."""
    rows = list(live_tag_rows(language))[kind]
    return rows.order_by().values_list("tag").annotate(Count("pk"))


def counted_public_tags(language):
    """The public tags of `language` as Topic rows, each with how many live articles and FAQ
    entries carry it. Each content type's rows are counted on their own: counting both in one
    query would join every article row of a tag to every entry row."""
    # Each query is compiled once per process (invamed.site.compiled).
    slots = [(LANGUAGE_SLOT, language)]
    articles, entries = (
        dict(
            compiled.rows(
                ("tag counts", kind), lambda language, kind=kind: tag_counts(language, kind), slots
            )
        )
        for kind in (0, 1)
    )
    # The language's whole vocabulary, sifted here: an IN list of hundreds of ids costs more.
    # Rows, not Tag instances: the topic index is a kept piece, and its key needs only these.
    vocabulary = compiled.rows(
        ("vocabulary",),
        lambda language: Tag.objects.filter(language=language).values_list("pk", "name", "slug"),
        slots,
    )
    return [
        Topic(pk, name, slug, language, articles.get(pk, 0) + entries.get(pk, 0))
        for pk, name, slug in vocabulary
        if pk in articles or pk in entries
    ]


class TagIndexView(PublicPageMixin, ListView):
    """Every tag in use on live content of the page's language, filed under its first letter,
    in the order of that language's alphabet (by the topic_groups tag, when it renders them)."""

    template_name = "tags/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return counted_public_tags(current_language())

    def get_crumbs(self, context):
        return [Crumb(_("Topics"), reverse("tag-index"))]


# A tag's page lists this many of its FAQ questions and links to the rest: a tag on hundreds
# of answers must not make its page (and every page of its articles) grow with the FAQ.
TAG_PAGE_QUESTIONS = 10


def tagged_entries(tag):
    return Entry.objects.links().filter(live_version__tags=tag)


class TagPageMixin(PublicPageMixin):
    """A list of one tag's live content: the tag of the page's language from the URL (unknown:
    404) and its crumbs. A tag exists for other languages only as their own tags."""

    paginator_class = DeferredJoinPaginator

    @cached_property
    def tag(self):
        found = compiled.objects(
            ("tag",),
            lambda language, slug: Tag.objects.filter(language=language, slug=slug),
            [(LANGUAGE_SLOT, current_language()), (SLUG_SLOT, self.kwargs["slug"])],
        )
        if not found:
            raise Http404("No such topic.")
        return found[0]

    def tagged_entries(self):
        """Links to the live FAQ entries carrying the tag."""
        return Listing(("tagged entries",), tagged_entries, [(ITEM_SLOT, self.tag.pk)])

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_crumbs(self, context):
        return [
            Crumb(_("Topics"), reverse("tag-index")),
            Crumb(self.tag.name, self.tag.get_absolute_url()),
        ]

    def get_alternates(self, context):
        return {self.tag.language: self.tag.get_absolute_url()}


class TagDetailView(TagPageMixin, ListView):
    """A tag's page: its live articles (paginated) and its first live FAQ entries."""

    paginate_by = settings.INVAMED["PAGE_SIZE"]
    template_name = "tags/tag_detail.html"

    def get_queryset(self):
        return Listing(
            ("tagged articles",),
            lambda tag: Article.objects.cards().filter(live_version__tags=tag),
            [(ITEM_SLOT, self.tag.pk)],
        )

    def get_context_data(self, **kwargs):
        entries = self.tagged_entries().first(TAG_PAGE_QUESTIONS + 1)
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
        return [*super().get_crumbs(context), Crumb(_("Questions"), questions)]


# A reviewer's profile lists this many of the newest items of each kind they signed off, and
# links to a page of each kind with all of them: a profile keeps its size however much they
# have reviewed.
PROFILE_LIST = 10


def public_profile(slug, route):
    """The public reviewer profile that has or had the address `slug`, else 404. An old
    address raises Moved, to the page `route` of the profile's current one."""
    found = compiled.objects(
        ("reviewer profile",),
        lambda slug: ReviewerProfile.objects.public().filter(
            addresses__slug=slug, addresses__went_live=True
        ),
        [(SLUG_SLOT, slug)],
    )
    if len(found) != 1:
        raise Http404("No such reviewer.")
    [found] = found
    if found.slug != slug:
        raise Moved(reverse(route, kwargs={"slug": found.slug}))
    return found


def signed_by(reviewer_id, model, language):
    """The live items of `model` in `language` whose live sign-off is the reviewer's (a user
    id), newest sign-off first, with only what a list of them shows: the address, the
    version's title and the sign-off date."""
    title = "question" if model is Entry else "title"
    return (
        model.objects.published()
        .in_language(language)
        .filter(live_signoff__reviewer_id=reviewer_id)
        .select_related(None)
        .select_related("live_version", "live_signoff")
        .only("language", "live_version__slug", f"live_version__{title}", "live_signoff__signed_at")
        .order_by("-live_signoff__signed_at", "-pk")
    )


def signed_listing(profile, model, language):
    """signed_by() of the profile's reviewer, as a Listing."""
    return Listing(
        (model._meta.label, "signed by"),
        lambda language, reviewer: signed_by(reviewer, model, language),
        [(LANGUAGE_SLOT, language), (ITEM_SLOT, profile.user_id)],
    )


class ReviewerProfileView(RedirectsOldAddresses, PublicPageMixin, DetailView):
    """A reviewer's public profile and the newest live items of the page's language whose live
    version they signed off. Only the profile's public fields are shown: never the user's
    e-mail or username."""

    template_name = "reviewers/profile_detail.html"
    context_object_name = "profile"

    def get_object(self, queryset=None):
        return public_profile(self.kwargs["slug"], "reviewer-profile")

    def get_context_data(self, **kwargs):
        language = current_language()
        articles = signed_listing(self.object, Article, language).first(PROFILE_LIST + 1)
        entries = signed_listing(self.object, Entry, language).first(PROFILE_LIST + 1)
        return super().get_context_data(
            text=reviewer_text(self.object, language),
            articles=articles[:PROFILE_LIST],
            more_articles=len(articles) > PROFILE_LIST,
            entries=entries[:PROFILE_LIST],
            more_entries=len(entries) > PROFILE_LIST,
            **kwargs,
        )

    def get_crumbs(self, context):
        return [Crumb(self.object.name, self.object.get_absolute_url())]

    def get_structured_data(self, context):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return [jsonld.profile_page(self.request, self.object, context["text"], url)]

    def get_alternates(self, context):
        return {code: self.object.url_in(code) for code, _name in settings.LANGUAGES}


class ReviewerSignedView(RedirectsOldAddresses, PublicPageMixin, ListView):
    """Every live item of one kind (`model`: Article or Entry) in the page's language that a
    reviewer signed off, newest sign-off first, twenty a page (linked from their profile)."""

    model = None
    paginate_by = 2 * settings.INVAMED["PAGE_SIZE"]
    paginator_class = DeferredJoinPaginator
    template_name = "reviewers/signed_list.html"

    def route(self):
        return "reviewer-answers" if self.model is Entry else "reviewer-articles"

    def get_queryset(self):
        self.profile = public_profile(self.kwargs["slug"], self.route())
        return signed_listing(self.profile, self.model, current_language())

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, answers=self.model is Entry, **kwargs)

    def get_crumbs(self, context):
        url = reverse(self.route(), kwargs={"slug": self.profile.slug})
        name = _("FAQ answers reviewed") if self.model is Entry else _("Articles reviewed")
        return [Crumb(self.profile.name, self.profile.get_absolute_url()), Crumb(name, url)]


class SitePageView(PublicPageMixin, DetailView):
    """The editorial policy, the privacy and legal notices, the contact page: their live version
    in the page's language, 404 until one is live."""

    template_name = "site_page.html"
    context_object_name = "page"

    @staticmethod
    def kinds():
        return SitePage.Kind.values

    def get_object(self, queryset=None):
        # Compiled once per kind (invamed.site.compiled): the URLs name a fixed few.
        kind = self.kwargs["kind"]
        found = compiled.objects(
            ("site page", kind),
            lambda language: SitePage.objects.live(kind, language)[:1],
            [(LANGUAGE_SLOT, current_language())],
        )
        if not found:
            raise Http404("This page is not published.")
        return found[0]

    def get_context_data(self, **kwargs):
        return super().get_context_data(version=self.object.live_version, **kwargs)

    def get_crumbs(self, context):
        return [Crumb(context["version"].title, self.object.get_absolute_url())]

    def get_alternates(self, context):
        kind = self.object.kind
        live = compiled.objects(
            ("site page alternates", kind),
            lambda: SitePage.objects.published().filter(kind=kind).only("language", "kind"),
            [],
        )
        return {page.language: page.get_absolute_url() for page in live}


class NoticeView(PublicPageMixin, DetailView):
    """A regulatory notice or the disclaimer on a page of its own (what previews show)."""

    template_name = "notice_page.html"
    context_object_name = "notice"

    def get_queryset(self):
        return Notice.objects.published().in_language(current_language())

    def get_context_data(self, **kwargs):
        return super().get_context_data(version=self.object.live_version, **kwargs)

    def get_crumbs(self, context):
        return [Crumb(context["version"].heading, self.object.get_absolute_url())]

    def get_alternates(self, context):
        return {self.object.language: self.object.get_absolute_url()}


def server_error(request):
    """500 in the site's design, rendered without context processors or database queries.

    In the language of the address (/tr/… in Turkish, anything else in the default language),
    read from the path alone: the error may have happened before the language was chosen."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        page = loader.render_to_string("500.html", {"home": reverse_in(language, "home")})
    return HttpResponseServerError(page)
