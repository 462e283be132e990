"""
A GIN index over the English tsvector of each article version's title (PostgreSQL only).

Search ranks a bounded set of candidates per content type: the most recent matches, and the
most recent items whose title matches, so that an older article named after the query is
never left out by newer ones that only mention it in their body. This index finds the title
matches without reading any document. The expression is frozen here and must stay exactly
the one of `invamed.search.PostgresBackend.heading_matching()`, or the planner will not use
it; tests/test_search_postgres.py checks with EXPLAIN. Other databases (SQLite) get no index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def index():
    return GinIndex(
        SearchVector("title", config="english"), name="blog_articleversion_title_search"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("blog", "ArticleVersion"), index())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("blog", "ArticleVersion"), index())


class Migration(migrations.Migration):
    dependencies = [("blog", "0005_live_list_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
