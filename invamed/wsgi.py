"""WSGI entry point, served by gunicorn in production (`gunicorn invamed.wsgi`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "invamed.settings")

application = get_wsgi_application()

# What Django and the apps loaded lives as long as the process: frozen, it is no longer walked
# by every full collection, so full collections can run often and free the reference cycles
# that requests leave behind (model instances and querysets) before they pile up.
gc.freeze()
