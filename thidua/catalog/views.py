"""Pages of the law as data: base salaries (an administrator enters and confirms them)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from thidua.accounts.policy import is_admin

from . import services
from .models import BaseSalary


def _admin_only(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied("Chỉ quản trị viên được nhập, xác nhận mức lương cơ sở.")


def base_salary_list(request: HttpRequest) -> HttpResponse:
    """Every base salary with its basis and whether it is confirmed; an administrator confirms or adds."""
    return render(request, "catalog/base_salaries.html", {
        "salaries": BaseSalary.objects.select_related("confirmed_by").order_by("-valid_from"),
        "may_edit": is_admin(request.user),
    })


@require_POST
def base_salary_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    salary = get_object_or_404(BaseSalary, pk=pk)
    try:
        services.base_salary_confirm(actor=request.user, salary=salary, basis=request.POST.get("basis", "")[:300])
    except services.LawError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã xác nhận mức lương cơ sở.")
    return redirect("base_salary_list")


@require_POST
def base_salary_add(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    try:
        day = dt.date.fromisoformat(request.POST.get("valid_from", "")[:10])
    except ValueError:
        messages.error(request, "Ngày áp dụng không hợp lệ.")
        return redirect("base_salary_list")
    try:
        services.base_salary_add(actor=request.user, amount=services.parse_amount(request.POST.get("amount", "")[:20]),
                                 valid_from=day, basis=request.POST.get("basis", "")[:300])
    except services.LawError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã lưu mức lương cơ sở.")
    return redirect("base_salary_list")
