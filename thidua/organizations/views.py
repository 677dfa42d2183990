"""Organisation pages: agencies, their departments and staff — scoped by accounts.policy."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from thidua.accounts.policy import can_manage_staff, units_for
from thidua.core.text import fold

from .imports import COLUMNS, ImportFileError, staff_import
from .models import Staff, UnitKind

PAGE_SIZE = 100


def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = (
        units_for(request.user).filter(kind=UnitKind.AGENCY)
        .annotate(departments=Count("children", filter=Q(children__kind=UnitKind.DEPARTMENT), distinct=True),
                  headcount=Count("staff", distinct=True))
        .order_by("position", "name")
    )
    return render(request, "organizations/agency_list.html", {"agencies": agencies})


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(units_for(request.user).filter(kind=UnitKind.AGENCY), code=code)
    departments = agency.children.filter(kind=UnitKind.DEPARTMENT).annotate(
        headcount=Count("department_staff")).order_by("position")
    staff = Staff.objects.filter(agency=agency).select_related("department").order_by("department__position",
                                                                                     "full_name")
    query, department = request.GET.get("q", "").strip(), request.GET.get("phong", "")
    if query:
        staff = staff.filter(name_folded__contains=fold(query))
    if department.isdigit():
        staff = staff.filter(department_id=int(department))
    total = staff.count()
    return render(request, "organizations/agency_detail.html", {
        "agency": agency, "departments": departments, "staff": staff[:PAGE_SIZE], "total": total,
        "page_size": PAGE_SIZE, "query": query, "department": department,
        "former_names": agency.former_names.all(), "may_manage": can_manage_staff(request.user, agency),
    })


def staff_import_view(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(units_for(request.user).filter(kind=UnitKind.AGENCY), code=code)
    if not can_manage_staff(request.user, agency):
        raise PermissionDenied("Chỉ cán bộ phụ trách thi đua của đơn vị mới nhập được danh sách nhân sự.")
    context = {"agency": agency, "columns": COLUMNS}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = "Hãy chọn tệp .xlsx hoặc .csv."
            return render(request, "organizations/staff_import.html", context, status=422)
        try:
            result = staff_import(actor=request.user, agency=agency, filename=upload.name, content=upload.read())
        except ImportFileError as exc:
            context["file_error"] = str(exc)
            return render(request, "organizations/staff_import.html", context, status=422)
        if not result.ok:
            context.update({"errors": result.errors, "filename": upload.name})
            return render(request, "organizations/staff_import.html", context, status=422)
        messages.success(request, f"Đã nhập {len(result.staff)} người vào {agency.name}.")
        return redirect("agency_detail", code=agency.code)
    return render(request, "organizations/staff_import.html", context)
