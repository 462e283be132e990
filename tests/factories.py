"""
Test data builders. Content is created the way the application creates it: the working copy is
saved, then services.save_version keeps a version, and transitions go through services.perform.
"""

import datetime
import itertools

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from blog.models import Article, Category, Reference
from faq.models import Entry, FAQCategory, Placement
from invamed.content.models import Author, Notice, SitePage
from invamed.review import services
from invamed.review.models import SignOff
from invamed.site import roles
from tests.review_app import people, steps
from tests.review_app.steps import edit, transition_data  # noqa: F401 (the suite's builders)

PASSWORD = people.PASSWORD
_seq = itertools.count(1)


def role_group(role):
    """The site's group of `role` (None for a role without one), as the site's migration
    wrote it."""
    names = {"editor": roles.EDITORS, "reviewer": roles.REVIEWERS, "site_admin": roles.SITE_ADMINS}
    if role not in names:
        return None
    if not Group.objects.filter(name=names[role]).exists():
        # A transactional test before this one flushed the groups the migration wrote.
        roles.apply_roles(Group, Permission)
    return Group.objects.get(name=names[role])


def make_user(username=None, role=None, **extra):
    """role: None, "editor", "reviewer", "site_admin" or "superuser"."""
    return people.make_user(username or f"user{next(_seq)}", role, role_group, **extra)


def make_reviewer(name="Dr Deniz Aksoy", credentials="MD, physical medicine", public=True, **kw):
    return people.add_profile(
        make_user(role="reviewer", **kw), name, credentials, public,
        role="Medical reviewer", affiliation="INVAMED Medical Affairs",
        bio="Reviews spine and pain-management content.", declaration="None declared.",
    )  # fmt: skip


def make_category(name=None, **kw):
    n = next(_seq)
    name = name or f"Category {n}"
    return Category.objects.create(name=name, slug=kw.pop("slug", f"category-{n}"), **kw)


def make_faq_category(name=None, **kw):
    n = next(_seq)
    name = name or f"FAQ category {n}"
    return FAQCategory.objects.create(name=name, slug=kw.pop("slug", f"faq-{n}"), **kw)


def make_author(name="INVAMED Medical Affairs", is_team=True):
    n = next(_seq)
    return Author.objects.create(name=name, slug=f"author-{n}", is_team=is_team)


def make_notice(kind=Notice.Kind.REGULATORY, default=True, text=None, *, language="en",
                live=True, reviewer=None):  # fmt: skip
    """A notice written by a site administrator and, unless `live` is False, signed off and
    published (visitors see notices' live versions only)."""
    heading = (
        "Regulatory notice" if kind == Notice.Kind.REGULATORY else "For healthcare professionals"
    )
    writer = make_user(role="site_admin")
    notice = Notice.objects.create(
        kind=kind, name=f"{heading} {next(_seq)}", heading=heading, is_default=default,
        text=text or f"<p>{heading} text.</p>", language=language, created_by=writer,
    )  # fmt: skip
    services.save_version(notice, writer)
    notice.refresh_from_db()
    return publish(notice, reviewer) if live else notice


def make_site_page(kind=SitePage.Kind.EDITORIAL_POLICY, *, language="en", live=True, **fields):
    writer = make_user(role="site_admin")
    fields.setdefault("title", SitePage.Kind(kind).label)
    fields.setdefault("summary", f"How INVAMED handles its {fields['title'].lower()}.")
    fields.setdefault("body", f"<h2>{fields['title']}</h2><p>What the {kind} says.</p>")
    page = SitePage.objects.create(kind=kind, language=language, created_by=writer, **fields)
    services.save_version(page, writer)
    page.refresh_from_db()
    return publish(page) if live else page


def set_tags(item, names):
    """Tag `item` as the admin's form does: names as stored, in the item's language."""
    Article._meta.get_field("tags").save_form_data(item, list(names))


