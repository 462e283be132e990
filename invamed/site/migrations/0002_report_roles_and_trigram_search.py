"""Grant the roles the permissions of visitors' reports (an app that migrates after 0001_roles),
and install pg_trgm, the trigram similarity search's "Did you mean" uses (invamed/site/search.py;
nothing on other databases)."""

from importlib import import_module

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def create_roles(apps, schema_editor):
    # The same step as 0001_roles (create the permissions, then apply invamed/site/roles.py).
    import_module("invamed.site.migrations.0001_roles").create_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0001_roles"),
        ("reports", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
