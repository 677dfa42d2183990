"""`thidua doctor`: find, and with --fix repair, stored values outside the bounds of core.bounds.

Databases written before the bounds (or by hand) may hold what the forms now refuse: text longer
than its column (SQLite keeps it whole), numbers past what PostgreSQL's columns hold, years outside
the window, NaN decimals, a date stored as "2024-02-30" in SQLite, a day 30 of month 2 kept in
parts. Rows are read with plain SQL, column by column, so a value Django itself cannot load (a NaN
decimal, an impossible date) is still found, and fixed with a single UPDATE:

- text is cut to its column's length;
- a value that may be empty (NULL) is emptied; one that may not is brought to the nearest value
  inside the bounds (a year into the window, a number into its range, NaN to 0, a day to the
  month's last day);
- every repair is a row of the audit trail (action `doctor.fix`) with the value before and after,
  so nothing is lost without a trace.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.db import DatabaseError, connection, models, transaction

from thidua.audit.services import audit_record

from . import bounds

_ISO_DATE = re.compile(r"(-?[0-9]{1,6})-([0-9]{1,2})-([0-9]{1,2})")
_BATCH = 2000
NO_REPAIR = object()  # a finding the doctor reports but cannot mend by itself


@dataclass
class Finding:
    model: type[models.Model]
    pk: Any
    field: str  # attname, or "<prefix>_day" for a date kept in parts
    label: str
    value: Any
    reason: str
    repair: Any = NO_REPAIR
    fixed: bool = False

    @property
    def where(self) -> str:
        return f"{self.model._meta.verbose_name} (bảng {self.model._meta.db_table}) #{self.pk}, {self.label}"

    def line(self) -> str:
        shown = repr(self.value) if not isinstance(self.value, str) else f"«{self.value[:40]}" + (
            "…»" if len(self.value) > 40 else "»")
        if self.fixed:
            after = "để trống" if self.repair is None else f"thành {_short(self.repair)}"
            return f"{self.where}: {self.reason} Đã sửa {shown} {after}."
        if self.repair is NO_REPAIR:
            return f"{self.where}: {self.reason} ({shown}) Không tự sửa được: hãy sửa tay."
        after = "để trống" if self.repair is None else f"{_short(self.repair)}"
        return f"{self.where}: {self.reason} ({shown}; --fix sẽ sửa thành {after})"


def _short(value: Any) -> str:
    text = str(value)
    return f"«{text[:40]}…» ({len(text)} ký tự)" if len(text) > 40 else f"«{text}»"


def project_models() -> list[type[models.Model]]:
    """Every concrete table of the project's own apps (history tables included)."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("thidua."):
            continue
        for model in config.get_models():
            if model._meta.managed and not model._meta.proxy:
                found.append(model)
    return found


def _checked_fields(model: type[models.Model]) -> list[models.Field]:
    wanted = (models.CharField, models.DateField, models.DecimalField, models.IntegerField)
    return [f for f in model._meta.concrete_fields
            if isinstance(f, wanted) and not f.primary_key and not f.is_relation
            and not isinstance(f, models.AutoField | models.BigAutoField | models.SmallAutoField)]


# --- one raw value: (reason, repair) or None ---------------------------------------------------


def _clamp_year(day: dt.date) -> dt.date:
    year = min(max(day.year, bounds.year_min()), bounds.year_max())
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def _date(field: models.Field, raw: Any) -> tuple[str, Any] | None:
    empty = None if field.null else NO_REPAIR
    if isinstance(raw, dt.datetime):
        reason = bounds.year_error(raw.year)
        return (reason, None if field.null else raw.replace(year=min(max(raw.year, bounds.year_min()),
                                                                      bounds.year_max()))) if reason else None
    if isinstance(raw, dt.date):
        reason = bounds.year_error(raw.year)
        return (reason, None if field.null else _clamp_year(raw)) if reason else None
    text = str(raw)
    match = _ISO_DATE.match(text)
    if not match:
        return f"«{text[:30]}» không phải là một ngày.", empty
    year, month, day = (int(g) for g in match.groups())
    problem = bounds.partial_date_error(day, month, year if 1 <= year <= 9999 else 2000)
    if problem:
        if field.null or not 1 <= month <= 12 or not 1 <= year <= 9999:
            return f"Ngày không có thật ({problem})", empty
        last = calendar.monthrange(year, month)[1]
        repaired = dt.date(year, month, last)
        if isinstance(field, models.DateTimeField):
            return f"Ngày không có thật ({problem})", NO_REPAIR
        return f"Ngày không có thật ({problem})", repaired
    reason = bounds.year_error(year)
    if reason:
        if field.null:
            return reason, None
        if isinstance(field, models.DateTimeField):
            return reason, NO_REPAIR
        return reason, _clamp_year(dt.date(year, month, day) if 1 <= year <= 9999 else dt.date(2000, month, day))
    return None


