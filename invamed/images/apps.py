from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "invamed.images"
    label = "images"
    verbose_name = "Image library"
