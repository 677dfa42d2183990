"""Pagination of the long lists (staff, units, registrations, dossiers, decisions): `?trang=N`,
bounded, never an error — a page number out of range shows the last page."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from . import bounds

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


def page_query(request: HttpRequest) -> str:
    """The current query string without the page number, for the pager's links ("nam=2022&")."""
    params = request.GET.copy()
    params.pop(PARAM, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
