"""
Template tags of the public pages: the head metadata (canonical link, description, Open Graph,
Twitter card, hreflang alternates, feed links), the language switch, JSON-LD output and
pagination links. They work from what a template already has, so an admin preview rendered with
the public template gets the same page.
"""

from itertools import groupby

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from faq.models import Entry
from invamed import fragments
from invamed.cache import for_this_generation
from invamed.content.models import SitePage
from invamed.images.rendering import Figures
from invamed.review.models import renderer, reverse_in
from invamed.site import compiled, jsonld
from invamed.site.pages import current_language, reviewer_text
from invamed.text import capfirst, initial, sort_key, title_case

register = template.Library()


def site_description():
    return _(
        "Educational articles and answers on medical devices and procedures for healthcare "
        "professionals, reviewed by INVAMED Medical Affairs."
    )


def og_locale(language):
    """Open Graph's locale (language_TERRITORY) of `language`, from INVAMED["OG_LOCALES"]."""
    return settings.INVAMED["OG_LOCALES"].get(language, "")


@register.filter
def capfirst_in_language(text):
    """`capfirst` with the case rules of the page's language: "inceleme" -> "İnceleme" in
    Turkish (Django's capfirst gives "Inceleme")."""
    return capfirst(text, translation.get_language())


@register.filter
def title_in_language(text):
    """A tag's name as a heading, in title case by the page's language: "spine care" ->
    "Spine Care", "omurga sağlığı" -> "Omurga Sağlığı", "inceleme" -> "İnceleme"."""
    return title_case(text, translation.get_language())


@register.filter
def middle_split(text, tail_length=16):
    """(head, tail) of `text`: its last words, about `tail_length` characters, apart. A crumb
    shown as the two, the head shrinking with an ellipsis, is cut in the middle on a narrow
    screen and keeps its end in view (CSS only; the text stays whole)."""
    text = str(text)
    if len(text) <= 2 * tail_length:
        return ("", text)
    cut = text.rfind(" ", 0, len(text) - tail_length)
    cut = cut if cut > 0 else len(text) - tail_length
    return (text[:cut], text[cut:])


@register.simple_tag
def medical_affairs_email():
    """The address visitors write to Medical Affairs at (INVAMED["MEDICAL_AFFAIRS_EMAIL"])."""
    return settings.INVAMED["MEDICAL_AFFAIRS_EMAIL"]


@register.filter
def ld_json(data):
    """`{{ data|ld_json }}`: a JSON-LD script element, escaped so content cannot close it
    (`data` already one: as it is)."""
    return data if isinstance(data, SafeString) else jsonld.to_script(data)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address without its query string, except a page number above one."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url += f"?page={page.number}"
    return url


def alternates(context):
    """[(language code, language name, address, whether the page exists there)] for the switch.

    Pages built by PublicPageMixin say where they exist; any other page (search, errors) is
    offered in every language at the same route, or at the other language's home."""
    if "alternates" in context:
        return context["alternates"]
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    found = []
    for code, name in settings.LANGUAGES:
        url = reverse_in(code, "home")
        exists = False
        if match is not None and match.url_name and not match.url_name.startswith("root"):
            route = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
            try:
                url, exists = reverse_in(code, route, **match.kwargs), True
            except NoReverseMatch:  # a route of no language: the home page instead
                pass
        found.append((code, name, url, exists))
    return found


