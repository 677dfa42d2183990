"""Registration pages. Thin: scope comes from accounts.scope and each app's policy, writes go through services."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from thidua.accounts.scope import Scope, is_admin
from thidua.audit.selectors import history_entries
from thidua.catalog.models import AwardType
from thidua.catalog.wording import catalog_matcher
from thidua.core import bounds, uploads, versions
from thidua.core.paging import counted_page, page_number, page_of, page_query
from thidua.core.years import year_key
from thidua.documents.pdf import PdfError
from thidua.emulation.policy import can, registrations_for
from thidua.jobs.services import start_document_pdf
from thidua.organizations.models import BlockYear, Unit, UnitKind
from thidua.organizations.policy import can_start_registration, headed_block_years, home_agency

from . import services
from .checks import ERROR, Finding, has_errors
from .documents import export_registration
from .forms import LegacySaveForm, LegacyUploadForm, RegistrationEditor
from .legacy import NotARegistration, ParsedRegistration, parse_registration
from .models import Registration, Status
from .selectors import read_parts, registration_findings, registration_with_parts
from .years import list_year, years_with

STATUS_FILTERS = [("", "Tất cả")] + list(Status.choices)

logger = logging.getLogger(__name__)


def _visible(request: HttpRequest, pk: int, action: str = "view") -> Registration:
    """The registration if the user may see it — 404 otherwise, so ids cannot be probed."""
    reg = get_object_or_404(registration_with_parts(registrations_for(request.user)), pk=pk)
    if action != "view" and not can(request.user, action, reg):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    return reg


def registration_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang_thai", "")

    def compute() -> dict:
        visible = registrations_for(request.user)
        years = list(visible.order_by("-year").values_list("year", flat=True).distinct())
        year = list_year(request, latest=years[0] if years else None)
        qs = visible.order_by("-year", "unit__position", "unit__name")
        if year is not None:
            qs = qs.filter(year=year)
        if status in Status.values:
            qs = qs.filter(status=status)
        page = page_of(request, qs)
        rows = render_to_string("emulation/_registration_rows.html", {"registrations": page.object_list})
        return {"year": year, "years": years_with(year, years), "count": page.paginator.count,
                "number": page.number, "rows": rows}

    # A page's rows, years and count are drawn once for all users of one reach until the province's
    # data change (registrations, their units and blocks are tracked: reports.freshness).
    key = (year_key(request), status if status in Status.values else "", page_number(request))
    part = versions.cached_for_reach(Scope.of(request.user), "registration-list", key,
                                     lambda province: (versions.province_key(province),), compute)
    agency = home_agency(request.user)
    return render(request, "emulation/registration_list.html", {
        "rows": mark_safe(part["rows"]),  # our own template
        "page": counted_page(part["number"], part["count"]), "page_query": page_query(request),
        "years": part["years"], "year": part["year"], "status": status, "status_filters": STATUS_FILTERS,
        "can_start": agency is not None and can_start_registration(request.user, agency),
        "can_import": is_admin(request.user) or (agency is not None and can_start_registration(request.user, agency)),
        "next_year": dt.date.today().year,
    })


@require_POST
def registration_start(request: HttpRequest) -> HttpResponse:
    agency = home_agency(request.user)
    year = bounds.parse_year(request.POST.get("year", ""))
    if agency is None or not can_start_registration(request.user, agency):
        raise PermissionDenied
    if year is None:
        messages.error(request, f"Năm đăng ký không hợp lệ (cần từ {bounds.year_min()} đến {bounds.year_max()}).")
        return redirect("registration_list")
    existing = Registration.objects.filter(unit=agency, year=year).first()
    if existing:
        messages.info(request, f"Đơn vị đã có bản đăng ký năm {year}.")
        return redirect("registration_detail", pk=existing.pk)
    block_year = BlockYear.objects.filter(year=year, memberships__unit=agency).first()
    addressee = block_year.block.head_title() if block_year else ""
    reg = services.registration_start(actor=request.user, unit=agency, year=year, addressee=addressee)
    messages.success(request, f"Đã tạo bản đăng ký năm {reg.year}. Hãy điền nội dung và chỉ tiêu.")
    return redirect("registration_edit", pk=reg.pk)


def _page_context(request: HttpRequest, reg: Registration) -> dict:
    # The registration as printed and its checks — which read the law, the quotas and the agency's
    # headcount — drawn once until the province's data (the registration, saved with each edit of
    # its targets, solutions and movements, and its targets are tracked) or the law change
    # (core.versions). Its parts are read only to draw them. Nothing in them depends on the user.
    def draw() -> tuple[str | None, list, str, str]:
        read_parts(reg)
        rule_set, findings = registration_findings(reg)
        paper = render_to_string("emulation/_registration_paper.html", {
            "registration": reg, "targets": sorted(reg.targets.all(), key=lambda t: (t.position, t.pk))})
        checks = render_to_string("emulation/_findings.html", {
            "rule_set": rule_set, "findings": findings, "has_errors": has_errors(findings)})
        return rule_set, findings, paper, checks

    rule_set, findings, paper, checks = versions.cached(
        "registration-page", (reg.pk, reg.version), (versions.province_key(reg.unit.province_id), versions.CATALOG),
        draw)
    may = {action: can(request.user, action, reg) for action in ("edit", "submit", "receive", "return")}
    # Exporting is seeing (emulation.policy.can): `reg` was read through registrations_for(user).
    may["export"] = True
    return {
        "registration": reg,
        "paper_html": mark_safe(paper), "findings_html": mark_safe(checks),  # our own templates
        "rule_set": rule_set,
        "findings": findings,
        "has_errors": has_errors(findings),
        "events": list(reg.events.select_related("actor").only(
            "registration_id", "action", "at", "reason", "actor__username", "actor__first_name", "actor__last_name")
            .order_by("at", "id")),
        "return_reason": services.last_return_reason(reg) if reg.status == Status.RETURNED else "",
        "may": may,
    }


def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reg = get_object_or_404(registrations_for(request.user), pk=pk)  # its parts read only to draw its paper
    context = {**_page_context(request, reg), "audit_history": history_entries(reg)}
    # Said before the officer tries: with no block (or no head) that year, sending cannot work.
    context["no_recipient"] = services.no_recipient_reason(reg) if context["may"]["submit"] else ""
    return render(request, "emulation/registration_detail.html", context)


def _editor_context(reg, editor, findings) -> dict:
    return {
        "registration": reg, "editor": editor, "findings": findings, "has_errors": has_errors(findings),
        "field_findings": _by_field(findings),
        "field_keys": ["heading_year"] + [f"{form.prefix}-{name}" for form in editor.targets
                                          for name in services.TARGET_FIELDS],
    }


def _editor_page(request, reg, editor, findings, conflict=None, status=200):
    context = _editor_context(reg, editor, findings)
    context["conflict"] = conflict
    return render(request, "emulation/registration_edit.html", context, status=status)


def _by_field(findings):
    grouped: dict[str, list] = {}
    for f in findings:
        if f.field:
            grouped.setdefault(f.field, []).append(f)
    return grouped


def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _visible(request, pk, "edit")
    if request.method == "GET":
        _, findings = registration_findings(reg)
        return _editor_page(request, reg, RegistrationEditor(reg), findings)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    editor = RegistrationEditor(reg, request.POST)
    if not editor.is_valid():
        _, findings = registration_findings(reg, editor.as_input())
        messages.error(request, "Có ô nhập chưa đúng; đã giữ nguyên những gì bạn gõ, hãy sửa các ô được đánh dấu.")
        return _editor_page(request, reg, editor, findings, status=422)
    try:
        services.registration_update(
            actor=request.user, registration=reg, expected_version=editor.header.cleaned_data["version"],
            header=editor.header.header(), targets=[f.change() for f in editor.targets],
            solutions=editor.header.lines("solutions_text"), movements=editor.header.lines("movements_text"),
        )
    except ValidationError as exc:
        for name, problems in exc.message_dict.items():
            editor.header.add_error(name if name in editor.header.fields else None, problems)
        _, findings = registration_findings(reg, editor.as_input())
        messages.error(request, "Có ô nhập chưa đúng; đã giữ nguyên những gì bạn gõ, hãy sửa các ô được đánh dấu.")
        return _editor_page(request, reg, editor, findings, status=422)
    except services.EditConflict:
        current = registration_with_parts(Registration.objects).get(pk=reg.pk)
        _, findings = registration_findings(current, editor.as_input())
        return _editor_page(request, current, _rebase(editor, current, request.POST), findings,
                            conflict=_conflict_summary(current, editor), status=409)
    saved = registration_with_parts(Registration.objects).get(pk=reg.pk)
    _, findings = registration_findings(saved)
    errors = [f for f in findings if f.level == ERROR]
    if errors:
        messages.warning(request, f"Đã lưu bản nháp. Còn {len(errors)} lỗi cần sửa trước khi gửi.")
    else:
        messages.success(request, "Đã lưu bản đăng ký.")
    return redirect("registration_detail", pk=reg.pk)


def _rebase(editor: RegistrationEditor, current: Registration, data) -> RegistrationEditor:
    """Keep what this editor typed, but on top of the newest version, so saving again is a
    deliberate choice made after seeing the other editor's changes."""
    data = data.copy()
    data["version"] = str(current.version)
    return RegistrationEditor(current, data)


