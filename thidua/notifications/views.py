from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import Notification
from .services import notification_mark_read


def notification_list(request: HttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(recipient=request.user)[:200]
    return render(request, "notifications/list.html", {"notifications": notes})


def notification_badge(request: HttpRequest) -> HttpResponse:
    """htmx: the unread count next to "Thông báo" (loaded after the page, so pages keep their queries)."""
    count = Notification.objects.filter(recipient=request.user, is_read=False).count()
    badge = ('<span class="badge" title="chưa đọc" style="display:inline-block;min-width:1.3em;padding:0 .35em;'
             'border-radius:999px;background:#fff;color:#a3161a;font-size:.8rem;font-weight:700;text-align:center">'
             f"{count}</span>")
    return HttpResponse(badge if count else "")


def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one's own notice read and follow its link."""
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notification_mark_read(actor=request.user, notification_ids=[note.pk])
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()}):
        return redirect(note.link)
    return redirect("notification_list")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    notification_mark_read(actor=request.user)
    return redirect("notification_list")
