"""Work done once when the server starts instead of in the first request.

Django imports the URLconf (and with it every view module and the libraries they import: openpyxl,
django-ninja, docxtpl…), fills the reverse-URL table and compiles each template on the first request
that needs them. On a fresh clone, where no .pyc exists yet, that made the first page take seconds;
`thidua.wsgi` calls `warm_up()` so the server only listens once this is done (runserver, waitress
and gunicorn all load the application through `thidua.wsgi`)."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.urls import get_resolver, reverse

logger = logging.getLogger(__name__)


def project_templates() -> list[str]:
    """Names of every .html template the project's Django engine can find (project and apps)."""
    names: set[str] = set()
    for engine in engines.all():
        if not isinstance(engine, DjangoTemplates):
            continue
        for directory in engine.template_dirs:
            root = Path(directory)
            if "site-packages" in root.parts or not root.is_dir():
                continue  # third-party templates (admin, ninja) are compiled when first used
            names.update(str(path.relative_to(root)) for path in root.rglob("*.html"))
    return sorted(names)


def warm_up() -> float:
    """Import the URLconf, fill the reverse table, compile the project's templates (the cached
    loader keeps them). Returns the seconds it took."""
    started = time.perf_counter()
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports every view module
    reverse("home")  # fills the reverse table of every namespace
    engine = engines["django"]
    for name in project_templates():
        engine.get_template(name)
    elapsed = time.perf_counter() - started
    logger.info("warm-up done in %.2f s", elapsed)
    return elapsed
