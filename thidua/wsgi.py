import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
application = get_wsgi_application()

# What the first request would otherwise do (imports, URL table, templates): see core/warmup.py.
from thidua.core.warmup import warm_up  # noqa: E402 - needs the settings and apps loaded above

warm_up()
