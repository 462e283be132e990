"""What every public page shares: the language, the breadcrumb trail and its JSON-LD, the
addresses of the page in the other languages, old addresses that redirect, and the lists'
paginator.

`PublicPageMixin` gives every public page its breadcrumb trail and its JSON-LD, built from one
list so the visible trail and the BreadcrumbList cannot disagree, and its `alternates`: the same
page in each language where it exists (the language switch, hreflang links).
"""

from collections import namedtuple

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, Func, OuterRef, Subquery
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from invamed.cache import for_this_generation
from invamed.content.models import Notice
from invamed.review.models import reverse_in

from . import compiled, jsonld

Crumb = namedtuple("Crumb", "name url")
Alternate = namedtuple("Alternate", "code name url exists")


def current_language():
    return translation.get_language() or settings.LANGUAGE_CODE


# Slots of the public pages' SQL compiled once (invamed.site.compiled): no language code or
# address holds a private-use character, and no row has a negative id.
LANGUAGE_SLOT, SLUG_SLOT = "\ue010", "\ue011"
ITEM_SLOT, IDS_SLOT = -1, [-1]


def reviewer_text(profile, language):
    """`profile.text(language)`, kept by the process for the content generation: the reviewer's
    profile and every page they signed show it alike, and a change to it is a change of the
    public site."""
    return for_this_generation(
        ("reviewer text", profile.pk, language), lambda: profile.text(language)
    )


class Listing:
    """A list page's items, `build(*values)`'s queryset, read from SQL compiled once (see
    compiled.objects, which says what `slots` are): what a list view's get_queryset returns.

    DeferredJoinPaginator counts it and reads one page of it; a list that is not paginated
    iterates it whole. Each of those is compiled once per `key` (a page once per page: its
    LIMIT and OFFSET are part of the SQL).
    """

    def __init__(self, key, build, slots):
        self.key, self.build, self.slots = key, build, slots

    def count(self):
        # COUNT as a plain function, not an aggregate: the SQL of queryset.count(), as a row.
        [(count,)] = compiled.rows(
            (*self.key, "count"),
            lambda *values: (
                self.build(*values).order_by().values_list(Func(F("pk"), function="COUNT"))
            ),
            self.slots,
        )
        return count

    def exists(self):
        return bool(
            compiled.rows(
                (*self.key, "exists"),
                lambda *values: self.build(*values).values_list("pk")[:1],
                self.slots,
            )
        )

    def page(self, bottom, top, count):
        """The items from `bottom` to `top` of the `count` there are (see one_page), as
        compiled.Items: a page of kept pieces makes instances only of those it renders."""
        ordered_by_pk = compiled.once(
            (*self.key, "ordered by pk"),
            lambda: totally_ordered(self.build(*compiled.slots_of(self.slots))),
        )
        window = page_window(bottom, top, count, ordered_by_pk)
        return compiled.items(
            (*self.key, "page", window),
            lambda *values: one_page(self.build(*values), window),
            self.slots,
        )

    def first(self, n):
        """The first `n` items (compiled.Items)."""
        return compiled.items(
            (*self.key, "first", n), lambda *values: self.build(*values)[:n], self.slots
        )

    def loaded(self):
        """All the items' rows (compiled.Loaded), not yet made into instances."""
        return compiled.loaded((*self.key, "all"), self.build, self.slots)

    @cached_property
    def items(self):
        return self.loaded().instances()

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def totally_ordered(queryset):
    """Whether the queryset's order ends with its primary key, so that it has one reverse."""
    order_by = queryset.query.order_by
    return bool(order_by) and order_by[-1] in ("pk", "-pk", "id", "-id")


def page_window(bottom, top, count, reversible):
    """(reversed, start, stop): the slice of a list's ids that holds its items `bottom` to
    `top` of `count`. A page in the second half of the list is counted from the end, walking
    the same index backwards (the list's order reversed, a small offset), when the list has
    one reverse order."""
    if count - top < bottom and reversible:
        return True, count - top, count - bottom
    return False, bottom, top


