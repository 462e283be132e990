"""
Test data builders. Content is created the way the application creates it: the working copy is
saved, then services.save_version keeps a version, and transitions go through services.perform.
"""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from blog.models import Article, Category, Reference
from faq.models import ArticleEntry, Entry, FAQCategory
from invamed.content.models import Author, Notice
from invamed.review import services
from invamed.review.models import ReviewerProfile
from invamed.site import roles

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


def make_user(username=None, role=None, **extra):
    """role: None, "editor", "reviewer", "site_admin" or "superuser"."""
    username = username or f"user{next(_seq)}"
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        is_staff=role is not None,
        is_superuser=role == "superuser",
        **extra,
    )
    group = {"editor": roles.EDITORS, "reviewer": roles.REVIEWERS, "site_admin": roles.SITE_ADMINS}
    if role in group:
        if not Group.objects.filter(name=group[role]).exists():
            # A transactional test before this one flushed the groups the migration wrote.
            roles.apply_roles(Group, Permission)
        user.groups.add(Group.objects.get(name=group[role]))
    return user


def make_reviewer(name="Dr Deniz Aksoy", credentials="MD, physical medicine", public=True, **kw):
    user = make_user(role="reviewer", **kw)
    ReviewerProfile.objects.create(
        user=user, name=name, credentials=credentials, role="Medical reviewer",
        bio="Reviews spine and pain-management content.", is_public=public,
    )  # fmt: skip
    return user


def make_category(name=None, **kw):
    n = next(_seq)
    name = name or f"Category {n}"
    return Category.objects.create(name=name, slug=kw.pop("slug", f"category-{n}"), **kw)


def make_author(name="INVAMED Medical Affairs", is_team=True):
    n = next(_seq)
    return Author.objects.create(name=name, slug=f"author-{n}", is_team=is_team)


def make_notice(kind=Notice.Kind.REGULATORY, default=True, text=None):
    heading = (
        "Regulatory notice" if kind == Notice.Kind.REGULATORY else "For healthcare professionals"
    )
    return Notice.objects.create(
        kind=kind, name=f"{heading} {next(_seq)}", heading=heading, is_default=default,
        text=text or f"<p>{heading} text.</p>",
    )  # fmt: skip


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
        article.tags.set(list(tags))
    for position, (citation, url) in enumerate(references, start=1):
        Reference.objects.create(article=article, position=position, citation=citation, url=url)
    services.save_version(article, editor)
    article.refresh_from_db()
    return article


def make_entry(editor=None, *, tags=(), articles=(), **fields):
    editor = editor or make_user(role="editor")
    n = next(_seq)
    fields.setdefault("question", f"Question {n}?")
    fields.setdefault("slug", f"question-{n}")
    fields.setdefault("answer", f"<p>Answer {n}.</p>")
    if "category" not in fields:
        fields["category"] = FAQCategory.objects.create(name=f"FAQ category {n}", slug=f"faq-{n}")
    entry = Entry.objects.create(created_by=editor, **fields)
    if tags:
        entry.tags.set(list(tags))
    for order, article in enumerate(articles):
        ArticleEntry.objects.create(article=article, entry=entry, order=order)
    services.save_version(entry, editor)
    entry.refresh_from_db()
    return entry


def approve(item, reviewer=None, *, when=None):
    """Submit (as its author) and approve (as `reviewer`) the item's head version."""
    reviewer = reviewer or make_reviewer()
    author = item.head_version.created_by
    services.perform(item, "submit", author, when=when)
    return services.perform(item, "approve", reviewer, password=PASSWORD, when=when)


def publish(item, reviewer=None, *, when=None):
    """Take the item through submit, approve and publish; return it refreshed."""
    reviewer = reviewer or make_reviewer()
    approve(item, reviewer, when=when)
    services.perform(item, "publish", reviewer, when=when)
    item.refresh_from_db()
    return item


def edit(item, user, **changes):
    """Change the working copy as the admin would, and keep the new version."""
    for field, value in changes.items():
        setattr(item, field, value)
    item.lock_version += 1
    item.save()
    return services.save_version(item, user)
