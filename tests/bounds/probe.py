"""What the probes of issue 9's battery share: the bad values, what counts as English, and a
request sent inside a rolled-back savepoint that reports a 500, English, or a write behind a refusal."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.messages import constants, get_messages
from django.db import connection, transaction
from django.test import Client

BAD = {
    "superscript": "²",
    "arabic_digit": "٣",
    "id22": "9" * 22,
    "negative": "-1",
    "feb30": "30/02/2024",
    "iso_feb30": "2024-02-30",
    "apr31": "31/04/2024",
    "e20": "100000000000000000000",
    "int64": "9223372036854775807",
    "year99999": "99999",
    "year1800": "1800",
    "nan": "NaN",
    "inf": "inf",
    "minus_zero": "-0",
    "e999": "1e999",
    "long": "Đ" * 10_000,
    "empty": "",
}
ENGLISH = re.compile(
    r"This field is required|Enter a valid|Ensure this value|Select a valid choice|Enter a whole number|"
    r"Enter a number|is not one of the available choices|invalid literal|out of range|InvalidOperation|"
    r"Traceback|could not convert|matching query|does not exist|Page not found|Server Error|Bad Request|"
    r"Forbidden|CSRF verification failed|Method Not Allowed|Input should be|Field required|"
    r"value is not a valid|Unprocessable|Cannot parse|Invalid JSON|Not a valid|[Ee]xpected (a|an|value)| or '"
)
# Tables a refused request may write: the session, the login throttle, the audit of refusals.
WRITE_ALLOWED = re.compile(r"^(django_session|axes_|audit_|api_apitoken$)")
WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)\"?", re.I)


class _Rollback(Exception):
    pass


@contextmanager
def _writes() -> Iterator[set[str]]:
    tables: set[str] = set()

    def wrapper(execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match:
            tables.add(match.group(1))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield tables


def _checksum(tables: set[str]) -> dict[str, str]:
    sums = {}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 — table names from our SQL
            sums[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return sums


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    text = response.content.decode("utf-8", "replace") if ("html" in kind or "json" in kind) else ""
    request = getattr(response, "wsgi_request", None)
    messages = list(get_messages(request)) if request is not None and hasattr(request, "_messages") else []
    return text + " ".join(str(m) for m in messages)


def _is_error(response) -> bool:
    if response.status_code >= 400 or response.status_code == 200:
        return True  # a POST answered 200 shows the form again (its errors) or refuses
    request = getattr(response, "wsgi_request", None)
    if request is not None and hasattr(request, "_messages"):
        return any(m.level >= constants.ERROR for m in request._messages._queued_messages)
    return False


def send(client: Client, method: str, url: str, data=None, *, api: bool = False, **extra) -> tuple[object, list[str]]:
    """Send inside a rolled-back savepoint; return the response and the problems seen."""
    problems: list[str] = []
    response = None
    try:
        with transaction.atomic():
            with _writes() as tables:
                response = getattr(client, method)(url, data if data is not None else {}, **extra)
            tables = {t for t in tables if not WRITE_ALLOWED.match(t)}
            refused = response.status_code >= 400 if api else _is_error(response)
            after = _checksum(tables) if tables and refused else {}
            raise _Rollback
    except _Rollback:
        pass
    if after:
        before = _checksum(set(after))
        changed = sorted(t for t in after if after[t] != before[t])
        if changed:
            problems.append(f"refused but wrote {', '.join(changed)} ({response.status_code})")
    if response.status_code >= 500:
        problems.append(f"{response.status_code}")
    elif english := ENGLISH.search(_text(response)):
        problems.append(f"English «{english.group(0)}» ({response.status_code})")
    return response, problems
