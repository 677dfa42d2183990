from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from thidua.audit.labels import acts, kinds
from thidua.audit.models import AuditEvent
from thidua.audit.selectors import entry
from thidua.core.paging import page_of, page_query

from . import services
from .forms import AuditFilterForm, OwnPasswordForm, ResetPasswordForm, UserSearchForm
from .models import User
from .scope import Scope


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def password_change(request: HttpRequest) -> HttpResponse:
    """Anyone signed in changes their own password; the session stays signed in."""
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(actor=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form})


def _require_admin(request: HttpRequest) -> None:
    if not services.is_admin(request.user):
        raise PermissionDenied("Chỉ quản trị viên được quản lý tài khoản.")


def user_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    search = UserSearchForm(request.GET or None)
    users = User.objects.select_related("unit").order_by("username")
    if search.is_valid() and search.cleaned_data["q"]:
        q = search.cleaned_data["q"]
        users = users.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q))
    return render(request, "accounts/user_list.html", {"users": users[:500], "search": search})


def password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator sets a new password for a user who forgot theirs."""
    _require_admin(request)
    target = get_object_or_404(User, pk=pk)
    form = ResetPasswordForm(target, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_by_admin(actor=request.user, user=target,
                                         new_password=form.cleaned_data["new_password1"])
        messages.success(request, f"Đã đặt lại mật khẩu của {target.display_name}.")
        return redirect("user_list")
    return render(request, "accounts/password_reset.html", {"form": form, "target": target})


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None
               ) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): a Vietnamese page, status 429."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))[:150]
    minutes = round(settings.AXES_COOLOFF_TIME * 60) if settings.AXES_COOLOFF_TIME else 0
    return render(request, "accounts/locked_out.html", {
        "username": username, "failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes,
    }, status=429)


AUDIT_PAGE = 50


def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit trail, for administrators (everything) and the province board (the acts of the
    people of its province). Filter by person, their unit, act, kind of object, object and dates;
    `?trang=` pages it. A fixed number of queries whatever the page: the units of the filter, the
    count and the page (actors and their units joined)."""
    scope = Scope.of(request.user)
    if scope is None or not (scope.admin or scope.province_board):
        raise PermissionDenied("Chỉ Ban Thi đua – Khen thưởng tỉnh và quản trị viên xem được nhật ký.")
    rows = AuditEvent.objects.select_related("actor", "actor__unit").order_by("-at", "-id")
    people = User.objects.filter(unit__isnull=False)
    if not scope.admin:
        rows = rows.filter(actor__unit__province_id=scope.province_id)
        people = people.filter(unit__province_id=scope.province_id)
    units = sorted(set(people.values_list("unit_id", "unit__name")), key=lambda pair: pair[1])
    form = AuditFilterForm(request.GET or None, units=units, kinds=kinds(), acts=acts())
    if form.is_valid():
        rows = _filtered(rows, form.cleaned_data)
    page = page_of(request, rows, per_page=AUDIT_PAGE)
    return render(request, "accounts/audit_log.html", {
        "form": form, "entries": [entry(e) for e in page.object_list], "page": page,
        "page_query": page_query(request),
    })


def _filtered(rows, data: dict):
    if data["person"]:
        for word in data["person"].split()[:6]:
            rows = rows.filter(Q(actor__first_name__icontains=word) | Q(actor__last_name__icontains=word))
    if data["unit"]:
        rows = rows.filter(actor__unit_id=data["unit"])
    if data["act"]:
        rows = rows.filter(Q(action=data["act"]) | Q(action__endswith=f".{data['act']}"))
    if data["kind"]:
        rows = rows.filter(object_type=data["kind"])
    if data["object"]:
        text = data["object"].strip()
        rows = rows.filter(Q(object_id=text) | Q(object_label__icontains=text)) if text.isdigit() \
            else rows.filter(object_label__icontains=text)
    if data["since"]:
        rows = rows.filter(at__date__gte=data["since"])
    if data["until"]:
        rows = rows.filter(at__date__lte=data["until"])
    return rows
