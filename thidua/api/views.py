"""The administrator's page for API tokens: make one (shown once), see when each was last used, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from thidua.accounts.scope import is_admin

from . import services
from .forms import TokenForm
from .models import ApiToken


def _admin_only(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied("Chỉ quản trị hệ thống mới quản lý khóa API.")


def token_list(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _, raw = services.token_create(actor=request.user, user=form.cleaned_data["user"],
                                           name=form.cleaned_data["name"], expires_on=form.cleaned_data["expires_on"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = TokenForm()
    status = 422 if request.method == "POST" and raw is None else 200
    return render(request, "api/tokens.html", {
        "form": form, "raw": raw,
        "tokens": ApiToken.objects.select_related("user", "created_by").order_by("revoked_at", "-created_at"),
    }, status=status)


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    token = services.token_revoke(actor=request.user, token=get_object_or_404(ApiToken, pk=pk))
    messages.success(request, f"Đã thu hồi khóa «{token.name}».")
    return redirect("api_tokens")
