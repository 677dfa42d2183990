"""The project's URLs plus views that fail on purpose, to see each error page as Django serves it."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from thidua.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401

REASON = "Bạn không có quyền duyệt hồ sơ của đơn vị này."


def forbidden_with_reason(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(REASON)


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("bad input")


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [
    path("thu/cam/", forbidden_with_reason),
    path("thu/cam-tron/", forbidden),
    path("thu/sai/", suspicious),
    path("thu/loi/", broken),
    *urlpatterns,
]
