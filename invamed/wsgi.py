"""WSGI entry point, served by gunicorn in production (`gunicorn invamed.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "invamed.settings")

application = get_wsgi_application()