def _conflict_summary(current: Registration, editor: RegistrationEditor) -> dict:
    last = current.events.select_related("actor").order_by("-at", "-id").first()
    differences = []
    typed = editor.header.cleaned_data if hasattr(editor.header, "cleaned_data") else {}
    for name in services.HEADER_FIELDS:
        saved_value = getattr(current, name)
        if name in typed and (typed[name] or None) != (saved_value or None):
            differences.append((editor.header.fields[name].label, saved_value, typed[name]))
    saved_targets = {t.award_type_id: t for t in current.targets.all()}
    for form in editor.targets:
        change, saved = form.change(), saved_targets.get(form.target.award_type_id)
        for name in services.TARGET_FIELDS:
            if saved and (getattr(change, name) or None) != (getattr(saved, name) or None):
                differences.append((f"{form.target.label} – {form.fields[name].label}", getattr(saved, name),
                                    getattr(change, name)))
    return {"by": last.actor.display_name if last and last.actor else "", "at": last.at if last else None,
            "differences": differences}


@require_POST
def registration_validate(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: check what is being typed, without saving, and show the findings in place."""
    reg = _visible(request, pk, "edit")
    editor = RegistrationEditor(reg, request.POST)
    _, findings = registration_findings(reg, editor.as_input())
    context = _editor_context(reg, editor, findings)
    for key, errors in _input_errors(editor).items():
        context["field_findings"].setdefault(key, [])[:0] = errors
    return render(request, "emulation/_findings_live.html", context)


def _input_errors(editor: RegistrationEditor) -> dict[str, list[Finding]]:
    """Typing mistakes (a negative count, a day 35) shown in place as the user types."""
    out: dict[str, list[Finding]] = {}
    for form in [editor.header, *editor.targets]:
        for name, errors in form.errors.items():
            key = f"{form.prefix}-{name}" if form.prefix else name
            out[key] = [Finding(ERROR, "INVALID_INPUT", str(e), "") for e in errors]
    return out


@require_POST
def registration_submit(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _visible(request, pk, "submit")
    try:
        services.registration_submit(actor=request.user, registration=reg)
    except services.SubmitBlocked as blocked:
        errors = [f.message for f in blocked.findings if f.level == ERROR]
        messages.error(request, "Chưa gửi được: " + " ".join(errors))
        return redirect("registration_detail", pk=pk)
    except services.NoRecipient as exc:
        messages.error(request, f"Chưa gửi được: {exc}")
        return redirect("registration_detail", pk=pk)
    messages.success(request, f"Đã gửi bản đăng ký tới {reg.addressee or 'trưởng khối'}.")
    return redirect("registration_detail", pk=pk)


@require_POST
def registration_receive(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _visible(request, pk, "receive")
    services.registration_receive(actor=request.user, registration=reg)
    messages.success(request, f"Đã tiếp nhận bản đăng ký của {reg.unit.name}.")
    return redirect("block_inbox")


@require_POST
def registration_return(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _visible(request, pk, "return")
    reason = request.POST.get("reason", "")
    try:
        services.registration_return(actor=request.user, registration=reg, reason=reason)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("registration_detail", pk=pk)
    messages.success(request, f"Đã trả lại bản đăng ký của {reg.unit.name}.")
    return redirect("block_inbox")


def registration_download(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    if kind not in ("registration", "cover_letter") or fmt not in ("docx", "pdf"):
        raise Http404
    reg = _visible(request, pk, "export")
    if fmt == "pdf":
        # LibreOffice takes seconds: a background job (thidua.jobs), never this request.
        job = start_document_pdf(actor=request.user, doc="registration", pk=reg.pk, kind=kind)
        return redirect("job_detail", pk=job.pk)
    try:
        exported = export_registration(reg, fmt=fmt, kind=kind)
    except PdfError as exc:
        logger.warning("PDF export failed: %s", exc)
        messages.error(request, exc.user_message)
        return redirect("registration_detail", pk=pk)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


def block_inbox(request: HttpRequest) -> HttpResponse:
    """The block head's desk: every member of each block the user's agency heads, with its
    registration of that year (or none yet)."""
    block_years = headed_block_years(request.user).select_related("block", "head", "deputy").order_by("-year")
    if not block_years.exists():
        raise PermissionDenied("Trang này dành cho cán bộ của đơn vị trưởng khối.")
    visible = registrations_for(request.user)
    rows = []
    for block_year in block_years:
        members = list(block_year.memberships.select_related("unit").order_by("position", "unit__name"))
        regs = {r.unit_id: r for r in visible.filter(year=block_year.year,
                                                     unit__in=[m.unit_id for m in members])}
        rows.append({"block_year": block_year,
                     "members": [{"unit": m.unit, "registration": regs.get(m.unit_id)} for m in members]})
    return render(request, "emulation/block_inbox.html", {"blocks": rows})


# --- a registration written elsewhere: read, show, save as a draft ---------------------------

LEGACY_SESSION_KEY = "legacy_registration"


def _import_units(request: HttpRequest):
    """Agencies the user may import a registration for: an administrator any, an officer their own."""
    if is_admin(request.user):
        return Unit.objects.filter(kind=UnitKind.AGENCY).order_by("province__code", "position", "name")
    agency = home_agency(request.user)
    if agency is None or not can_start_registration(request.user, agency):
        raise PermissionDenied("Chỉ cán bộ phụ trách thi đua của đơn vị mới nhập được bản đăng ký.")
    return Unit.objects.filter(pk=agency.pk)


def _preview_rows(parsed: ParsedRegistration) -> list[dict]:
    names = dict(AwardType.objects.filter(code__in=parsed.targets).values_list("code", "name"))
    return [{"name": names.get(code, row.label), "label": row.label, "collective": row.collective,
             "individual": row.individual} for code, row in parsed.targets.items()]


def _legacy_page(request, *, upload, parsed=None, save=None, filename="", status=200):
    return render(request, "emulation/legacy_upload.html", {
        "upload": upload, "parsed": parsed, "save": save, "filename": filename,
        "rows": _preview_rows(parsed) if parsed else [],
        "date": parsed.as_json()["date_parts"] if parsed else None,
    }, status=status)


def legacy_upload(request: HttpRequest) -> HttpResponse:
    """Upload a .docx or text registration; the page shows what was read and what was not."""
    units = _import_units(request)
    if request.method == "GET":
        return _legacy_page(request, upload=LegacyUploadForm())
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    too_big = uploads.request_error(request)
    if too_big:
        upload = LegacyUploadForm(data={}, files={})
        upload.errors["file"] = upload.error_class([too_big])
        return _legacy_page(request, upload=upload, status=413)
    upload = LegacyUploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _legacy_page(request, upload=upload, status=422)
    handle = upload.cleaned_data["file"]
    try:
        parsed = parse_registration(uploads.read_upload(handle), catalog_matcher(), handle.name)
    except (NotARegistration, uploads.UploadError) as exc:
        upload.add_error("file", str(exc))
        return _legacy_page(request, upload=upload, status=422)
    filename = handle.name[:200]
    request.session[LEGACY_SESSION_KEY] = {"parsed": parsed.to_state(), "filename": filename}
    save = LegacySaveForm(units=units, initial={"unit": units.first(), "year": parsed.year})
    return _legacy_page(request, upload=LegacyUploadForm(), parsed=parsed, save=save, filename=filename)


@require_POST
def legacy_save(request: HttpRequest) -> HttpResponse:
    units = _import_units(request)
    stored = request.session.get(LEGACY_SESSION_KEY)
    if not stored:
        messages.error(request, "Chưa có bản đăng ký nào được đọc, hoặc phiên làm việc đã hết; hãy tải tệp lên lại.")
        return redirect("legacy_upload")
    parsed = ParsedRegistration.from_state(stored["parsed"])
    save = LegacySaveForm(request.POST, units=units)
    if not save.is_valid():
        return _legacy_page(request, upload=LegacyUploadForm(), parsed=parsed, save=save,
                            filename=stored["filename"], status=422)
    try:
        reg = services.registration_import(actor=request.user, unit=save.cleaned_data["unit"],
                                           year=save.cleaned_data["year"], parsed=parsed, source=stored["filename"])
    except (PermissionDenied, ValidationError) as exc:
        save.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        return _legacy_page(request, upload=LegacyUploadForm(), parsed=parsed, save=save,
                            filename=stored["filename"], status=422)
    del request.session[LEGACY_SESSION_KEY]
    messages.success(request, f"Đã lưu bản dự thảo năm {reg.year} từ tệp {stored['filename']}. "
                              "Hãy xem lại từng mục trước khi gửi.")
    return redirect("registration_edit", pk=reg.pk)
