"""
Structured data (schema.org JSON-LD) of the public pages, built as plain dicts.

The views call these builders with what the page already shows, so the structured data cannot
say something the visitor does not see: the same reviewer, the same "Last reviewed" date (the
live sign-off's local date), the same breadcrumb trail, the same live FAQ entries. Templates
print them with the `ld_json` filter, which escapes <, > and & so content cannot end the script;
a builder that keeps its script (kept_faq_page) gives the script itself.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from invamed import fragments
from invamed.review.models import renderer

CONTEXT = "https://schema.org"
SITE_NAME = "INVAMED"

# The same escapes as django.utils.html.json_script: inside <script> these three characters
# are written as \u escapes, which JSON parsers read back as the original characters. Three
# replace() calls, not str.translate: that looks every character of the text up in a table.
_SCRIPT_ESCAPES = ((">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026"))


def to_script(data):
    """A `<script type="application/ld+json">` element holding `data`, safe to embed."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escape in _SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped.


def local_date(value):
    """The calendar date a visitor reads for `value` (a datetime or a date), as ISO 8601."""
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        value = timezone.localdate(value)
    return value.isoformat()


def local_datetime(value):
    return timezone.localtime(value).isoformat() if value else None


def organization(request):
    return {
        "@type": "Organization",
        "name": SITE_NAME,
        "url": request.build_absolute_uri(reverse("home")),
        "logo": request.build_absolute_uri(static("img/logo.svg")),
    }


def home_page(request):
    return {"@context": CONTEXT, **organization(request)}


def breadcrumb_list(request, crumbs):
    """BreadcrumbList of the visible trail; the last crumb is the page itself."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.name,
                "item": request.build_absolute_uri(crumb.url),
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }


def reviewer(request, signoff):
    """The reviewer as signed: name and credentials at signing, public profile if any."""
    person = {"@type": "Person", "name": signoff.signer_name}
    if signoff.signer_credentials:
        person["jobTitle"] = signoff.signer_credentials
        person["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": signoff.signer_credentials,
        }
    profile = signoff.reviewer_profile
    if profile is not None:
        person["url"] = request.build_absolute_uri(profile.get_absolute_url())
    return person


def _review_properties(request, item):
    signoff = item.live_signoff
    if signoff is None:
        return {}
    return {"reviewedBy": reviewer(request, signoff), "lastReviewed": local_date(signoff.signed_at)}


def medical_web_page(request, article, version, tags, url):
    """The article page: a MedicalWebPage with its author, reviewer, topics and evidence."""
    author = version.author
    data = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "url": url,
        "headline": version.title,
        "name": version.title,
        "description": version.summary,
        "inLanguage": article.language,
        "datePublished": local_datetime(article.first_published_at),
        "dateModified": local_datetime(article.published_at or article.first_published_at),
        "author": {"@type": "Organization" if author.is_team else "Person", "name": author.name},
        "publisher": organization(request),
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Clinician"},
        "about": {"@type": "Thing", "name": version.category.name},
        **_review_properties(request, article),
    }
    if author.job_title and not author.is_team:
        data["author"]["jobTitle"] = author.job_title
    lead = version.lead_figure
    if lead and lead["preview"]:
        data["image"] = request.build_absolute_uri(lead["preview"]["url"])
    keywords = [tag.name for tag in tags]
    if keywords:
        data["keywords"] = keywords
    if version.references:
        data["citation"] = [
            {
                "@type": "CreativeWork",
                "name": ref["citation"],
                **({"url": ref["url"]} if ref.get("url") else {}),
            }
            for ref in version.references
        ]
    return data


def faq_entry_page(request, entry, version, url):
    """An FAQ entry's own page: a MedicalWebPage with its reviewer, beside its FAQPage."""
    return {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "url": url,
        "name": version.question,
        "inLanguage": entry.language,
        "datePublished": local_datetime(entry.first_published_at),
        "dateModified": local_datetime(entry.published_at or entry.first_published_at),
        "publisher": organization(request),
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Clinician"},
        **_review_properties(request, entry),
    }


def faq_page(request, entries):
    """FAQPage of live entries (the callers pass only Entry.objects.published() rows), in the
    page's language (a page lists the entries of its own language only)."""
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "inLanguage": translation.get_language(),
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.live_version.question,
                "url": request.build_absolute_uri(entry.get_absolute_url()),
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": entry.live_version.rich.answer.html,
                },
            }
            for entry in entries
        ],
    }


def kept_faq_page(request, answers):
    """faq_page's script element (to_script) of `answers` (faq_views.Answers), kept as a
    rendered piece (invamed.fragments) under what it shows: each entry's live version, the
    renderer that prepared its answer, the page's language and the site's address."""
    return fragments.render_one(
        fragments.key(
            "FAQPage",
            answers.versions,
            renderer(),
            translation.get_language(),
            request.build_absolute_uri("/"),
        ),
        lambda: to_script(faq_page(request, answers.entries())),
    )


def profile_page(request, profile, text, url):
    """A reviewer's public profile: only the fields the reviewer chose to publish, with its
    texts (role, affiliation, bio) in the page's language."""
    person = {"@type": "Person", "name": profile.name, "url": url}
    if profile.credentials:
        person["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": profile.credentials,
        }
    if text.role:
        person["jobTitle"] = text.role
    if text.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": text.affiliation}
    if text.bio:
        person["description"] = strip_tags(text.bio)
    person["worksFor"] = organization(request)
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": url,
        "inLanguage": translation.get_language(),
        "mainEntity": person,
    }
