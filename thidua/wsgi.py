import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
application = get_wsgi_application()

# What the first request would otherwise do (imports, URL table, templates): see core/warmup.py.
from thidua.core.warmup import warm_up  # noqa: E402 - needs the settings and apps loaded above

warm_up()

# What startup made (Django, the URL table, compiled templates) lives as long as the process: kept out
# of the cyclic garbage collector's full passes, which otherwise walk it again and again under load.
gc.collect()
gc.freeze()
