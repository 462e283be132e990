"""
Indexes that let the FAQ index number live entries within their category from indexes alone:
(live_version, order, id) of live entries and (category, id) of versions.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0006_title_search_index'),
        ('faq', '0005_question_search_index'),
        ('review', '0002_roles'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='entry',
            index=models.Index(condition=models.Q(('live_version__isnull', False)), fields=['live_version', 'order', 'id'], name='faq_entry_live_order'),
        ),
        migrations.AddIndex(
            model_name='entryversion',
            index=models.Index(fields=['category', 'id'], name='faq_version_by_category'),
        ),
    ]
