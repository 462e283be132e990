"""Grant the roles the permissions of visitors' reports, whose app migrates after 0001_roles."""

from importlib import import_module

from django.db import migrations


def create_roles(apps, schema_editor):
    # The same step as 0001_roles (create the permissions, then apply invamed/site/roles.py).
    import_module("invamed.site.migrations.0001_roles").create_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0001_roles"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
