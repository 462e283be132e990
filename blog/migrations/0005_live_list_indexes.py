"""
Indexes that let the public lists read only indexes (PostgreSQL index-only scans).

The INVAblog index counts and pages live articles from a partial index in published() order;
a category page counts its live articles from (category, id) of the versions; a tag page and
related_articles() find a tag's versions from (tag, content_object). Counting and paging then
cost index pages, not article rows, as the site grows.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_search_vector"),
        ("content", "0001_initial"),
        ("review", "0002_roles"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("live_version__isnull", False)),
                fields=["-first_published_at", "-id"],
                include=["live_version"],
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
