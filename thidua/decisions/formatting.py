"""Dates as decisions and minutes print them (ND 30/2020: a leading zero for days below 10 and for
months 1 and 2 only: "ngày 05 tháng 3 năm 2023", "ngày 15 tháng 02 năm 2023")."""

from __future__ import annotations

import datetime as dt

BLANK = "    "


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def long_date(day: dt.date | None, fallback_year: int | None = None) -> str:
    """'29 tháng 12 năm 2022' (the words after 'ngày'); a draft's unknown day stays blank."""
    if day is None:
        return f"{BLANK} tháng {BLANK} năm {fallback_year or BLANK}"
    return f"{day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def place_date(place: str, day: dt.date | None, fallback_year: int | None = None) -> str:
    """'Thái Nguyên, ngày 29 tháng 12 năm 2022'."""
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {long_date(day, fallback_year)}"


def short_unit_name(unit, *, on: dt.date | None = None, province_id: int | None = None) -> str:
    """The unit's name on `on`, without " tỉnh Thái Nguyên" when the document is of that province
    ('Sở Khoa học và Công nghệ'): the province is implied."""
    name = unit.names_on(on)[0] if on else unit.name
    if province_id is not None and unit.province_id == province_id:
        name = name.removesuffix(f" tỉnh {unit.province.name}")
    return name
