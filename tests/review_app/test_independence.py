"""
The review app knows no app: under these settings (no INVAblog, no FAQ, no site layer) every
module of invamed/review imports, its migrations apply, and no model of those apps exists.
"""

import importlib
import pkgutil
import sys

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import invamed.review
from invamed.review.models import reviewable_models

SITE_PACKAGES = ("blog", "faq", "invamed.site")
SITE_LABELS = {"blog", "faq", "site"}


def is_site_module(name):
    return any(name == package or name.startswith(f"{package}.") for package in SITE_PACKAGES)


def test_every_module_of_the_review_app_imports_without_the_sites_apps():
    """Models, admin, services, workflow, diff, migrations, commands and template tags."""
    names = [
        module.name
        for module in pkgutil.walk_packages(invamed.review.__path__, prefix="invamed.review.")
    ]
    assert {"invamed.review.admin", "invamed.review.diff", "invamed.review.migrations.0001_initial",
            "invamed.review.management.commands.run_scheduler",
            "invamed.review.templatetags.review_admin"} <= set(names)  # fmt: skip
    for name in names:
        importlib.import_module(name)
    assert [name for name in sys.modules if is_site_module(name)] == []


def test_no_model_of_the_sites_apps_is_registered():
    assert not {config.name for config in apps.get_app_configs()} & set(SITE_PACKAGES)
    assert not {model._meta.app_label for model in apps.get_models()} & SITE_LABELS
    assert sorted(model._meta.label for model in reviewable_models()) == [
        "content.Notice",
        "content.SitePage",
        "testapp.Memo",
    ]


def test_the_review_apps_migrations_need_only_djangos_own_apps(db):
    """They depend on auth and contenttypes alone, and made the test database here."""
    loader = MigrationLoader(connection)
    needs = {
        dependency[0]
        for (app, _name), migration in loader.disk_migrations.items()
        if app == "review"
        for dependency in migration.dependencies
    }
    assert needs == {"review", "auth", "contenttypes"}
    applied = MigrationRecorder(connection).applied_migrations()
    assert ("review", "0002_live_document_index") in applied
    assert ("testapp", "0001_initial") in applied
    assert not {app for app, _name in applied} & SITE_LABELS