@register.simple_tag(takes_context=True)
def page_meta(context, title="", description="", kind="website", image=None):
    """Description, canonical link, hreflang alternates, Open Graph and Twitter card tags, feed
    links (includes/page_meta.html, kept under what it shows: fragments.render_template).

    `title` is the page's own title (the h1), without the site name; `kind` is the Open Graph
    type ("website" or "article"); `image` the link preview's picture as signed ({"url",
    "width", "height", "alt"}: an article's `lead_figure.preview`), for a large card.
    """
    description = " ".join(strip_tags(description or site_description()).split())
    language = current_language()
    request = context["request"]
    hreflang = context.get("hreflang")
    if hreflang is None:
        hreflang = {code: url for code, _name, url, exists in alternates(context) if exists}
    links = [(code, request.build_absolute_uri(url)) for code, url in hreflang.items()]
    default = hreflang.get(settings.LANGUAGE_CODE)
    if len(links) > 1 and default:
        links.append(("x-default", request.build_absolute_uri(default)))
    if image:
        image = {**image, "url": request.build_absolute_uri(image["url"])}
    meta = {
        "image": image or None,
        "title": title or _("INVAMED knowledge site"),
        "description": description[:300],
        "kind": kind,
        "canonical": canonical_url(context),
        "hreflang": links if len(links) > 1 else [],
        "og_locale": og_locale(language),
        "og_alternates": [
            og_locale(code) for code in hreflang if code != language and og_locale(code)
        ],
    }
    return fragments.render_template("includes/page_meta.html", meta)


@register.simple_tag
def kept(name, **context):
    """`{% kept "includes/breadcrumbs.html" crumbs=crumbs %}`: the template rendered with only
    these values, kept under them (fragments.render_template, which says what they may be)."""
    return fragments.render_template(name, context)


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in the other languages (to their home page where it has none)."""
    language = current_language()
    return {
        "others": [
            {"code": code, "name": name, "url": url, "exists": exists}
            for code, name, url, exists in alternates(context)
            if code != language
        ]
    }


@register.simple_tag
def reviewed_items(items):
    """`{% reviewed_items items %}`: a reviewer's list of the live items they signed off
    (includes/reviewed_item.html: the address, title and sign-off date), each kept once
    rendered under its live version and sign-off. `items` (compiled.Items of signed_by, or a
    list) are made only for a line that must be rendered."""
    if not items:
        return ""
    language = current_language()
    model = items.loaded.model if isinstance(items, compiled.Items) else type(items[0])
    title = "question" if model is Entry else "title"  # what titles its version in a list
    facts = compiled.columns(
        items, ["id", "live_version_id", "live_signoff_id", "live_version__slug",
                f"live_version__{title}", "live_signoff__signed_at"],
    )  # fmt: skip

    def key_of(position):
        return fragments.key("reviewed", model.__name__, *facts[position], language)

    def render(missing):
        line = get_template("includes/reviewed_item.html")
        return [
            line.render({"item": item, "title": getattr(item.live_version, title)})
            for item in compiled.some(items, missing)
        ]

    return fragments.render_many(range(len(items)), key_of, render)


@register.simple_tag
def signed_text(version):
    """`{% signed_text version %}`: an article's lead figure, table of contents, body and
    references (includes/article_text.html), kept once rendered: all of it is the version's."""
    return fragments.render_one(
        fragments.key(
            "article text", version.pk, version.fingerprint, renderer(), current_language()
        ),  # fmt: skip
        lambda: get_template("includes/article_text.html").render(
            {"version": version, "body": version.rich.body}
        ),
    )


@register.simple_tag(takes_context=True)
def site_header(context):
    """includes/header.html, kept once rendered under all it shows: the page's language, the
    section it marks as the current one, the language switch's links, the words searched."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = (match.namespace, match.url_name) if match is not None else None
    query = context.get("search_query") or ""
    others = [tuple(other.values()) for other in language_switch(context)["others"]]
    header = {"request": request, "search_query": query}
    if "alternates" in context:
        header["alternates"] = context["alternates"]
    return fragments.render_one(
        fragments.key("header", current_language(), current, others, query),
        lambda: get_template("includes/header.html").render(header),
    )


@register.simple_tag(takes_context=True)
def site_footer(context):
    """includes/footer.html, kept once rendered under all it shows: the page's language, the
    live site pages it links and Medical Affairs' address."""
    request = context["request"]
    pages = tuple(live_site_pages(request).items())
    return fragments.render_one(
        fragments.key("footer", current_language(), pages, medical_affairs_email()),
        lambda: get_template("includes/footer.html").render({"request": request}),
    )


