"""One year across pages (issue 12): a page opens on ?nam= when given, else on the year the user
chose last, else on the current emulation year (`thidua.emulation.years.working_year` decides it
from the data the user sees).

The chosen year is remembered per user in a signed cookie holding "user id:year", set by
`RememberYearMiddleware` whenever a page is opened with a valid ?nam= (a cookie, not the session
table: remembering costs no database write; the user id keeps one person's choice from another's
on a shared computer)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from . import bounds

COOKIE = "thidua_nam"
SALT = "thidua.core.years"
MAX_AGE = 400 * 24 * 3600  # a year's work and then some


def remembered_year(request: Any) -> int | None:
    """The year this user chose last, or None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "get_signed_cookie"):
        return None
    value = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=MAX_AGE)
    owner, _, year = value.partition(":")
    if owner != str(user.pk):
        return None
    return bounds.parse_year(year)


def year_key(request: Any) -> str:
    """What the year of a page depends on in the request, for the key of a cached page part: the
    year asked (?nam=) or else remembered, and whether ?nam= is given empty (a list's "Tất cả").
    The rest — the latest year the user's data has — is read from the data under the part's stamps,
    and with no data the calendar's year, which no stamp follows: it is in the key too (a part drawn
    on the 31st of December must not open the 1st of January on the old year)."""
    every = "nam" in request.GET and not request.GET["nam"].strip()
    chosen = bounds.query_year(request) or remembered_year(request)
    return f"{'all' if every else ''}{chosen or ''}/{dt.date.today().year}"


class RememberYearMiddleware:
    """A GET page opened with a valid ?nam= makes that year the user's default for the pages
    opened without one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method != "GET" or "nam" not in request.GET or user is None or not user.is_authenticated:
            return response
        year = bounds.parse_year(request.GET["nam"])
        if year is not None and year != remembered_year(request) and response.status_code < 400:
            response.set_signed_cookie(COOKIE, f"{user.pk}:{year}", salt=SALT, max_age=MAX_AGE,
                                       httponly=True, samesite="Lax", secure=request.is_secure())
        return response
