"""Vietnamese formatting of numbers and dates as official documents print them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def vn_number(value: int | Decimal | float | None) -> str:
    """1234567 -> '1.234.567' (Vietnamese thousands separator is a dot)."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal) and value != int(value):
        whole, frac = f"{value:.2f}".split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac.rstrip("0")
    return f"{int(value):,}".replace(",", ".")


def two_digits(value: int | None) -> str:
    """Leading zero below 10, as ND 30/2020 wants for numbers, days and months."""
    return "" if value is None else f"{value:02d}"


def document_month(month: int | None) -> str:
    """ND 30/2020: a leading zero for months 1 and 2 only ("tháng 02", "tháng 3", "tháng 12")."""
    if month is None:
        return ""
    return f"{month:02d}" if month <= 2 else str(month)


def vn_date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def place_date_line(place: str, day: int | None, month: int | None, year: int | None) -> str:
    """'Thái Nguyên, ngày 05 tháng 02 năm 2022' (leading zero for days below 10 and months 1–2,
    ND 30/2020); unknown parts stay blank to be filled by hand,
    as documents drafted before numbering do ('ngày    tháng 02 năm 2022')."""
    blank = "    "
    day_s = two_digits(day) if day else blank
    month_s = document_month(month) if month else blank
    year_s = str(year) if year else blank
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {day_s} tháng {month_s} năm {year_s}"


def short_date(day: int | None, month: int | None, year: int | None) -> str:
    """'/02/2022' for a day not yet known, '05/02/2022' when it is."""
    parts = [two_digits(day) if day else "", two_digits(month) if month else "", str(year) if year else ""]
    return "/".join(parts)
