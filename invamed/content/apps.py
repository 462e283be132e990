from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "invamed.content"
    label = "content"
    verbose_name = "Site content"
