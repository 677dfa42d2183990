"""The year a page opens on when the address names none (see core/years.py): ?nam=, else the
user's last chosen year, else the current emulation year — the latest year the user has a
registration to see (the year their work is about), else the calendar year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.accounts.scope import Scope
from thidua.core import bounds, versions
from thidua.core.years import remembered_year

from .policy import registrations_for


def _years(user: Any) -> tuple[int, ...]:
    return tuple(registrations_for(user).order_by("-year").values_list("year", flat=True).distinct())


def registration_years(user: Any) -> tuple[int, ...]:
    """The years the user has a registration to see, newest first. They follow from the user's scope
    and the province's registrations (tracked by its stamp, core.versions), and nearly every page
    opened without ?nam= asks for the latest: kept until a registration of the province changes."""
    if not getattr(user, "is_authenticated", False):
        return ()
    return versions.cached_for_reach(Scope.of(user), "registration-years", (),
                                     lambda province: (versions.province_key(province),), lambda: _years(user))


def current_emulation_year(user: Any) -> int:
    """The latest year the user has a registration to see, else the calendar year."""
    return next(iter(registration_years(user)), None) or dt.date.today().year


def working_year(request: Any, *, latest: int | None = None) -> int:
    """The one year of a page: ?nam=, else remembered, else the current emulation year (`latest`:
    the caller already knows the latest registration year the user sees, saving a query)."""
    return (bounds.query_year(request) or remembered_year(request) or latest
            or current_emulation_year(request.user))


def list_year(request: Any, *, latest: int | None = None) -> int | None:
    """The year filter of a list: as `working_year` (a list passes its own latest year as `latest`,
    so it never opens on an empty calendar year), but an explicit empty ?nam= ("Tất cả") means
    every year (None)."""
    if "nam" in request.GET and not request.GET["nam"].strip():
        return None
    return working_year(request, latest=latest)


def years_with(year: int | None, years: Any) -> list[int]:
    """The years of a list's filter, newest first, with the page's year among them (so the select
    shows the year the list is filtered on, even one without rows yet)."""
    found = set(years)
    if year is not None:
        found.add(year)
    return sorted(found, reverse=True)
