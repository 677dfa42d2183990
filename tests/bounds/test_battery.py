"""The acceptance battery of issue 9, as the demo users would send it: every POST form the crawler
finds on the pages of an agency officer, the province board and a block head, sent with odd identifiers (²,
22 digits), impossible dates (30/02), huge numbers (10^20, 2^63-1), NaN and 10,000-character text
in every field. Each answer is a page, a redirect or a 4xx — never a 500, never Python's English.
Every POST runs in a savepoint rolled back afterwards, so each form meets the same database."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.db import transaction

from .crawler import crawl

BAD = {
    "superscript": "²",
    "id22": "9" * 22,
    "feb30": "30/02/2024",
    "iso_feb30": "2024-02-30",
    "huge": "100000000000000000000",
    "int64": "9223372036854775807",
    "nan": "NaN",
    "long": "x" * 10_000,
}
# What Python or Django say in English when an input reaches them unparsed.
LEAKS = ("invalid literal", "out of range", "day is out of range", "InvalidOperation", "Traceback",
         "Enter a valid", "This field", "expected a number", "could not convert")
# Forms whose only effect is leaving, or that start downloads: not inputs.
SKIP_ACTIONS = ("/dang-xuat/",)


def _send_all(client, forms, values):
    failures = []
    for form in forms:
        if any(s in form.action for s in SKIP_ACTIONS):
            continue
        for kind, value in values.items():
            data = {name: value for name in form.fields}
            for name, options in form.choices.items():
                data.setdefault(name, options[0] if options else value)
            with transaction.atomic():
                response = client.post(form.action, data)
                transaction.set_rollback(True)
            text = response.content.decode("utf-8", "replace") if response.get("Content-Type", "").startswith(
                "text/html") else ""
            text += " ".join(str(m) for m in get_messages(response.wsgi_request))
            if response.status_code >= 500:
                failures.append((form.action, kind, response.status_code))
            elif leak := next((w for w in LEAKS if w in text), None):
                failures.append((form.action, kind, leak))
    return failures


@pytest.mark.parametrize("username", ["skhcn", "bantdkt", "truongkhoi"])
def test_every_form_answers_bad_input_without_a_server_error(client, year_end_demo, username):
    from thidua.accounts.models import User

    client.force_login(User.objects.get(username=username))
    client.raise_request_exception = False  # a 500 is collected with the others, not raised
    pages, forms, errors = crawl(client, limit=120)
    assert not errors, errors
    assert len(forms) >= 10, [f.action for f in forms]
    failures = _send_all(client, forms, BAD)
    assert not failures, "\n".join(map(str, failures))