def live_site_pages(request):
    """{kind: title} of the site's own pages live in the current language, read once a request
    and kept for the generation (the footer and every sign-off link to them; a page that is
    not live is not linked)."""
    pages = getattr(request, "invamed_site_pages", None)
    if pages is None:
        language = current_language()

        def read():
            live = dict(
                SitePage.objects.published()
                .filter(language=language)
                .values_list("kind", "live_version__title")
            )
            return {kind: live[kind] for kind in SitePage.Kind.values if kind in live}

        pages = request.invamed_site_pages = for_this_generation(("site pages", language), read)
    return pages


@register.simple_tag(takes_context=True)
def site_pages(context):
    """`{% site_pages as pages %}`: {kind: title} of the live site pages (see live_site_pages)."""
    return live_site_pages(context["request"])


@register.simple_tag(takes_context=True)
def page_link(context, number):
    """`?…` for page `number` of the current list, keeping the other query parameters (q=…)."""
    query = context["request"].GET.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag
def card_pictures(*lists):
    """`{% card_pictures featured latest as pictures %}`: {article pk: its card's picture} for
    the live articles of these lists, from their signed lead images, in one query (none when no
    card has one). The cards then take theirs with `article|card_picture:pictures`."""
    refs = {
        article.pk: {"sha256": article.live_version.lead_image_sha256}
        for articles in lists
        for article in articles
        if article.live_version.lead_image_sha256
    }
    figures = Figures(list(refs.values()))
    return {pk: figures.card(ref) for pk, ref in refs.items()}


@register.filter
def card_picture(article, pictures):
    """The picture of `article`'s card from `card_pictures`, or nothing."""
    return pictures.get(article.pk, "") if pictures else ""


# What an article's card shows that can change without a new version, besides the version
# itself: its category's name and address and the article's first publication date.
CARD_KEY = (
    "live_version__id", "live_version__fingerprint", "live_version__category__id",
    "live_version__category__slug", "live_version__category__name", "first_published_at",
)  # fmt: skip


@register.simple_tag
def article_cards(articles, heading="h2", in_category=False):
    """`{% article_cards object_list heading="h3" %}`: the cards of live articles
    (includes/article_card.html), each kept once rendered (invamed.fragments).

    A card shows its live version and, besides, what CARD_KEY names: all of it is in its key.
    `articles` (compiled.Items of Article.objects.cards(), or a list) are made only for a card
    that must be rendered.
    """
    language, made_by = current_language(), renderer()
    facts = compiled.columns(articles, CARD_KEY)

    def key_of(position):
        version, fingerprint, *shown = facts[position]
        return fragments.key(
            "card", version, fingerprint, made_by, language, heading, in_category, *shown
        )

    def render(missing):
        made = compiled.some(articles, missing)
        pictures, card = card_pictures(made), get_template("includes/article_card.html")
        context = {"heading": heading, "in_category": in_category, "pictures": pictures}
        return [card.render({**context, "article": article}) for article in made]

    return fragments.render_many(range(len(facts)), key_of, render)


@register.simple_tag
def faq_items(answers):
    """`{% faq_items answers %}`: live FAQ entries (faq_views.Answers) as question and answer
    (includes/faq_item.html), each kept once rendered: it shows only its live version. Only the
    entries whose piece is not kept are made."""
    language, made_by = current_language(), renderer()

    def key_of(position):
        version, fingerprint = answers.versions[position]
        return fragments.key("faq item", version, fingerprint, made_by, language)

    def render(missing):
        item = get_template("includes/faq_item.html")
        return [item.render({"entry": entry}) for entry in answers.entries(missing)]

    return fragments.render_many(range(len(answers)), key_of, render)


