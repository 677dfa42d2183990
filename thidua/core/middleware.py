"""Middleware of the core: the NUL character refused, the data stamps read once per request.

A request whose fields carry the NUL character is refused with the 400 page. No keyboard types it;
a script may. PostgreSQL cannot store it in text ("A string literal cannot contain NUL") and would
answer a 500 wherever a view passes a field to a query as it came; SQLite would store it. Refusing
it once here keeps the two databases alike."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict

from . import versions


def _has_nul(query: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


class NullCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or _has_nul(request.GET) or (
                request.method == "POST" and request.content_type != "application/json" and _has_nul(request.POST)):
            raise BadRequest("Dữ liệu gửi lên có ký tự NUL.")
        return self.get_response(request)


class RequestStampsMiddleware:
    """Each data stamp is read at most once per request (core.versions.reading_once)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with versions.reading_once():
            return self.get_response(request)
