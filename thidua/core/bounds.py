"""Bounds on every value the product accepts or keeps, in one place.

What a user types (a query string, a form field, a spreadsheet cell, a CLI argument) is parsed here
strictly — ASCII digits only (`'²'.isdigit()` is true but `int('²')` fails), real calendar dates
only, years inside a window — and what a service is about to save is checked here against the
same bounds (`clean`), so SQLite refuses what PostgreSQL would refuse, and `thidua doctor` finds
stored rows outside them (`field_error`, `partial_date_error`: thidua.core.doctor). Limits are
settings with defaults (docs/deployment.md):

- THIDUA_YEAR_MIN (1945) and THIDUA_YEAR_AHEAD (5): years from 1945 to the current year + 5;
- THIDUA_NUMBER_MAX (99999): the largest document number (quyết định, biên bản, công văn).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

# The ranges of PostgreSQL's columns, whatever the backend: SQLite stores any 64-bit integer in any
# integer column, so a value PostgreSQL would refuse must be refused before it reaches SQLite.
INTEGER_RANGES: Mapping[str, tuple[int, int]] = BaseDatabaseOperations.integer_field_ranges
BIGINT_MAX = INTEGER_RANGES["BigIntegerField"][1]
_INTEGER = re.compile(r"[+-]?[0-9]{1,40}")  # longer than any column: then "phải từ … đến …"
_DECIMAL = re.compile(r"[+-]?[0-9]{1,18}([.,][0-9]{1,18})?")
_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# Integer fields holding a year but not one of the product's working years.
_BIRTH_YEAR_MIN = 1900


def year_min() -> int:
    return int(getattr(settings, "THIDUA_YEAR_MIN", 1945))


def year_max() -> int:
    return dt.date.today().year + int(getattr(settings, "THIDUA_YEAR_AHEAD", 5))


def number_max() -> int:
    return int(getattr(settings, "THIDUA_NUMBER_MAX", 99999))


def year_error(year: int) -> str | None:
    """The Vietnamese reason a year is outside the window, or None."""
    low, high = year_min(), year_max()
    if low <= year <= high:
        return None
    return f"Năm {year} nằm ngoài khoảng cho phép ({low}–{high})."


# --- parsing what was typed ---------------------------------------------------------------------


def parse_int(text: Any, *, min_value: int | None = None, max_value: int | None = None,
              label: str = "Giá trị") -> int | None:
    """An integer written in ASCII digits (spaces around it ignored), or None when empty.
    ValidationError (Vietnamese) for anything else or outside [min_value, max_value]."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        raw = "" if text is None else str(text).strip()
        if not raw:
            return None
        if not _INTEGER.fullmatch(raw):
            raise ValidationError(f"{label} phải là số nguyên viết bằng chữ số (nhận được «{raw[:30]}»).")
        value = int(raw)
    low = INTEGER_RANGES["BigIntegerField"][0] if min_value is None else min_value
    high = BIGINT_MAX if max_value is None else max_value
    if not low <= value <= high:
        raise ValidationError(f"{label} phải từ {low} đến {high}.")
    return value


def parse_id(text: Any) -> int | None:
    """A row id from a form or a query string: a positive integer the database can hold, or None
    for anything else (the caller's lookup then finds nothing: 404 or "hãy chọn …")."""
    try:
        return parse_int(text, min_value=1, max_value=BIGINT_MAX)
    except ValidationError:
        return None


def parse_year(text: Any, default: int | None = None) -> int | None:
    """A year from a query string (?nam=) or a form: inside the window, else `default`."""
    try:
        year = parse_int(text, min_value=year_min(), max_value=year_max())
    except ValidationError:
        return default
    return default if year is None else year


def check_year(year: Any, label: str = "Năm") -> int:
    """A year that must be given and inside the window; ValidationError otherwise."""
    value = parse_int(year, label=label)
    if value is None:
        raise ValidationError(f"Cần ghi {label.lower()}.")
    reason = year_error(value)
    if reason:
        raise ValidationError(f"{label}: {reason}")
    return value


def check_date(value: dt.date, label: str = "Ngày") -> dt.date:
    reason = year_error(value.year)
    if reason:
        raise ValidationError(f"{label} {value:%d/%m/%Y}: {reason}")
    return value


