from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "invamed.outbox"
    label = "outbox"
    verbose_name = "Outgoing e-mail"
