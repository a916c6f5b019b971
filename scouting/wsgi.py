"""WSGI entry point: `gunicorn scouting.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scouting.settings")

application = get_wsgi_application()
