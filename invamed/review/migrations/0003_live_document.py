"""
LiveDocument: search's one narrow row per live item (PostgreSQL: indexed and filled here).

Search used to find matches in the versions' GIN indexes, then join every match to its item for
its date and look its heading up in a second GIN index, before picking the candidates it ranks:
work that grew with every match of a common word. It now reads one table, whose document column
has the GIN index and whose rows carry the heading and the date. The versions keep their stored
documents (copied from), but the three indexes search no longer reads are dropped. Other
databases (SQLite) get the empty table only: their search does not read it.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def document_index():
    return GinIndex(fields=["document"], name="review_livedocument_document")


def superseded_indexes():
    """(app, version model, index) of the version indexes search read before this migration."""
    return [
        ("blog", "ArticleVersion", GinIndex(fields=["search_vector"], name="blog_articleversion_search_vector")),
        ("faq", "EntryVersion", GinIndex(fields=["search_vector"], name="faq_entryversion_search_vector")),
        ("blog", "ArticleVersion", GinIndex(SearchVector("title", config="english"), name="blog_articleversion_title_search")),
        ("faq", "EntryVersion", GinIndex(SearchVector("question", config="english"), name="faq_entryversion_question_search")),
    ]  # fmt: skip


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    LiveDocument = apps.get_model("review", "LiveDocument")
    # What LiveDocument.refresh() does, with the models as they are at this migration.
    for app, model_name, version_name, heading in (
        ("blog", "Article", "ArticleVersion", "title"),
        ("faq", "Entry", "EntryVersion", "question"),
    ):
        model = apps.get_model(app, model_name)
        versions = apps.get_model(app, version_name)
        live = model.objects.filter(live_version__isnull=False)
        if not live.exists():
            continue
        item_type, _ = ContentType.objects.get_or_create(app_label=app, model=model_name.lower())
        LiveDocument.objects.bulk_create(
            LiveDocument(item_type=item_type, item_id=pk, version_id=version, first_published_at=at)
            for pk, version, at in live.values_list("pk", "live_version", "first_published_at")
        )
        live_version = versions.objects.filter(pk=OuterRef("version_id"))
        LiveDocument.objects.filter(item_type=item_type).update(
            document=Subquery(live_version.values("search_vector")),
            heading=Subquery(
                live_version.annotate(h=SearchVector(heading, config="english")).values("h")
            ),
        )
    schema_editor.add_index(LiveDocument, document_index())
    for app, model_name, index in superseded_indexes():
        schema_editor.remove_index(apps.get_model(app, model_name), index)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, model_name, index in superseded_indexes():
        schema_editor.add_index(apps.get_model(app, model_name), index)
    schema_editor.remove_index(apps.get_model("review", "LiveDocument"), document_index())


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("review", "0002_roles"),
        ("blog", "0006_title_search_index"),
        ("faq", "0007_live_newest_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="LiveDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("item_id", models.PositiveBigIntegerField()),
                ("version_id", models.PositiveBigIntegerField(help_text="The live version copied here.")),
                ("first_published_at", models.DateTimeField()),
                ("heading", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("document", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("item_type", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype")),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("item_type", "item_id"), name="unique_live_document")],
            },
        ),  # fmt: skip
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
