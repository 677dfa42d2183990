"""Two application processes on one database (what several waitress processes behind nginx, or two
hosts, are): each a separate Python process with its own connection, running the services at the
same moment. Decision numbers stay unique and without gaps (the register's row lock), and of two
editors saving the same registration version exactly one wins (optimistic version), the other gets
the conflict.

Runs on PostgreSQL (the second test run of `make test`) or on a file SQLite test database
(THIDUA_TEST_SQLITE); an in-memory SQLite database cannot be opened by another process."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from thidua.decisions.models import Decision, NumberCounter

PROCESSES, EACH = 2, 4

CHILD = r"""
import datetime as dt, json, os, sys, time
import django
django.setup()
from django.db import connection
from thidua.accounts.models import User
from thidua.decisions.models import Decision
from thidua.decisions.services import decision_issue
from thidua.emulation.models import Registration
from thidua.emulation.services import EditConflict, registration_update

job = json.loads(sys.argv[1])
while not os.path.exists(job["go"]):  # start together
    time.sleep(0.005)
issuer = User.objects.get(username="admin")
numbers, saved = [], None
for pk in job["decisions"]:
    numbers.append(decision_issue(actor=issuer, decision=Decision.objects.get(pk=pk),
                                  date=dt.date.fromisoformat(job["date"])).number)
reg = Registration.objects.get(pk=job["registration"])
try:
    registration_update(actor=User.objects.get(username="skhcn"), registration=reg,
                        expected_version=job["version"], header={"addressee": job["addressee"]},
                        targets=[], solutions=[], movements=[])
    saved = True
except EditConflict:
    saved = False
connection.close()
print(json.dumps({"pid": os.getpid(), "numbers": numbers, "saved": saved}))
"""


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db.get("HOST") or "localhost", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def _shared_database() -> bool:
    if connection.vendor == "postgresql":
        return True
    name = str(connection.settings_dict.get("NAME") or "")
    return connection.vendor == "sqlite" and bool(name) and "memory" not in name


@pytest.mark.django_db(transaction=True)
def test_two_application_processes_keep_numbers_locks_and_versions(tmp_path):
    if not _shared_database():
        pytest.skip("needs PostgreSQL or a file SQLite test database (THIDUA_TEST_SQLITE): an in-memory "
                    "SQLite database cannot be shared with another process")
    from councils.builders import build_org
    from django.apps import apps

    from thidua.catalog.reference import load_law
    from thidua.decisions.services import LineSpec, decision_create
    from thidua.emulation.models import Registration

    load_law(apps)  # a transactional test starts from empty tables
    org = build_org()
    admin = org.users["admin"]
    drafts = [decision_create(actor=admin, issuer=org.ubnd, award_year=2022, title=f"Về việc khen thưởng {i}",
                              lines=[LineSpec(code="BK_TINH", staff=org.staff[i])]).pk
              for i in range(PROCESSES * EACH)]
    registration = Registration.objects.create(unit=org.skhcn, year=2023, heading_year=2023,
                                               addressee="Trưởng Khối", place="Thái Nguyên")
    go = tmp_path / "go"
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "thidua.settings",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    children = [subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps({
            "go": str(go), "decisions": drafts[i::PROCESSES], "date": dt.date(2022, 12, 28).isoformat(),
            "registration": registration.pk, "version": registration.version, "addressee": f"Người sửa {i}"})],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(PROCESSES)]
    time.sleep(0.5)
    go.touch()
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert len({r["pid"] for r in results}) == PROCESSES
    numbers = sorted(n for r in results for n in r["numbers"])
    assert numbers == list(range(1, PROCESSES * EACH + 1))  # unique, no gap
    assert sorted(Decision.objects.values_list("number", flat=True)) == numbers
    assert NumberCounter.objects.get(issuer=org.ubnd, symbol="QĐ-UBND", year=2022).last == PROCESSES * EACH
    assert sorted(r["saved"] for r in results) == [False, True]  # exactly one editor's save went in
    registration.refresh_from_db()
    winner = next(i for i, r in enumerate(results) if r["saved"])
    assert registration.version == 2 and registration.addressee == f"Người sửa {winner}"