def parse_date(text: Any, label: str = "Ngày") -> dt.date | None:
    """A real calendar date written dd/mm/yyyy or yyyy-mm-dd (what date inputs send), inside the
    year window; None when empty; ValidationError naming what was typed otherwise."""
    if isinstance(text, dt.datetime):
        return check_date(text.date(), label)
    if isinstance(text, dt.date):
        return check_date(text, label)
    raw = "" if text is None else str(text).strip()
    if not raw:
        return None
    match = _DMY.fullmatch(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(raw):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValidationError(f"{label} «{raw[:30]}» không đúng dạng ngày/tháng/năm, ví dụ 05/02/2024.")
    reason = partial_date_error(day, month, year)
    if reason:
        raise ValidationError(f"{label} «{raw}»: {reason}")
    return check_date(dt.date(year, month, day), label)


def parse_decimal(text: Any, *, max_digits: int = 8, decimal_places: int = 2, label: str = "Giá trị") -> Decimal | None:
    """A finite decimal number (comma or dot as the decimal mark) fitting max_digits/decimal_places;
    None when empty. NaN, infinity and exponents are refused."""
    if isinstance(text, Decimal):
        value = text
    else:
        raw = "" if text is None else str(text).strip()
        if not raw:
            return None
        if not _DECIMAL.fullmatch(raw):
            raise ValidationError(f"{label} phải là một số (nhận được «{raw[:30]}»).")
        value = Decimal(raw.replace(",", "."))
    try:
        if not value.is_finite():
            raise InvalidOperation
        value = value.quantize(Decimal(1).scaleb(-decimal_places))
    except InvalidOperation:
        raise ValidationError(f"{label} phải là một số hữu hạn.") from None
    if value and max(value.adjusted() + 1, 0) > max_digits - decimal_places:
        raise ValidationError(f"{label} quá lớn.")
    return value


def partial_date_error(day: int | None, month: int | None, year: int | None) -> str | None:
    """Why a date written in parts (day, month, year — any may be blank, as drafts before numbering
    are) cannot be a real date, or None. A day without a year is checked against a leap year."""
    if month is not None and not 1 <= month <= 12:
        return f"không có tháng {month}."
    if day is None:
        return None
    if not 1 <= day <= 31:
        return f"không có ngày {day}."
    if month is None:
        return None
    last = calendar.monthrange(year if year and 1 <= year <= 9999 else 2000, month)[1]
    if day > last:
        return f"tháng {month} không có ngày {day}."
    return None


def real_date(year: int | None, month: int | None = None, day: int | None = None) -> dt.date | None:
    """The date of parts kept separately (a blank month or day is the first), or None when they
    make no real date (30/02 stored before the bounds, year 0): readers fall back instead of failing."""
    if year is None or partial_date_error(day, month, year) or not 1 <= year <= 9999:
        return None
    return dt.date(year, month or 1, day or 1)


# --- what a service is about to save -----------------------------------------------------------


def _is_year_field(field: models.Field) -> bool:
    return isinstance(field, models.IntegerField) and (field.name == "year" or field.name.endswith("_year"))


def field_error(field: models.Field, value: Any) -> str | None:
    """Why one stored or typed value of `field` is outside the bounds, or None."""
    if value is None or value == "":
        return None
    if isinstance(field, models.ForeignKey | models.OneToOneField):
        return None
    if isinstance(field, models.CharField) and field.max_length and isinstance(value, str):
        if len(value) > field.max_length:
            return f"dài {len(value)} ký tự, tối đa {field.max_length}."
        return None
    if isinstance(field, models.DateTimeField) and isinstance(value, dt.datetime):
        return year_error(value.year)
    if isinstance(field, models.DateField) and isinstance(value, dt.date):
        return year_error(value.year)
    if isinstance(field, models.DecimalField) and isinstance(value, Decimal):
        if not value.is_finite():
            return "không phải là một số hữu hạn."
        whole = max(value.adjusted() + 1, 0) if value else 0
        if field.max_digits is not None and whole > field.max_digits - (field.decimal_places or 0):
            return "quá lớn."
        return None
    if isinstance(field, models.IntegerField) and isinstance(value, int):
        low, high = INTEGER_RANGES.get(field.get_internal_type(), (None, None))
        if low is not None and not low <= value <= high:
            return f"{value} vượt quá giới hạn ({low}–{high})."
        if field.name == "birth_year":
            return None if _BIRTH_YEAR_MIN <= value <= year_max() else f"năm sinh {value} không hợp lệ."
        if _is_year_field(field):
            return year_error(value)
        if field.name in ("number", "minutes_number") and not 1 <= value <= number_max():
            return f"số {value} nằm ngoài khoảng 1–{number_max()}."
    return None


def _partial_dates(instance: models.Model) -> Iterable[tuple[str, int | None, int | None, int | None]]:
    """Dates kept in parts: <prefix>_day, <prefix>_month, <prefix>_year on the same model."""
    names = {f.attname for f in instance._meta.concrete_fields}
    for name in names:
        if name.endswith("_day"):
            prefix = name[: -len("_day")]
            if f"{prefix}_month" in names and f"{prefix}_year" in names:
                yield (prefix, getattr(instance, name), getattr(instance, f"{prefix}_month"),
                       getattr(instance, f"{prefix}_year"))


def bounds_errors(instance: models.Model) -> dict[str, str]:
    """{field name: Vietnamese reason} for every value of `instance` outside the bounds."""
    errors: dict[str, str] = {}
    for field in instance._meta.concrete_fields:
        reason = field_error(field, getattr(instance, field.attname, None))
        if reason:
            errors[field.name] = reason
    for prefix, day, month, year in _partial_dates(instance):
        if not all(isinstance(v, int | None) for v in (day, month, year)):
            continue
        reason = partial_date_error(day, month, year)
        if reason and f"{prefix}_day" not in errors:
            errors[f"{prefix}_day"] = f"Ngày {day}/{month}/{year or '…'}: {reason}"
    return errors


def clean(instance: models.Model, *, exclude: Iterable[str] | None = None, validate_unique: bool = False,
          error: type[Exception] | None = None) -> None:
    """Model validation (`full_clean`: lengths, choices, required fields, the model's own clean)
    plus the bounds above, before a service saves. Raises ValidationError, or `error` (a service's
    own user-facing error class) with the Vietnamese message of every field at fault."""
    problems: dict[str, list[str]] = {}
    try:
        instance.full_clean(exclude=list(exclude or []), validate_unique=validate_unique)
    except ValidationError as exc:
        problems = {k: list(v) for k, v in exc.message_dict.items()}
    for name, reason in bounds_errors(instance).items():
        if name not in (exclude or []):
            problems.setdefault(name, []).append(reason)
    if not problems:
        return
    if error is None:
        raise ValidationError(problems)
    raise error(message_of(ValidationError(problems), instance))


def message_of(exc: ValidationError, instance: models.Model | None = None) -> str:
    """One Vietnamese sentence from a ValidationError, each field named by its label."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for name, messages in exc.message_dict.items():
        label = name
        if instance is not None and name != "__all__":
            try:
                label = str(instance._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:  # a model's own clean may use any key
                label = name
        text = " ".join(messages)
        parts.append(text if name == "__all__" else f"{label[:1].upper()}{label[1:]}: {text}")
    return " ".join(parts)


def user_message(exc: Exception) -> str:
    """The Vietnamese text of a user-facing error (a service's error or a ValidationError)."""
    return message_of(exc) if isinstance(exc, ValidationError) else str(exc)


# --- command-line arguments (argparse `type=`) ---------------------------------------------------


def year_arg(text: str) -> int:
    """`--year` of the CLI: a year inside the window, else argparse's one-line error (exit 2)."""
    year = parse_year(text)
    if year is None:
        raise argparse.ArgumentTypeError(f"năm không hợp lệ: «{text[:30]}» (cần từ {year_min()} đến {year_max()})")
    return year


def id_arg(text: str) -> int:
    """An id argument of the CLI: a positive integer the database can hold."""
    value = parse_id(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"mã số không hợp lệ: «{text[:30]}»")
    return value


def date_arg(text: str) -> dt.date:
    try:
        day = parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(message_of(exc)) from None
    if day is None:
        raise argparse.ArgumentTypeError("cần ghi ngày")
    return day


def query_year(request: Any, default: int | None = None, name: str = "nam") -> int | None:
    """The year of a list or report page (?nam=, or the same field of a form), parsed strictly and
    inside the window; anything else gives `default` (never a 500)."""
    text = request.GET.get(name) or request.POST.get(name) or ""
    return parse_year(text, default=default)
