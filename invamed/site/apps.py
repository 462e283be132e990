from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SiteConfig(AppConfig):
    """The public site: every page a visitor reads, and the work that spans the apps."""

    name = "invamed.site"
    label = "site"
    verbose_name = "Public site"

    def ready(self):
        from . import compiled

        # A migrate or a flush may number the content types anew, and compiled SQL holds them.
        post_migrate.connect(compiled.forget, dispatch_uid="invamed.site.compiled.forget")
