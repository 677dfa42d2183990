"""Pagination of the long lists (staff, units, registrations, dossiers, decisions): `?trang=N`,
bounded, never an error — a page number out of range shows the last page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from . import bounds, versions

T = TypeVar("T")

PAGE_SIZE = 50
PARAM = "trang"


def page_number(request: HttpRequest) -> int:
    """The page number `?trang=` asks for, 1 when absent or not a number."""
    text = request.GET.get(PARAM, "")
    # Strict digits: '²'.isdigit() is true but int('²') fails.
    return (bounds.parse_id(text) if len(text) <= 6 else None) or 1


def page_of(request: HttpRequest, items: QuerySet | list, per_page: int = PAGE_SIZE) -> Page:
    """The page `?trang=` asks for (two queries on a queryset: the count and the page)."""
    return Paginator(items, per_page).get_page(page_number(request))


def counted_page(number: int, count: int, per_page: int = PAGE_SIZE) -> Page:
    """Page `number` of a list of `count` rows drawn elsewhere (cached with `count` and `number`, the
    page `page_of` gave): the pager's numbers and links as `page_of` gives them, without the rows."""
    return Paginator(range(count), per_page).page(number)


def cached_list(scope: Any, name: str, parts: Iterable[Any], keys: Callable[[int], Iterable[str]],
                compute: Callable[[], T]) -> T:
    """A list page's part (`versions.cached`) drawn once for all the users of one reach of one province
    (`scope`: accounts.scope.Scope; two users of the same `reach` see the same rows), under the
    stamps `keys(province id)`. An administrator's lists span every province, whose stamps do not
    all fit in one key: computed each time (as for a user without a province or anonymous)."""
    if scope is None or scope.admin or scope.province_id is None:
        return compute()
    return versions.cached(name, (scope.reach, *parts), keys(scope.province_id), compute)


def page_query(request: HttpRequest) -> str:
    """The current query string without the page number, for the pager's links ("nam=2022&")."""
    params = request.GET.copy()
    params.pop(PARAM, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
