from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "invamed.review"
    label = "review"
    verbose_name = "Editorial review"
