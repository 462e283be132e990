"""
Indexes that let the FAQ index number live entries within their category from indexes alone:
(live_version, order, id) of live entries and (category, id) of versions.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0005_question_search_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                condition=models.Q(("live_version__isnull", False)),
                fields=["live_version", "order", "id"],
                name="faq_entry_live_order",
            ),
        ),
        migrations.AddIndex(
            model_name="entryversion",
            index=models.Index(fields=["category", "id"], name="faq_version_by_category"),
        ),
    ]
