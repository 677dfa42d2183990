"""Error pages in Vietnamese, in the product's layout (Django's own are English). Wired in
thidua/urls.py (handler400/403/404/500) and settings.CSRF_FAILURE_VIEW."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.html import escape

logger = logging.getLogger(__name__)

# Last resort when even the standalone 500 template cannot be rendered (e.g. no static manifest).
PLAIN_500 = (
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi hệ thống</title>'
    "<h1>Lỗi hệ thống</h1><p>Hệ thống gặp lỗi khi xử lý yêu cầu; lỗi đã được ghi lại. "
    'Xin thử lại sau ít phút.</p><p><a href="/">Về trang chủ</a></p></html>'
)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    too_big = isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent)
    return render(request, "errors/400.html", {"too_big": too_big}, status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 with the view's own Vietnamese reason, when it gave one (`PermissionDenied("Bạn không…")`)."""
    reason = str(exception) if isinstance(exception, PermissionDenied) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Django's message ("No Registration matches the given query.") is English and internal: not shown.
    return render(request, "errors/404.html", {"path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 from a standalone template, without the request's context processors: the error may come
    from the database or the session, and the page must still render."""
    try:
        return HttpResponseServerError(loader.get_template("errors/500.html").render())
    except Exception:  # the page of last resort must not fail itself
        logger.exception("the 500 page could not be rendered")
        return HttpResponseServerError(PLAIN_500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: an expired form or a browser refusing cookies, told in Vietnamese.
    Django's `reason` is English and technical; it goes to the log, not to the page."""
    logger.warning("CSRF failure on %s: %s", escape(request.path), reason)
    no_cookie = "cookie" in reason.lower()
    return render(request, "errors/csrf.html", {"no_cookie": no_cookie}, status=403)