def review_facts(item):
    """What a page says of a live item's sign-off, for the line under its title and the block
    at its end alike, so the two cannot disagree; None when the item has no sign-off.

    Plain values, so that each is kept under what it shows (fragments.render_template):
    `profile_url` is the signer's public profile, `affiliation`, `declaration` and
    `text_language` its texts in the page's language, read only for a medical review; `updated`
    the date a newer version went live, or None."""
    signoff = getattr(item, "live_signoff", None)
    if signoff is None:
        return None
    profile = signoff.reviewer_profile
    language = current_language()
    medical = profile is not None and signoff.is_medical
    text = reviewer_text(profile, language) if medical else None
    return {
        "is_medical": signoff.is_medical,
        "name": signoff.signer_name,
        "credentials": signoff.signer_credentials,
        "profile_url": profile.get_absolute_url() if profile is not None else None,
        "affiliation": text.affiliation if text else "",
        "declaration": text.declaration if text else "",
        "text_language": text.language if text else language,
        "page_language": language,
        "last_reviewed": signoff.signed_at,
        "next_review_due": signoff.next_review_due,
        "overdue": item.review_overdue,
        "updated": item.published_at if item.was_updated else None,
    }


@register.simple_tag
def review_line(item):
    """`{% review_line item %}`: under an article's or FAQ entry's title, who medically
    reviewed it and when (includes/review_line.html); nothing for a regulatory review."""
    review = review_facts(item)
    if review is None or not review["is_medical"]:
        return ""
    return fragments.render_template("includes/review_line.html", {"review": review})


@register.simple_tag(takes_context=True)
def signoff(context, item):
    """`{% signoff item %}`: a live item's review sign-off (includes/signoff.html), with the
    link to the editorial policy while that page is live."""
    review = review_facts(item)
    if review is None:
        return ""
    policy = "editorial-policy" in live_site_pages(context["request"])
    return fragments.render_template("includes/signoff.html", {"review": review, "policy": policy})


def signed_version(notice):
    """(id, fingerprint) of a live notice's version, which is all its piece shows; or None."""
    version = notice.live_version if notice is not None else None
    return (version.pk, version.fingerprint) if version is not None else None


@register.simple_tag(takes_context=True)
def detail_footer(context, item):
    """`{% detail_footer item %}`: the end of an article's or FAQ entry's page
    (includes/detail_footer.html), kept under all it shows: the notice's and the disclaimer's
    live versions, the sign-off, the topics and the page's printed address."""
    notice, disclaimer, tags = context["notice"], context["disclaimer"], context["tags"]
    topics = [(tag.pk, tag.name, tag.slug, tag.language) for tag in tags]
    footer = {
        "notice": notice,
        "disclaimer": disclaimer,
        "tags": tags,
        "signoff": signoff(context, item),
        "page_url": canonical_url(context),
    }
    return fragments.render_one(
        fragments.key(
            "detail footer",
            current_language(),
            renderer(),
            signed_version(notice),
            signed_version(disclaimer),
            topics,
            footer["signoff"],
            footer["page_url"],
        ),  # fmt: skip
        lambda: get_template("includes/detail_footer.html").render(footer),
    )


@register.simple_tag
def topic_groups(topics):
    """`{% topic_groups topics %}`: the topic index's letters and links
    (includes/topic_groups.html) of `topics`, the Topic rows of counted_public_tags, filed
    under their first letter in the order of the page language's alphabet. Kept once rendered
    as one piece under every topic's row: read from the cache at once, not letter by letter,
    and sorted (by invamed.text.sort_key, letter by letter) only when rendered."""
    language = current_language()

    def render():
        pill = get_template("includes/topic_pill.html")

        def pills(topics):
            links = "".join(
                pill.render({"tag": topic.tag(), "count": topic.count}) for topic in topics
            )
            return mark_safe(links)  # noqa: S308 - a template's output.

        ordered = sorted(topics, key=lambda topic: sort_key(topic.name, language))
        rendered = [
            (letter, pills(topics))
            for letter, topics in groupby(ordered, key=lambda topic: initial(topic.name, language))
        ]
        return get_template("includes/topic_groups.html").render({"groups": rendered})

    rows = sorted(map(tuple, topics))  # in any order the database gives them
    return fragments.render_one(fragments.key("topics", rows, language), render)
