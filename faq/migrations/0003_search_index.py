"""
A GIN index over the weighted search document of FAQ entry versions, on PostgreSQL only.

The expression is frozen here and must stay exactly `invamed.search.entry_vector()` (over the
version's own columns), or the planner will not use it for search; tests/test_search_postgres.py
checks with EXPLAIN. Other databases (SQLite) search by substring and get no index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"


def search_index():
    return GinIndex(
        SearchVector("question", config=CONFIG, weight="A")
        + SearchVector("answer", config=CONFIG, weight="C"),
        name="faq_entryversion_search",
    )


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("faq", "EntryVersion"), search_index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("faq", "EntryVersion"), search_index())


class Migration(migrations.Migration):
    dependencies = [("faq", "0002_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
