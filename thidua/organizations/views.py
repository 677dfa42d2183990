"""Organisation pages: agencies, their departments and staff — scoped by accounts.scope and each app's policy; every
write goes through services.py (or imports.py for a spreadsheet)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from thidua.accounts.scope import VIEW, Scope
from thidua.audit.selectors import history_entries
from thidua.core import bounds, uploads, versions
from thidua.core.paging import counted_page, page_number, page_of, page_query
from thidua.core.text import fold
from thidua.jobs.services import jobs_for
from thidua.organizations.policy import can_govern, can_manage_staff, staff_for, units_for

from . import services
from .forms import DepartForm, MoveForm, StaffForm, UnitMergeForm, UnitRenameForm, UnitSplitForm
from .imports import (
    COLUMNS,
    EXAMPLE_NAME,
    LEADERSHIP,
    ImportFileError,
    staff_import,
    staff_import_preview,
    staff_template,
)
from .jobs import start_staff_import, start_staff_import_preview
from .models import Staff, Unit, UnitKind

PAGE_SIZE = 100
# Which people the agency page lists: those working there today (default), those who left, everyone.
SHOW = {"": "Đang làm việc", "da-nghi": "Đã nghỉ, chuyển đi", "tat-ca": "Tất cả"}
IMPORT_SESSION_KEY = "staff_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


AGENCIES_PER_PAGE = 100


def agency_list(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()

    def compute() -> dict:
        # Counted per agency through the (agency) indexes: a join of departments × staff with DISTINCT
        # counts built some 50,000 rows for a province's page. The page's count query drops them.
        departments = (Unit.objects.filter(parent=OuterRef("pk"), kind=UnitKind.DEPARTMENT).order_by()
                       .values("parent").annotate(n=Count("pk")).values("n"))
        headcount = (Staff.objects.filter(Q(active_to__isnull=True) | Q(active_to__gte=today), agency=OuterRef("pk"))
                     .order_by().values("agency").annotate(n=Count("pk")).values("n"))
        agencies = (
            units_for(request.user).filter(kind=UnitKind.AGENCY)
            .annotate(departments=Coalesce(Subquery(departments), 0), headcount=Coalesce(Subquery(headcount), 0))
            .order_by("position", "name")
        )
        page = page_of(request, agencies, per_page=AGENCIES_PER_PAGE)
        return {"rows": render_to_string("organizations/_agency_rows.html", {"agencies": page.object_list}),
                "count": page.paginator.count, "number": page.number}

    # A page's rows are drawn once for all users of one reach, each day (the headcount counts who
    # works today), until the province's units or staff change (tracked: reports.freshness).
    part = versions.cached_for_reach(Scope.of(request.user), "agency-list", (page_number(request), today.isoformat()),
                                     lambda province: (versions.province_key(province),), compute)
    return render(request, "organizations/agency_list.html", {
        "rows": mark_safe(part["rows"]),  # our own template
        "page": counted_page(part["number"], part["count"], per_page=AGENCIES_PER_PAGE),
        "page_query": page_query(request)})


def _agency(request: HttpRequest, code: str) -> Unit:
    return get_object_or_404(units_for(request.user).filter(kind=UnitKind.AGENCY), code=code)


def _managed_agency(request: HttpRequest, code: str) -> Unit:
    agency = _agency(request, code)
    if not can_manage_staff(request.user, agency):
        raise PermissionDenied(services.NO_SCOPE)
    return agency


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    # The province's own bodies (UBND tỉnh, the board) have a page too: their people sign decisions
    # and sit on the council. Their staff is kept by the board; they are not rated here.
    agency = get_object_or_404(units_for(request.user).filter(kind__in=(UnitKind.AGENCY, UnitKind.PROVINCE_BODY)),
                               code=code)
    is_agency = agency.kind == UnitKind.AGENCY
    today = dt.date.today()
    show = request.GET.get("hien", "")
    show = show if show in SHOW else ""
    year_number = bounds.parse_year(request.GET.get("nam"))
    year = str(year_number) if year_number else ""
    query, department = request.GET.get("q", "").strip()[:100], request.GET.get("phong", "")

    def compute() -> dict:
        staff = Staff.objects.filter(agency=agency).select_related("department").in_rank_order()
        if year_number:
            staff = staff.active_in_year(year_number)  # who worked there that year, whether or not they left since
        elif show == "":
            staff = staff.active_on(today)
        elif show == "da-nghi":
            staff = staff.filter(active_to__lt=today)
        if query:
            staff = staff.filter(name_folded__contains=fold(query))
        if bounds.parse_id(department):
            staff = staff.filter(department_id=bounds.parse_id(department))
        page = page_of(request, staff, per_page=PAGE_SIZE)
        return {
            "rows": render_to_string("organizations/_staff_rows.html", {"staff": page, "today": today}),
            "count": page.paginator.count, "number": page.number,
            "departments": list(agency.children.filter(kind=UnitKind.DEPARTMENT).annotate(
                headcount=Count("department_staff", filter=Q(department_staff__active_to__isnull=True)
                                | Q(department_staff__active_to__gte=today))).order_by("position")),
            "former_names": list(agency.former_names.all()),
            "children": [str(pk) for pk in agency.children.values_list("pk", flat=True)],
        }

    # A page of rows (100 people: most of the page's CPU), its count, the departments with their
    # headcounts and the former names are read and drawn once until the province's data change
    # (staff, units and their names are tracked: core.versions), for each filter, page and day.
    # Nothing in them depends on the user (scope is checked above).
    filters = hashlib.sha256(repr((show, year, query, department)).encode()).hexdigest()[:20]
    part = versions.cached("agency-page", (agency.pk, filters, page_number(request), today.isoformat()),
                           (versions.province_key(agency.province_id),), compute)
    # The agency and its units the user may rename, merge or split (policy.can_govern's rule), in one query.
    governed = set(Unit.objects.for_user(request.user, "change").filter(Q(pk=agency.pk) | Q(parent=agency))
                   .values_list("pk", flat=True))
    return render(request, "organizations/agency_detail.html", {
        "agency": agency, "departments": part["departments"], "staff_rows": mark_safe(part["rows"]),  # our own
        "total": part["count"],
        "page": counted_page(part["number"], part["count"], PAGE_SIZE), "page_query": page_query(request),
        "query": query, "department": department,
        "show": show, "shows": SHOW, "year": year, "today": today,
        "former_names": part["former_names"], "is_agency": is_agency,
        "may_manage": is_agency and can_manage_staff(request.user, agency),
        "may_govern": agency.pk in governed,
        "audit_history": history_entries(agency, related={"organizations.unit": part["children"]}),
        "audit_show_object": True,
        "governed_departments": governed - {agency.pk},
    })


def _form_errors(form, error: services.StaffError) -> None:
    for name, problems in error.errors.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


def staff_create_view(request: HttpRequest, code: str) -> HttpResponse:
    agency = _managed_agency(request, code)
    form = StaffForm(request.POST or None, agency=agency, with_department=True, instance=Staff(agency=agency))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.staff_create(actor=request.user, agency=agency,
                                           department=form.cleaned_data["department"], **form.staff_fields())
        except services.StaffError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Đã thêm {person.full_name} vào {agency.name}.")
            return redirect("staff_detail", pk=person.pk)
    return render(request, "organizations/staff_form.html", {"agency": agency, "form": form, "person": None},
                  status=422 if form.errors else 200)


def _managed_person(request: HttpRequest, pk: int) -> Staff:
    person = get_object_or_404(staff_for(request.user).select_related("agency", "department"), pk=pk)
    if not can_manage_staff(request.user, person.agency):
        raise PermissionDenied(services.NO_SCOPE)
    return person


def staff_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk)
    form = StaffForm(request.POST or None, agency=person.agency, with_department=False, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_update(actor=request.user, staff=person, **form.staff_fields())
        except services.StaffError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Đã lưu thông tin của {person.full_name}.")
            return redirect("staff_detail", pk=person.pk)
    return render(request, "organizations/staff_form.html", {"agency": person.agency, "form": form,
                                                             "person": person}, status=422 if form.errors else 200)


def staff_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk)
    form = MoveForm(request.POST or None, agency=person.agency, initial={"date": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_move(actor=request.user, staff=person, department=form.cleaned_data["department"],
                                on=form.cleaned_data["date"], note=form.cleaned_data["note"])
        except services.StaffError as exc:
            _form_errors(form, exc)
        else:
            target = form.cleaned_data["department"] or "Lãnh đạo cơ quan"
            messages.success(request, f"Đã chuyển {person.full_name} sang {target} từ "
                                      f"{form.cleaned_data['date']:%d/%m/%Y}.")
            return redirect("staff_detail", pk=person.pk)
    return render(request, "organizations/staff_move.html", {"person": person, "form": form},
                  status=422 if form.errors else 200)


def staff_depart_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk)
    form = DepartForm(request.POST or None, initial={"date": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.staff_depart(actor=request.user, staff=person, kind=form.cleaned_data["kind"],
                                             on=form.cleaned_data["date"],
                                             destination=form.cleaned_data["destination"],
                                             note=form.cleaned_data["note"])
        except services.StaffError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi nhận {person.full_name} {movement.get_kind_display().lower()} từ "
                                      f"{movement.date:%d/%m/%Y}. Quá trình khen thưởng vẫn được giữ.")
            return redirect("staff_detail", pk=person.pk)
    return render(request, "organizations/staff_depart.html", {"person": person, "form": form},
                  status=422 if form.errors else 200)


def staff_template_view(request: HttpRequest, code: str) -> HttpResponse:
    agency = _managed_agency(request, code)
    response = HttpResponse(staff_template(agency), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-nhan-su-{agency.code}.xlsx"'
    return response


def _rows(filename: str, content: bytes) -> int:
    """How many rows the file has, counted as it streams (core.uploads bounds it); 0 when it cannot be
    read — the preview then says why."""
    try:
        return sum(1 for _ in uploads.iter_table(content, filename)) - 1
    except uploads.UploadError:
        return 0


def staff_import_view(request: HttpRequest, code: str) -> HttpResponse:
    """Upload → preview (added / changed / unchanged) → apply. Between the two steps the file waits
    in the session (it is bounded by the upload limits), so the officer does not choose it twice."""
    agency = _managed_agency(request, code)
    context = {"agency": agency, "columns": COLUMNS, "leadership": LEADERSHIP, "example": EXAMPLE_NAME}

    def page(status: int = 200) -> HttpResponse:
        return render(request, "organizations/staff_import.html", context, status=status)

    if request.method != "POST":
        return page()
    too_big = uploads.request_error(request)
    if too_big:
        context["file_error"] = too_big
        return page(413)
    if "apply_job" in request.POST:
        # A large file previewed by the worker: applying it is another job on the same stored file.
        preview = jobs_for(request.user).filter(pk=bounds.parse_id(request.POST.get("apply_job"))).first()
        if preview is None or preview.params.get("agency") != agency.pk:
            raise Http404
        try:
            job = start_staff_import(actor=request.user, preview=preview)
        except ValueError as exc:
            context["file_error"] = str(exc)
            return page(422)
        return redirect("job_detail", pk=job.pk)
    if "apply" in request.POST:
        pending = request.session.get(IMPORT_SESSION_KEY) or {}
        if pending.get("agency") != agency.pk:
            context["file_error"] = "Không còn tệp đang chờ cập nhật; hãy chọn lại tệp."
            return page(422)
        filename, content = pending["filename"], base64.b64decode(pending["content"])
        try:
            result = staff_import(actor=request.user, agency=agency, filename=filename, content=content,
                                  expected=request.POST.get("fingerprint", ""))
        except ImportFileError as exc:
            context["file_error"] = str(exc)
            return page(422)
        if not result.ok:
            context.update({"errors": result.errors, "filename": filename, "preview": result})
            return page(422)
        del request.session[IMPORT_SESSION_KEY]
        versions.bump(versions.province_key(agency.province_id))  # the import adds people in bulk (no signals)
        messages.success(request, f"Đã cập nhật danh sách {agency.name}: thêm {len(result.added)} người, "
                                  f"sửa {len(result.changed)} người, giữ nguyên {len(result.unchanged)} người.")
        return redirect("agency_detail", code=agency.code)
    upload = request.FILES.get("file")
    if upload is None:
        context["file_error"] = "Hãy chọn tệp .xlsx hoặc .csv."
        return page(422)
    try:
        content = uploads.read_upload(upload)
        if _rows(upload.name, content) > settings.THIDUA_IMPORT_ROWS_IN_REQUEST:
            job = start_staff_import_preview(actor=request.user, agency=agency, filename=upload.name, content=content)
            return redirect("job_detail", pk=job.pk)
        result = staff_import_preview(actor=request.user, agency=agency, filename=upload.name, content=content)
    except (ImportFileError, uploads.UploadError) as exc:
        context["file_error"] = str(exc)
        return page(422)
    context.update({"filename": upload.name})
    if not result.ok:
        context["errors"] = result.errors
        return page(422)
    request.session[IMPORT_SESSION_KEY] = {"agency": agency.pk, "filename": upload.name,
                                           "content": base64.b64encode(content).decode()}
    context["preview"] = result
    return page()


# --- renaming, merging and splitting units (organizations.services, scope: Unit "change") --------

UNIT_CHANGES = {
    "doi-ten": (UnitRenameForm, "Đổi tên"),
    "hop-nhat": (UnitMergeForm, "Hợp nhất, sáp nhập vào đơn vị khác"),
    "chia-tach": (UnitSplitForm, "Chia, tách"),
}


def _governed_unit(request: HttpRequest, code: str) -> Unit:
    """404 for a unit the user cannot see, 403 for one they see but do not govern."""
    unit = get_object_or_404(Unit.objects.for_user(request.user, VIEW).select_related("parent", "province"),
                             code=code)
    if not can_govern(request.user, unit):
        raise PermissionDenied("Bạn không có quyền thay đổi tổ chức của đơn vị này.")
    return unit


def _existing_or_new(request: HttpRequest, code: str, name: str, like: Unit) -> Unit:
    existing = Unit.objects.filter(code=code.strip().upper()).first()
    if existing is not None:
        return existing
    if not name:
        raise ValueError(f"Chưa có đơn vị mã {code}: nhập tên để lập đơn vị mới.")
    return services.unit_create(actor=request.user, code=code, name=name, like=like)


def unit_change_view(request: HttpRequest, code: str, change: str) -> HttpResponse:
    if change not in UNIT_CHANGES:
        raise Http404
    unit = _governed_unit(request, code)
    form_class, title = UNIT_CHANGES[change]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if change == "doi-ten":
                    services.unit_rename(actor=request.user, unit=unit, new_name=data["new_name"], on=data["on"],
                                         document_name=data["document_name"], basis=data["basis"])
                elif change == "hop-nhat":
                    into = _existing_or_new(request, data["into_code"], data["into_name"], unit)
                    services.unit_merge(actor=request.user, predecessors=[unit], successor=into, on=data["on"],
                                        basis=data["basis"])
                else:
                    successors = [_existing_or_new(request, c, n, unit) for c, n in data["successors"]]
                    services.unit_split(actor=request.user, predecessor=unit, successors=successors,
                                        on=data["on"], basis=data["basis"])
        except (ValueError, ValidationError) as exc:
            form.add_error(None, "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"Đã ghi nhận: {title.lower()} — {unit.name}.")
            agency = unit.agency
            return redirect("agency_detail", agency.code) if agency.kind == UnitKind.AGENCY else redirect("agency_list")
    return render(request, "organizations/unit_change.html", {
        "unit": unit, "form": form, "title": title, "change": change, "changes": UNIT_CHANGES,
        "former_names": unit.former_names.all(),
    })
