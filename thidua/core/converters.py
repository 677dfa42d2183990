"""Path converters for identifiers in URLs. Django's `int` converter takes any number of digits,
and a 22-digit id then overflows the database's bigint (a 500 on SQLite and PostgreSQL alike);
these refuse such a path at the resolver, so the answer is a 404."""

from __future__ import annotations

from . import bounds


class IdConverter:
    """A row id: 1 to the largest bigint."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= bounds.BIGINT_MAX:
            raise ValueError(value)  # no match: 404
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


class YearConverter:
    """A working year inside the configured window (THIDUA_YEAR_MIN .. now + THIDUA_YEAR_AHEAD)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if bounds.year_error(year):
            raise ValueError(value)
        return year

    def to_url(self, value: int) -> str:
        return str(int(value))
