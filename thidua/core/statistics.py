"""SQLite has no automatic statistics: without them its planner treats `revoked_by IS NULL` like an
equality and walks every decision line in force in the nation instead of one agency's (index on
staff and year). `ANALYZE` after each `migrate` — part of every install and upgrade — gives it
the table sizes. PostgreSQL keeps its own statistics (autovacuum)."""

from __future__ import annotations

from typing import Any

from django.db import connections


def analyze_sqlite(*, using: str = "default", **_: Any) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
