"""
Live entries newest first (as blog_article_live_newest): search's newest matches read the live
entries' dates from this index alone, and for a word in most answers walk it in order and stop
at MAX_RESULTS instead of sorting every match.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0006_live_list_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                condition=models.Q(("live_version__isnull", False)),
                fields=["-first_published_at", "-id", "live_version"],
                name="faq_entry_live_newest",
            ),
        ),
    ]
