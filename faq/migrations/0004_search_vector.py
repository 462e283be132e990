"""
Store each version's weighted search document and index that column (PostgreSQL only).

Ranking with ts_rank over an expression recomputed the document of every matching version; a
stored tsvector, written once because versions never change, keeps a common word fast at
10,000 articles. The expression index of 0003 is replaced by a GIN index on the column. The
document is the one of EntryVersion.search_document().
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def index():
    return GinIndex(fields=["search_vector"], name="faq_entryversion_search_vector")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Version = apps.get_model("faq", "EntryVersion")
    schema_editor.execute('DROP INDEX IF EXISTS "faq_entryversion_search"')
    Version.objects.update(
        search_vector=SearchVector("question", config="english", weight="A")
        + SearchVector("answer", config="english", weight="C")
    )
    schema_editor.add_index(Version, index())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("faq", "EntryVersion"), index())


class Migration(migrations.Migration):
    dependencies = [("faq", "0003_search_index")]

    operations = [
        migrations.AddField(
            model_name="entryversion",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