def one_page(queryset, window):
    """The queryset's items in `window` (see page_window): the page's ids first, then only
    those rows with their joins."""
    from_end, start, stop = window
    ids = queryset.values("pk")
    ids = ids.reverse()[start:stop] if from_end else ids[start:stop]
    return queryset.filter(pk__in=ids)


class DeferredJoinPaginator(Paginator):
    """Pages of a long list: the page's ids first, then only those rows with their joins.

    A deep page then skips its offset on one narrow ordered index scan instead of joining
    every skipped article to its version, category and author, and a page in the second half
    of the list is counted from the end (see page_window), so the last page of the INVAblog
    costs what the first does and no page costs more than the middle one. Two queries (count,
    page). The list is a Listing: each page is read from SQL compiled once.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(self.object_list.page(bottom, top, self.count), number, self)


class PublicPageMixin:
    """Breadcrumbs (Home first, the page last), structured data and language alternates."""

    def get_crumbs(self, context):
        """The crumbs after Home, as Crumb(name, url); the last one is this page."""
        return []

    def get_structured_data(self, context):
        """JSON-LD dicts of the page, besides its BreadcrumbList."""
        return []

    def get_alternates(self, context):
        """{language code: this page's address in it}, for the languages it exists in.

        By default a page of fixed address (home, an index) exists in every language."""
        match = self.request.resolver_match
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        return {code: reverse_in(code, name, **match.kwargs) for code, _name in settings.LANGUAGES}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        crumbs = [Crumb(_("Home"), reverse("home")), *self.get_crumbs(context)]
        context["crumbs"] = crumbs
        context["jsonld"] = [
            *self.get_structured_data(context),
            jsonld.breadcrumb_list(self.request, crumbs),
        ]
        existing = self.get_alternates(context)
        context["alternates"] = [
            Alternate(code, name, existing.get(code) or reverse_in(code, "home"), code in existing)
            for code, name in settings.LANGUAGES
        ]
        context["hreflang"] = {code: url for code, url in existing.items()}
        return context


def alternates_of(item):
    """{language: address} of the live translations of `item` (itself included)."""
    model = type(item)
    group = compiled.objects(
        (model._meta.label, "alternates"),
        lambda root: (
            model.objects.published()
            .translation_group(root)
            .select_related(None)
            .select_related("live_version")
            .only("language", "source_id", "live_version__slug")
        ),
        [(ITEM_SLOT, item.source_id or item.pk)],
    )
    return {other.language: other.get_absolute_url() for other in group}


def version_tags(version):
    """The tags of a live `version`, in the order they were given it, as `version.tags.all()`
    gives them."""
    through = type(version).tags.through
    return [
        tagged.tag
        for tagged in compiled.objects(
            (through._meta.label, "tags"),
            lambda version_id: (
                through.objects.filter(content_object=version_id)
                .select_related("tag")
                .only("tag__name", "tag__slug", "tag__language")
                .order_by("pk")
            ),
            [(ITEM_SLOT, version.pk)],
        )
    ]


def with_live_items(category_model, published):
    """The categories that have at least one item of `published`, in their own order.

    One scalar subquery with LIMIT 1 per category: PostgreSQL stops at the first live item
    (an EXISTS or IN would be turned into a join over every item of the category).
    """
    first_live = published.filter(live_version__category=OuterRef("pk")).order_by().values("pk")
    return category_model.objects.alias(first_live=Subquery(first_live[:1])).filter(
        first_live__isnull=False
    )


class Moved(Exception):
    """An object was asked for by an old address: answer a 301 to `url`."""

    def __init__(self, url):
        self.url = url


def by_address(key, items, slug, current_slug):
    """The object of `items()` that has or had `slug` in the current language, else 404.

    One query (compiled once per `key` on PostgreSQL: see compiled.objects). Raises Moved when
    `slug` is an old address (the object's `current_slug(obj)` differs): the redirect goes
    straight to the current address.
    """
    found = compiled.objects(
        ("by address", *key),
        lambda language, slug: items().filter(
            language=language,
            addresses__language=language,
            addresses__slug=slug,
            addresses__went_live=True,
        ),
        [(LANGUAGE_SLOT, current_language()), (SLUG_SLOT, slug)],
    )
    if len(found) != 1:
        raise Http404("No such address.")
    [found] = found
    if current_slug(found) != slug:
        raise Moved(found.get_absolute_url())
    return found


class RedirectsOldAddresses:
    """A view that answers its object's old addresses with a 301 (see by_address)."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Moved as moved:
            return HttpResponsePermanentRedirect(moved.url)


def live_notice(notice):
    """The notice a version names, when it is live (visitors see only its live version)."""
    return notice if notice is not None and notice.live_version_id else None


class LiveItemView(RedirectsOldAddresses, PublicPageMixin, DetailView):
    """The page of one live item (an article, an FAQ entry), found by any address it has had:
    its live version, the sign-off with its reviewer's profile, the version's notice (when
    live) and the disclaimer. `text_field` is the item's text, which no public page reads: the
    working copy's is not what is live, and the live version's copy is for search and the
    review screens (the page shows its preparation)."""

    text_field = None

    def get_queryset(self):
        return (
            self.model.objects.published()
            .select_related(
                "live_version__notice__live_version", "live_signoff__reviewer__reviewer_profile"
            )
            .defer(None)
            .defer(
                self.text_field, f"live_version__{self.text_field}", "live_version__search_vector"
            )
        )

    def get_object(self, queryset=None):
        return by_address(
            (self.model._meta.label,),
            self.get_queryset,
            self.kwargs["slug"],
            lambda item: item.live_version.slug,
        )

    def get_context_data(self, **kwargs):
        version = self.object.live_version
        return super().get_context_data(
            version=version,
            tags=version_tags(version),
            notice=live_notice(version.notice),
            disclaimer=for_this_generation(
                ("disclaimer", self.object.language),
                lambda: Notice.objects.disclaimer(self.object.language),
            ),
            **kwargs,
        )

    def get_alternates(self, context):
        return alternates_of(self.object)


class LiveCategoryView(RedirectsOldAddresses, PublicPageMixin, ListView):
    """A category's page: its live items in the current language; 404 unless it has one.

    Subclasses set `category_model`, `items(language)` (the published items in `language`, in
    every language for None) and `section_crumb()`."""

    category_model = None

    def items(self, language):
        raise NotImplementedError

    def section_crumb(self):
        raise NotImplementedError

    def get_queryset(self):
        self.category = by_address(
            (self.category_model._meta.label,),
            self.category_model.objects.all,
            self.kwargs["slug"],
            lambda category: category.slug,
        )
        model = self.category_model
        return Listing(
            (model._meta.label, "items"),
            lambda language, category: self.items(language).filter(live_version__category=category),
            [(LANGUAGE_SLOT, current_language()), (ITEM_SLOT, self.category.pk)],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(category=self.category, **kwargs)
        if not context["object_list"]:
            raise Http404("This category has no published content.")
        return context

    def get_crumbs(self, context):
        return [self.section_crumb(), Crumb(self.category.name, self.category.get_absolute_url())]

    def get_alternates(self, context):
        """The category in the other languages where it has live items."""
        model = self.category_model
        group = compiled.objects(
            (model._meta.label, "alternates"),
            lambda root: (
                with_live_items(model, self.items(language=None))
                .translation_group(root)
                .only("language", "slug")
            ),
            [(ITEM_SLOT, self.category.source_id or self.category.pk)],
        )
        return {category.language: category.get_absolute_url() for category in group}
