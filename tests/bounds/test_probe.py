"""A black-box probe of issue 9's acceptance battery, one field at a time.

Every POST form the crawler finds (each form seen by one demo role only, the first that shows it) is
sent once per field and per class of bad value, the other fields keeping what the page filled in.
Each answer must be: no 500, no English from Django or Python, and when it is an error (4xx, the form
shown again, an error message) no row of any table touched by the request changed. Each POST runs in
a savepoint rolled back afterwards, so every request meets the demo as loaded.

Beside the forms: a wrong CSRF token, GET on the forms' actions, POST on the pages, odd values in
the query strings the pages use. The API's writes: test_api_battery.py.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client

from thidua.accounts.models import User
from thidua.demo import LOGINS

from .crawler import Form, crawl
from .probe import BAD, send

SKIP_ACTIONS = ("/dang-xuat/",)
# PROBE_LOG=file: each failure written as found, to follow a long run.
LOG = open(os.environ["PROBE_LOG"], "a") if os.environ.get("PROBE_LOG") else None  # noqa: SIM115
# Query-string names the pages read, each sent with every bad value.
QUERY_KINDS = ("superscript", "arabic_digit", "id22", "negative", "iso_feb30", "year99999", "long")
QUERY_NAMES = ("nam", "trang", "q", "don_vi", "phong", "khoi", "loai", "trang_thai", "id")


def _forms_by_role() -> tuple[dict[str, list[Form]], set[str], list]:
    """Each distinct form (by action and field names) with the first role that sees it."""
    owner: dict[tuple, str] = {}
    forms: dict[str, list[Form]] = {}
    pages: set[str] = set()
    errors = []
    # The administrator last: it sees nearly every form, which the officers should send as themselves.
    for login in sorted(LOGINS, key=lambda login: login.username == "admin"):
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=login.username))
        seen, found, failed = crawl(client, limit=120)
        pages.update(seen)
        errors += failed
        for form in found:
            if any(s in form.action for s in SKIP_ACTIONS) or form.key() in owner:
                continue
            owner[form.key()] = login.username
            forms.setdefault(login.username, []).append(form)
    return forms, pages, errors


def _client(username: str, **kwargs) -> Client:
    client = Client(raise_request_exception=False, **kwargs)
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.django_db
def test_every_form_field_url_and_query_refuses_bad_values_in_vietnamese_and_changes_nothing(year_end_demo):
    forms, pages, errors = _forms_by_role()
    assert not errors, errors
    assert sum(map(len, forms.values())) >= 20
    failures = []
    for username, owned in forms.items():
        client = _client(username)
        for form in owned:
            base = dict(form.fields)
            for name, options in form.choices.items():
                base.setdefault(name, options[0] if options else "")
            names = sorted(base)
            # Every class of bad value in some field of every form, every field with some classes:
            # field i gets the classes i, i + n, i + 2n, … (n fields), so a form costs ~17 requests.
            for index, (kind, value) in enumerate(BAD.items()):
                for name in names[index % len(names)::len(BAD)] if names else []:
                    _, problems = send(client, "post", form.action, {**base, name: value})
                    failures += [f"{username} POST {form.action} {name}={kind}: {p}" for p in problems]
                    if problems and LOG:
                        LOG.write(failures[-1][:300] + "\n")
                        LOG.flush()
    failures += _methods_csrf_and_queries(forms, pages)
    assert not failures, f"{len(failures)} bad answers:\n" + "\n".join(failures[:60])


def _methods_csrf_and_queries(forms: dict[str, list[Form]], pages: set[str]) -> list[str]:
    """GET on each form's action, a wrong CSRF token (403 in Vietnamese), POST on each page, and
    odd values in the query-string names the pages read."""
    failures = []
    for username, owned in forms.items():
        client = _client(username)
        strict = _client(username, enforce_csrf_checks=True)
        for form in owned:
            for problem in send(client, "get", form.action)[1]:
                failures.append(f"{username} GET {form.action}: {problem}")
            response, problems = send(strict, "post", form.action, {**form.fields, "csrfmiddlewaretoken": "x" * 64})
            failures += [f"{username} POST {form.action} wrong CSRF: {p}" for p in problems]
            if response.status_code != 403:
                failures.append(f"{username} POST {form.action} wrong CSRF answered {response.status_code}")
    admin = _client("admin")
    paths = sorted({p.split("?", 1)[0] for p in pages if not p.startswith("/admin/")})
    for path in paths:
        failures += [f"POST {path}: {p}" for p in send(admin, "post", path, {"nam": "²"})[1]]
        for kind in QUERY_KINDS:
            value = BAD[kind]
            query = {name: value for name in QUERY_NAMES}
            failures += [f"GET {path}?…={kind}: {p}" for p in send(admin, "get", path, query)[1]]
    return failures