def _decimal(field: models.DecimalField, raw: Any) -> tuple[str, Any] | None:
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        return f"«{str(raw)[:30]}» không phải là một số.", None if field.null else Decimal(0)
    reason = bounds.field_error(field, value)
    if not reason:
        return None
    if field.null:
        return reason, None
    if not value.is_finite():
        return reason, Decimal(0)
    biggest = Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(1).scaleb(-field.decimal_places)
    return reason, biggest if value > 0 else -biggest


def _integer(field: models.IntegerField, raw: Any) -> tuple[str, Any] | None:
    try:
        value = (int(raw) if math.isfinite(raw) else None) if isinstance(raw, float) else int(raw)
    except (TypeError, ValueError):
        value = None
    if value is None:
        return f"«{str(raw)[:30]}» không phải là số nguyên.", None if field.null else NO_REPAIR
    reason = bounds.field_error(field, value)
    if not reason:
        return None
    if field.null:
        return reason, None
    low, high = bounds.INTEGER_RANGES.get(field.get_internal_type(), (None, None))
    if field.name == "year" or field.name.endswith("_year"):
        low, high = bounds.year_min(), bounds.year_max()
    elif field.name in ("number", "minutes_number"):
        low, high = 1, bounds.number_max()
    if low is None:
        return reason, NO_REPAIR
    return reason, min(max(value, low), high)


def _check(field: models.Field, raw: Any) -> tuple[str, Any] | None:
    if raw is None:
        return None
    if isinstance(field, models.CharField):
        text = str(raw)
        if field.max_length and len(text) > field.max_length:
            return f"Dài {len(text)} ký tự, tối đa {field.max_length}.", text[: field.max_length]
        return None
    if isinstance(field, models.DateField):  # DateTimeField too
        return _date(field, raw)
    if isinstance(field, models.DecimalField):
        return _decimal(field, raw)
    if isinstance(field, models.IntegerField):
        return _integer(field, raw)
    return None


def _part_dates(fields: list[models.Field]) -> list[tuple[str, int, int, int]]:
    """(prefix, index of day, of month, of year) for dates kept in parts."""
    index = {f.attname: i for i, f in enumerate(fields)}
    found = []
    for name, i in index.items():
        if name.endswith("_day"):
            prefix = name[:-4]
            if f"{prefix}_month" in index and f"{prefix}_year" in index:
                found.append((prefix, i, index[f"{prefix}_month"], index[f"{prefix}_year"]))
    return found


def _column(field: models.Field) -> str:
    column = connection.ops.quote_name(field.column)
    # SQLite's driver converts date and decimal columns by their declared type as it reads them, and
    # fails on the very values the doctor looks for ("2024-02-30"): read those as text.
    if connection.vendor == "sqlite" and isinstance(field, models.DateField | models.DecimalField):
        return f"CAST({column} AS TEXT)"
    return column


def scan_model(model: type[models.Model]) -> Iterator[Finding]:
    fields = _checked_fields(model)
    if not fields:
        return
    quote = connection.ops.quote_name
    pk = model._meta.pk
    sql = (f"SELECT {quote(pk.column)}, {', '.join(_column(f) for f in fields)} "
           f"FROM {quote(model._meta.db_table)} ORDER BY {quote(pk.column)}")
    parts = _part_dates(fields)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(_BATCH):
            for row in rows:
                key, values = row[0], row[1:]
                bad = set()
                for field, raw in zip(fields, values, strict=True):
                    problem = _check(field, raw)
                    if problem:
                        bad.add(field.attname)
                        yield Finding(model, key, field.attname, str(field.verbose_name), raw, *problem)
                for _prefix, d, m, y in parts:
                    if {fields[d].attname, fields[m].attname, fields[y].attname} & bad:
                        continue
                    day, month, year = values[d], values[m], values[y]
                    if not all(v is None or isinstance(v, int) for v in (day, month, year)):
                        continue
                    problem = bounds.partial_date_error(day, month, year)
                    if problem:
                        yield Finding(model, key, fields[d].attname, str(fields[d].verbose_name),
                                      f"{day}/{month}/{year or '…'}", f"Ngày không có thật: {problem}",
                                      None if fields[d].null else NO_REPAIR)


def scan() -> Iterator[Finding]:
    for model in project_models():
        yield from scan_model(model)


def fix(finding: Finding, actor: Any = None) -> bool:
    """Write the repair of one finding (and its audit row) in its own savepoint; False when it
    cannot be mended automatically or the database refuses (a unique number taken, say)."""
    if finding.repair is NO_REPAIR:
        return False
    try:
        with transaction.atomic():
            finding.model._base_manager.filter(pk=finding.pk).update(**{finding.field: finding.repair})
            audit_record(actor=actor, action="doctor.fix", object_type=finding.model._meta.label_lower,
                         object_id=str(finding.pk), summary=f"thidua doctor: {finding.label}: {finding.reason}",
                         changes={finding.field: [_json(finding.value), _json(finding.repair)]})
    except DatabaseError:
        return False
    finding.fixed = True
    return True


def _json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value if not isinstance(value, str) or len(value) <= 20000 else value[:20000] + "…"
    return str(value)
