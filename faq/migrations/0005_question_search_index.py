"""
A GIN index over the English tsvector of each FAQ entry version's question (PostgreSQL only).

Search ranks a bounded set of candidates per content type: the most recent matches, and the
most recent items whose question matches, so that an older entry asking about the query is
never left out by newer ones that only mention it in their answer. This index finds the
question matches without reading any document. The expression is frozen here and must stay exactly
the one of `invamed.search.PostgresBackend.heading_matching()`, or the planner will not use
it; tests/test_search_postgres.py checks with EXPLAIN. Other databases (SQLite) get no index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def index():
    return GinIndex(
        SearchVector("question", config="english"), name="faq_entryversion_question_search"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("faq", "EntryVersion"), index())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("faq", "EntryVersion"), index())


class Migration(migrations.Migration):
    dependencies = [("faq", "0004_search_vector")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
