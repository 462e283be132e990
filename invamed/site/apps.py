from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The public site: every page a visitor reads, and the work that spans the apps."""

    name = "invamed.site"
    label = "site"
    verbose_name = "Public site"
