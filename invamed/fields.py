"""Field declarations that the foundations and the apps share."""

from django.db import models


def recorded_link(to, on_delete, **options):
    """A link that the application writes and no form edits, such as who did something or which
    version is live. It may be empty, and it has no reverse accessor unless `related_name` is
    given."""
    options.setdefault("related_name", "+")
    return models.ForeignKey(
        to, null=True, blank=True, editable=False, on_delete=on_delete, **options
    )
