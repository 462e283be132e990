"""
Indexes that let the public lists read only indexes (PostgreSQL index-only scans).

The INVAblog index counts and pages live articles from a partial index in published() order;
a category page counts its live articles from (category, id) of the versions; a tag page and
related_articles() find a tag's versions from (tag, content_object). Counting and paging then
cost index pages, not article rows, as the site grows.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_search_vector"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("live_version__isnull", False)),
                fields=["-first_published_at", "-id", "live_version"],
                name="blog_article_live_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="articleversion",
            index=models.Index(fields=["category", "id"], name="blog_version_by_category"),
        ),
        migrations.AddIndex(
            model_name="taggedarticleversion",
            index=models.Index(fields=["tag", "content_object"], name="blog_tagged_version_by_tag"),
        ),
    ]
