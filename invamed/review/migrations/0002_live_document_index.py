"""The GIN index of LiveDocument.document, which search matches against (PostgreSQL only).

Other databases (SQLite) search by substring, do not read LiveDocument, and get no index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations


def document_index():
    return GinIndex(fields=["document"], name="review_livedocument_document")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("review", "LiveDocument"), document_index())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("review", "LiveDocument"), document_index())


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