def make_article(editor=None, *, tags=(), references=(), **fields):
    """A draft article with its first version, written by `editor`."""
    editor = editor or make_user(role="editor")
    n = next(_seq)
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("slug", f"article-{n}")
    fields.setdefault("summary", f"Summary of article {n}.")
    fields.setdefault("body", f"<h2>What is it?</h2><p>Body of article {n}.</p>")
    if "category" not in fields:
        fields["category"] = make_category()
    if "author" not in fields:
        fields["author"] = make_author()
    article = Article.objects.create(created_by=editor, **fields)
    if tags:
        set_tags(article, tags)
    for position, (citation, url) in enumerate(references, start=1):
        Reference.objects.create(item=article, position=position, citation=citation, url=url)
    services.save_version(article, editor)
    article.refresh_from_db()
    return article


def make_entry(editor=None, *, tags=(), articles=(), **fields):
    """A draft FAQ entry. With `articles`, it is also placed on each of them (see place())."""
    editor = editor or make_user(role="editor")
    n = next(_seq)
    fields.setdefault("question", f"Question {n}?")
    fields.setdefault("slug", f"question-{n}")
    fields.setdefault("answer", f"<p>Answer {n}.</p>")
    if "category" not in fields:
        fields["category"] = make_faq_category()
    entry = Entry.objects.create(created_by=editor, **fields)
    if tags:
        set_tags(entry, tags)
    services.save_version(entry, editor)
    entry.refresh_from_db()
    for article in articles:
        place(entry, article, editor)
    return entry


def place(entry, article, editor=None, reviewer=None):
    """Place `entry` last in `article`'s FAQ block, as an editor does: a change of the article,
    so a new version of it; a live article is signed off and published again."""
    editor = editor or make_user(role="editor")
    Placement.objects.create(item=article, entry=entry, position=article.faq_placements.count() + 1)
    was_live = article.is_published()
    article.lock_version += 1
    article.save(update_fields=["lock_version"])
    services.save_version(article, editor)
    if was_live:  # signed again, by the reviewer of the live version unless told otherwise
        reviewer = reviewer or article.live_signoff.reviewer
        publish(Article.objects.get(pk=article.pk), reviewer)
    article.refresh_from_db()
    return article


# Submit and approve, or take through to publication, with a new reviewer unless one is given.
approve, publish = steps.with_a_new_reviewer(make_reviewer)


def translate(item, language="tr", translator=None, *, tags=None, **changes):
    """Start the translation of `item` into `language` (services.translate, a draft pre-filled
    from the source's live version) and write it: `changes` are the translated fields, `tags`
    the translation's own tag names. Returns the draft with its version; publish() it."""
    translator = translator or make_user(role="editor")
    draft = services.translate(item, language, translator)
    if tags is not None:
        draft.tags.set(list(tags), tag_kwargs={"language": language})
    if changes or tags is not None:
        edit(draft, translator, **changes)
    draft.refresh_from_db()
    return draft


def signoffs(item):
    """The sign-offs of `item` (of its kind: ids are per model)."""
    item_type = ContentType.objects.get_for_model(item)
    return SignOff.objects.filter(item_type=item_type, item_id=item.pk)


def put_in_state(item, state, reviewer):
    """Take a fresh draft `item` to `state` ("draft", "in review", "approved", "scheduled" for
    next week, or "withdrawn" after a publication); return it refreshed."""
    if state == "in review":
        services.perform(item, "submit", item.head_version.created_by)
    elif state in ("approved", "scheduled"):
        approve(item, reviewer)
        if state == "scheduled":
            next_week = timezone.now() + datetime.timedelta(days=7)
            services.perform(item, "schedule", reviewer, publish_at=next_week)
    elif state == "withdrawn":
        publish(item, reviewer)
        services.perform(item, "withdraw", reviewer, comment="Superseded by newer guidance.")
    elif state != "draft":
        raise ValueError(state)
    item.refresh_from_db()
    return item
