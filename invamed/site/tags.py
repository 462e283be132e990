"""Tag housekeeping shared by articles and FAQ entries (one tag vocabulary for both)."""

from django.db import transaction
from taggit.models import Tag, TaggedItemBase


def tagged_item_models():
    """Every through model that links something to a Tag (articles, FAQ entries, versions...)."""
    return [
        rel.related_model
        for rel in Tag._meta.related_objects
        if issubclass(rel.related_model, TaggedItemBase)
    ]


@transaction.atomic
def merge_tags(target, others):
    """Move every use of `others` onto `target`, then delete `others`.

    Used when a synonym was created by mistake: every article, FAQ entry and version that
    carried any of the tags carries `target` afterwards, exactly once. Version snapshots (and
    so their fingerprints) keep the tag names that were reviewed; the pages show `target`.
    """
    others = [tag for tag in others if tag.pk != target.pk]
    for through in tagged_item_models():
        rows = through.objects.filter(tag__in=others)
        already = set(
            through.objects.filter(tag=target).values_list(_object_field(through), flat=True)
        )
        for row in rows:
            object_id = getattr(row, _object_field(through))
            if object_id in already:
                row.delete()
            else:
                row.tag = target
                row.save(update_fields=["tag"])
                already.add(object_id)
    Tag.objects.filter(pk__in=[tag.pk for tag in others]).delete()
    return target


def _object_field(through):
    """The column naming the tagged object: content_object_id, or object_id (generic)."""
    names = {f.attname for f in through._meta.concrete_fields}
    if "content_object_id" in names:
        return "content_object_id"
    return "object_id"
