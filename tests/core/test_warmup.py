"""Fast first start (issue 12): the work Django does on the first request (importing the URLconf and
every view, filling the reverse table, compiling templates) is done when `thidua.wsgi` loads, before
the server listens. A fresh Python process loads the application, then its first request must
import no module of the project, compile no template, and answer quickly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from thidua.core.warmup import project_templates

PROBE = textwrap.dedent("""
    import json, sys, time
    import thidua.wsgi
    from django.template import engines
    from django.test import Client

    loader = engines["django"].engine.template_loaders[0]
    before_modules = set(sys.modules)
    before_templates = len(loader.get_template_cache)
    started = time.perf_counter()
    response = Client().get("/dang-nhap/", HTTP_HOST="127.0.0.1")
    seconds = time.perf_counter() - started
    print(json.dumps({
        "status": response.status_code,
        "seconds": seconds,
        "new_modules": sorted(m for m in set(sys.modules) - before_modules if m.startswith("thidua")),
        "new_templates": len(loader.get_template_cache) - before_templates,
    }))
""")


def test_every_project_template_compiles():
    names = project_templates()
    assert "base.html" in names and len(names) > 50


def test_the_first_request_of_a_fresh_process_does_no_start_up_work(tmp_path):
    env = dict(os.environ, THIDUA_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="thidua.settings",
               THIDUA_DEBUG="1")
    env.pop("DATABASE_URL", None)  # a new, empty SQLite file: the login page reads no table
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == 200
    assert result["new_modules"] == []
    assert result["new_templates"] == 0
    # Generous: the warmed-up login page takes a few milliseconds; a cold one took seconds.
    assert result["seconds"] < 1.0, result
