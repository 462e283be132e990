"""Tags shared by articles and FAQ entries (one vocabulary per language): which are public,
and their housekeeping."""

from django.db import transaction
from django.db.models import Q

from blog.models import Article, TaggedArticleVersion
from faq.models import Entry, TaggedEntryVersion
from invamed.content.models import Tag
from invamed.review import services
from invamed.review.models import reviewable_models


def tagged_models():
    return [model for model in reviewable_models() if model.has_tags()]


def in_use(tag):
    """True when a working copy or a version carries `tag`."""
    return any(
        model.objects.filter(tags=tag).exists()
        or model.version_model().objects.filter(tags=tag).exists()
        for model in tagged_models()
    )


@transaction.atomic
def merge_tags(target, others, user):
    """Put `target` in place of `others` on every item that carries one of them, as a new
    version of each item, recorded as `user`'s edit.

    A merge changes no signed page by itself: an item in review, approved or live goes back to
    draft, and its live version keeps the tags it was signed with until a reviewer approves and
    publishes the new one. A merged tag that no version uses any more is deleted. Returns the
    items that got a new version."""
    others = [tag for tag in others if tag.pk != target.pk and tag.language == target.language]
    if not others:
        return []
    comment = "Tags merged: {} into {}.".format(
        ", ".join(f"“{tag.name}”" for tag in others), f"“{target.name}”"
    )
    changed = []
    for model in tagged_models():
        for item in model.objects.filter(tags__in=others).distinct().order_by("pk"):
            item.tags.remove(*others)
            item.tags.add(target)
            item.lock_version += 1  # an editor's open form must not silently put them back
            item.save(update_fields=["lock_version"])
            if services.save_version(item, user, comment=comment) is not None:
                changed.append(item)
    for tag in others:
        if not in_use(tag):
            tag.delete()
    return changed


def live_tag_rows(language=None):
    """The tag rows of the live versions of articles, then of FAQ entries (of `language`)."""
    for model, rows in ((Article, TaggedArticleVersion), (Entry, TaggedEntryVersion)):
        live = model.objects.published()
        if language is not None:
            live = live.in_language(language)
        yield rows.objects.filter(content_object__in=live.values("live_version"))


def public_tags(language=None):
    """Tags in use on live articles or live FAQ entries."""
    articles, entries = live_tag_rows(language)
    tags = Tag.objects.all() if language is None else Tag.objects.filter(language=language)
    return tags.filter(Q(pk__in=articles.values("tag")) | Q(pk__in=entries.values("tag")))
