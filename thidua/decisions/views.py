"""Decision pages. Thin: scope through decisions.policy (404 outside it), writes through services."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from thidua.accounts.scope import VIEW, Scope, is_admin, may_view_related
from thidua.audit.selectors import history_entries
from thidua.catalog import selectors as catalog_selectors
from thidua.catalog.models import AwardType
from thidua.core import bounds, versions
from thidua.core.paging import counted_page, page_number, page_of, page_query
from thidua.core.years import year_key
from thidua.documents.pdf import PdfError
from thidua.emulation.models import Authority
from thidua.emulation.years import list_year, working_year
from thidua.emulation.years import years_with as _with
from thidua.organizations.models import Province, Staff, Unit, UnitKind
from thidua.rules.reward import BaseSalaryPeriod

from . import certificates, services
from .documents import annex_groups, annex_lines, decision_context, export_decision, withdrawn_lines
from .forms import LayoutForm
from .jobs import start_decision_certificates, start_decision_pdf
from .models import CertificateLayout, Decision, DecisionKind, DecisionLine, DecisionStatus, draft_lines_key
from .policy import can, decisions_for, issuers_for, layout_province, may_edit_layout
from .selectors import decision_with_parts, with_line_figures

# Up to this many certificates are drawn in the request (about a second); more by a background job.
CERTIFICATES_IN_REQUEST = 30
ANNEX_PAGE_SIZE = 50  # lines of the annex per page of a decision's page
STATUS_FILTERS = [("", "Tất cả")] + list(DecisionStatus.choices)
# Stands for the request's query string in the pager of a cached paper (shared by everyone who may
# see the decision: what one user typed in the address must not reach another's links).
PAGE_QUERY_PLACEHOLDER = "thidua-page-query-placeholder-7d2a"

logger = logging.getLogger(__name__)


def _visible(request: HttpRequest, pk: int, action: str = "view", *, lines: bool = True) -> Decision:
    """The decision if the user may see it — 404 otherwise, so ids cannot be probed; 403 when seen
    but the action is not theirs. `lines`: with its lines read ahead."""
    decision = get_object_or_404(decision_with_parts(Decision.objects.all(), lines=lines), pk=pk)
    if not Decision.objects.allows(request.user, VIEW, decision):
        raise Http404
    if action != "view" and not can(request.user, action, decision):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    return decision


def _int(value: str | None) -> int | None:
    """A row id from the form; anything else (letters, '²', 22 digits) finds nothing."""
    return bounds.parse_id(value)


def _year(value: str | None, label: str) -> int | None:
    """A year typed in a form: None when blank; a Vietnamese ValidationError when not a year in
    the window (never silently replaced by a default)."""
    return bounds.check_year(value, label) if (value or "").strip() else None


def decision_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang_thai", "")

    def compute() -> dict:
        visible = decisions_for(request.user)
        years = list(visible.order_by("-award_year").values_list("award_year", flat=True).distinct())
        # The user's year, else the latest year this list has (not an empty calendar year).
        year = list_year(request, latest=years[0] if years else None)
        qs = visible.order_by("status", "-date", "-number", "-id")
        if year is not None:
            qs = qs.filter(award_year=year)
        if status in DecisionStatus.values:
            qs = qs.filter(status=status)
        page = page_of(request, qs)
        rows = render_to_string("decisions/_decision_rows.html",
                                {"decisions": with_line_figures(list(page.object_list))})
        return {"year": year, "years": _with(year, years), "count": page.paginator.count, "number": page.number,
                "rows": rows, "issuers": [{"pk": u.pk, "name": u.name} for u in issuers_for(request.user)],
                "default_year": working_year(request)}

    # The rows, the years and the figures of a page are drawn once for all users of one reach until
    # the province's decisions (their saves bump the stamps of the provinces they concern) or its
    # drafts' lines change; keyed by what list_year and working_year read of the request.
    key = (year_key(request), status if status in DecisionStatus.values else "", page_number(request))
    part = versions.cached_for_reach(Scope.of(request.user), "decision-list", key,
                                     lambda province: (versions.province_key(province), draft_lines_key(province)),
                                     compute)
    page = counted_page(part["number"], part["count"])
    return render(request, "decisions/decision_list.html", {
        "rows": mark_safe(part["rows"]),  # our own template
        "page": page, "page_query": page_query(request),
        "year": part["year"], "status": status, "status_filters": STATUS_FILTERS, "years": part["years"],
        "issuers": part["issuers"], "default_year": part["default_year"],
    })


@require_POST
def decision_create(request: HttpRequest) -> HttpResponse:
    issuer = Unit.objects.filter(pk=_int(request.POST.get("issuer"))).first()
    if issuer is None or not issuers_for(request.user).filter(pk=issuer.pk).exists():
        raise PermissionDenied
    try:
        year = bounds.check_year(request.POST.get("award_year"), "Năm khen thưởng")
        decision = services.decision_create(actor=request.user, issuer=issuer, award_year=year,
                                            title=request.POST.get("title", ""))
    except (services.DecisionError, ValidationError) as exc:
        messages.error(request, bounds.user_message(exc))
        return redirect("decision_list")
    messages.success(request, "Đã lập dự thảo quyết định. Hãy bổ sung danh sách khen thưởng.")
    return redirect("decision_detail", pk=decision.pk)


def _staff_choices(decision: Decision, agency_code: str) -> tuple[list[Unit], Unit | None, list[Staff]]:
    """Agencies of the province (to pick from for a province body's decision), the chosen one and
    its staff; an agency's own decision lists its own staff."""
    if decision.issuer.kind == UnitKind.AGENCY:
        agency = decision.issuer
        agencies = [agency]
    else:
        agencies = list(Unit.objects.filter(province_id=decision.issuer.province_id, kind=UnitKind.AGENCY)
                        .order_by("position", "name"))
        agency = next((a for a in agencies if a.code == agency_code), None)
    staff = list(Staff.objects.filter(agency=agency).active_in_year(decision.award_year)
                 .select_related("department").order_by("department__position", "full_name")) if agency else []
    return agencies, agency, staff


def _salary_notice(decision: Decision) -> BaseSalaryPeriod | None:
    """The unconfirmed base salary a draft's money is computed with, to show and have confirmed."""
    if not decision.is_draft:
        return None
    salary = catalog_selectors.base_salary_on(services.planned_day(decision))
    return salary if salary is not None and not salary.confirmed else None


def _paper(request: HttpRequest, decision: Decision, may: dict[str, bool], may_layout: bool,
           query: str | None = None) -> str:
    """The decision as printed, with a page of its annex: a long annex is in pages (the whole
    list is in the downloads); numbering runs on across pages and a page that starts inside a
    group repeats its heading. `query`: what the pager's links keep of the address (default: the
    request's)."""
    lines = annex_lines(decision)  # read once for the articles, the annex and the totals
    doc = decision_context(decision, lines)
    numbered = [(group, number, line) for group in annex_groups(decision, lines)
                for number, line in enumerate(group.lines, 1)]
    page = page_of(request, numbered, per_page=ANNEX_PAGE_SIZE)
    groups: list[dict] = []
    for group, number, line in page.object_list:
        if not groups or groups[-1]["group"] is not group:
            groups.append({"group": group, "continued": number > 1, "lines": []})
        groups[-1]["lines"].append((number, line))
    return render_to_string("decisions/_paper.html", {
        "decision": decision, "may": may, "groups": groups, "articles": doc["articles"], "doc": doc,
        "page": page, "page_query": page_query(request) if query is None else query,
        "withdrawn": withdrawn_lines(decision),
        "may_layout": may_layout,
    }, request=request if decision.is_draft else None)  # a draft's annex has forms (CSRF)


def _detail(request: HttpRequest, pk: int) -> Decision:
    """The decision of its page if the user may see it (404 otherwise), its issuer joined; the acts
    it amends and its council session read only when it has them: joining those wide rows to every
    view's query cost more to build than it saved. Its lines are read only when its paper is drawn."""
    decision = get_object_or_404(Decision.objects.select_related("issuer", "issuer__province"), pk=pk)
    if not Decision.objects.allows(request.user, VIEW, decision):
        raise Http404
    for field in ("corrects", "revokes"):
        if getattr(decision, f"{field}_id"):
            setattr(decision, field, Decision.objects.get(pk=getattr(decision, f"{field}_id")))
    if decision.council_session_id:
        prefetch_related_objects([decision], "council_session__council")
    return decision


def _events(decision: Decision) -> list:
    """The decision's history, with only the printed columns of who acted; the later acts named read
    only when some event names one."""
    events = list(decision.events.select_related("actor").only(
        "decision_id", "action", "at", "reason", "by_decision_id", "actor__username", "actor__first_name",
        "actor__last_name").order_by("at", "id"))
    if any(e.by_decision_id for e in events):
        prefetch_related_objects(events, "by_decision")
    return events


def _later_acts(request: HttpRequest, decision: Decision) -> list[Decision]:
    """The acts correcting or revoking `decision` the user may see, each checked on its own
    (Decision.objects.allows): the scope's query with its subqueries costs more to build than the
    few acts it would filter. Only an issued act is corrected or revoked (policy.can): a draft has
    none. A later act is drafted only in the name of the same issuer (services.decision_amend) and
    each of its saves and its deletion bump that issuer's province: the acts are kept under its
    stamp (read with the paper's), the check of each stays per user."""
    if decision.is_draft:
        return []

    def read() -> list[Decision]:
        acts = list(Decision.objects.filter(Q(corrects=decision) | Q(revokes=decision)).order_by("date", "id"))
        prefetch_related_objects(acts, "issuer")
        return acts

    acts = versions.cached("later-acts", (decision.pk,), (versions.province_key(decision.issuer.province_id),), read)
    return [act for act in acts if Decision.objects.allows(request.user, VIEW, act)]


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _detail(request, pk)  # an issued decision's lines: only if its paper is not cached
    if decision.is_draft:
        prefetch_related_objects([decision], "lines")  # read by the paper and the editing forms
    may = {action: can(request.user, action, decision) for action in ("edit", "issue", "correct", "revoke")}
    may["export"] = True  # exporting is seeing (policy.can), which _detail has just checked
    may_layout = may_edit_layout(request.user, decision.issuer.province)
    if decision.is_draft:
        html = _paper(request, decision, may, may_layout)  # being edited: always as it is now
    else:
        # An issued act's text and annex change only with a later act or the catalog, and each of
        # those changes the province's stamp: each page of the paper is drawn once, its pager's
        # links with a placeholder for the request's own query string.
        html = versions.cached("decision-paper", (decision.pk, page_number(request), may["export"], may_layout),
                               (versions.province_key(decision.issuer.province_id), versions.CATALOG),
                               lambda: _paper(request, decision, may, may_layout, PAGE_QUERY_PLACEHOLDER))
        html = html.replace(PAGE_QUERY_PLACEHOLDER, escape(page_query(request)))
    context = {
        "decision": decision, "may": may, "paper": mark_safe(html),  # rendered by our own template
        "events": _events(decision),
        "later_acts": _later_acts(request, decision),
        "today": dt.date.today().isoformat(),
        "salary_notice": _salary_notice(decision),
        "is_admin": is_admin(request.user),
        # The province council's session is linked only for those who may open it.
        "session_visible": may_view_related(request.user, decision, "council_session"),
        "audit_history": history_entries(decision),
    }
    if may["edit"]:
        agencies, agency, staff = _staff_choices(decision, request.GET.get("co_quan", ""))
        context.update({
            "agencies": agencies, "agency": agency, "staff": staff,
            "collectives": ([agency, *agency.children.filter(kind=UnitKind.DEPARTMENT).order_by("position")]
                            if agency else []),
            "awards": AwardType.objects.filter(active=True).order_by("position", "code"),
            "authorities": Authority.choices,
            "amendable": (list(decision.corrects.lines.filter(revoked_by__isnull=True).order_by("position", "id"))
                          if decision.kind == DecisionKind.CORRECTION and decision.corrects_id else []),
            "withdrawn_ids": {ln.pk for ln in decision.withdraws.all()},
            "bases_text": "\n".join(decision.bases), "recipients_text": "\n".join(decision.recipients),
            "replaced_ids": {ln.replaces_id for ln in decision.lines.all() if ln.replaces_id},
        })
    return render(request, "decisions/decision_detail.html", context)


@require_POST
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _visible(request, pk, "edit")
    post = request.POST
    try:
        award_year = _year(post.get("award_year"), "Năm khen thưởng") or decision.award_year
        date = bounds.parse_date(post.get("date"), "Ngày ký")
    except ValidationError as exc:
        messages.error(request, f"Chưa lưu: {bounds.user_message(exc)}")
        return redirect("decision_detail", pk=pk)
    fields = {
        "title": post.get("title", ""), "award_year": award_year,
        "date": date, "authority": post.get("authority", ""),
        "bases": post.get("bases", "").splitlines(), "recipients": post.get("recipients", "").splitlines(),
        "article1": post.get("article1", ""), "budget_source": post.get("budget_source", ""),
        "executors": post.get("executors", ""), "signer_authority": post.get("signer_authority", ""),
        "signer_title": post.get("signer_title", ""), "signer_position": post.get("signer_position", ""),
        "signer_name": post.get("signer_name", ""),
    }
    if fields["signer_authority"] not in Authority.values:
        fields["signer_authority"] = ""
    if decision.kind != DecisionKind.AWARD:
        fields["reason"] = post.get("reason", "")
    # A field the form did not send keeps its value (a required one is not blanked by omission).
    fields = {name: value for name, value in fields.items() if name in post or name == "award_year"}
    try:
        services.decision_update(actor=request.user, decision=decision, **fields)
    except services.DecisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã lưu dự thảo.")
    return redirect("decision_detail", pk=pk)


@require_POST
def decision_add_line(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _visible(request, pk, "edit")
    # Found within the user's scope: an id from elsewhere is "nobody chosen", never a name shown back.
    staff = Staff.objects.for_user(request.user).filter(pk=_int(request.POST.get("staff"))).select_related(
        "agency").first()
    unit = Unit.objects.for_user(request.user).filter(pk=_int(request.POST.get("unit"))).first()
    try:
        services.decision_add_line(actor=request.user, decision=decision, code=request.POST.get("code", ""),
                                   staff=staff, unit=unit if staff is None else None,
                                   year=_year(request.POST.get("year"), "Năm thành tích"),
                                   note=request.POST.get("note", ""))
    except (services.DecisionError, ValidationError) as exc:
        messages.error(request, bounds.user_message(exc))
    else:
        messages.success(request, "Đã thêm vào danh sách.")
    agency = request.POST.get("co_quan", "")
    url = redirect("decision_detail", pk=pk).url + (f"?co_quan={agency}" if agency else "") + "#them"
    return redirect(url)


def _line_of(decision: Decision, line_id: int, *, own: bool) -> DecisionLine:
    """A line of this draft (own) or of the decision it corrects."""
    parent = decision.pk if own else decision.corrects_id
    line = DecisionLine.objects.filter(pk=line_id, decision_id=parent).first() if parent else None
    if line is None:
        raise Http404
    return line


@require_POST
def decision_remove_line(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    decision = _visible(request, pk, "edit")
    services.decision_remove_line(actor=request.user, line=_line_of(decision, line, own=True))
    messages.success(request, "Đã bỏ dòng khỏi danh sách.")
    return redirect("decision_detail", pk=pk)


@require_POST
def decision_amend_line(request: HttpRequest, pk: int, line: int, how: str) -> HttpResponse:
    """In a correction draft: withdraw, keep (undo) or replace a line of the corrected decision."""
    decision = _visible(request, pk, "edit")
    old = _line_of(decision, line, own=False)
    try:
        if how == "thu-hoi":
            services.decision_withdraw_line(actor=request.user, decision=decision, line=old)
        elif how == "giu":
            services.decision_keep_line(actor=request.user, decision=decision, line=old)
        elif how == "thay":
            services.decision_replace_line(actor=request.user, decision=decision, line=old,
                                           code=request.POST.get("code", ""),
                                           year=_year(request.POST.get("year"), "Năm thành tích"))
        else:
            raise Http404
    except (services.DecisionError, ValidationError) as exc:
        messages.error(request, bounds.user_message(exc))
    return redirect("decision_detail", pk=pk)


@require_POST
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _visible(request, pk, "issue")
    try:
        decision = services.decision_issue(
            actor=request.user, decision=decision, date=bounds.parse_date(request.POST.get("date"), "Ngày ký"),
            number=bounds.parse_int(request.POST.get("number"), min_value=1, max_value=bounds.number_max(),
                                    label="Số quyết định"))
    except (services.DecisionError, ValidationError) as exc:
        messages.error(request, f"Chưa ban hành được: {bounds.user_message(exc)}")
        return redirect("decision_detail", pk=pk)
    messages.success(request, f"Đã ban hành {decision}.")
    return redirect("decision_detail", pk=pk)


@require_POST
def decision_amend(request: HttpRequest, pk: int, how: str) -> HttpResponse:
    """Start a correcting (sua-doi) or revoking (thu-hoi) act, with its reason, as a new draft."""
    if how not in ("sua-doi", "thu-hoi"):
        raise Http404
    decision = _visible(request, pk, "correct" if how == "sua-doi" else "revoke")
    start = services.decision_draft_correction if how == "sua-doi" else services.decision_draft_revocation
    try:
        draft = start(actor=request.user, decision=decision, reason=request.POST.get("reason", ""))
    except services.DecisionError as exc:
        messages.error(request, str(exc))
        return redirect("decision_detail", pk=pk)
    messages.success(request, "Đã lập dự thảo quyết định mới; quyết định cũ chỉ thay đổi khi dự thảo này được "
                              "ban hành.")
    return redirect("decision_detail", pk=draft.pk)


@require_POST
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _visible(request, pk, "edit")
    services.decision_delete_draft(actor=request.user, decision=decision)
    messages.success(request, "Đã xóa dự thảo.")
    return redirect("decision_list")


def decision_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "pdf"):
        raise Http404
    decision = _visible(request, pk, "export")
    if fmt == "pdf":
        # LibreOffice takes seconds (minutes for a big annex): a background job, never this request.
        job = start_decision_pdf(actor=request.user, decision=decision)
        return redirect("job_detail", pk=job.pk)
    try:
        exported = export_decision(decision, fmt=fmt)
    except PdfError as exc:
        logger.warning("PDF export failed: %s", exc)
        messages.error(request, exc.user_message)
        return redirect("decision_detail", pk=pk)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


# --- certificates ---------------------------------------------------------------------------------


def _pdf(content: bytes, filename: str) -> HttpResponse:
    """Shown in the browser (whose viewer prints it straight away), saved under `filename`."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def decision_certificates(request: HttpRequest, pk: int, line: int | None = None) -> HttpResponse:
    """The certificates of the decision's lines in force (or of one line), one per page.
    ?kieu=day-du (default): the full design on plain paper; ?kieu=phoi: the fields only, placed for
    the province's pre-printed blanks."""
    decision = _visible(request, pk, "export")
    mode = certificates.MODES.get(request.GET.get("kieu", "day-du"))
    if mode is None:
        raise Http404
    try:
        lines = certificates.printable_lines(decision)
        if line is not None:
            lines = [ln for ln in lines if ln.pk == line]
            if not lines:
                raise Http404
        elif len(lines) > CERTIFICATES_IN_REQUEST:
            # A big decision's certificates are drawn by the worker; the job's page shows progress.
            job = start_decision_certificates(actor=request.user, decision=decision, mode=mode)
            return redirect("job_detail", pk=job.pk)
        content = certificates.render_certificates(decision, lines, mode=mode)
    except certificates.CertificateError as exc:
        messages.error(request, str(exc))
        return redirect("decision_detail", pk=pk)
    chosen = lines[0] if line is not None else None
    return _pdf(content, certificates.certificate_filename(decision, mode, chosen))


def _layout_province(request: HttpRequest):
    """The province whose print positions the page shows: the board officer's own; an
    administrator chooses (?tinh=CODE), else the first."""
    province = layout_province(request.user)
    if province is None and request.user.is_authenticated and (request.user.is_superuser
                                                                or request.user.role == "admin"):
        provinces = Province.objects.order_by("code")
        province = provinces.filter(code=request.GET.get("tinh", "")).first() or provinces.first()
    if province is None:
        raise PermissionDenied("Chỉ cán bộ Ban Thi đua – Khen thưởng của tỉnh chỉnh được vị trí in trên phôi.")
    return province


def layout_list(request: HttpRequest) -> HttpResponse:
    province = _layout_province(request)
    saved = {la.code: la for la in CertificateLayout.objects.filter(province=province)}
    awards = [(a, saved.get(a.code)) for a in AwardType.objects.filter(active=True)]
    return render(request, "decisions/layout_list.html", {"province": province, "awards": awards})


def layout_edit(request: HttpRequest, code: str) -> HttpResponse:
    province = _layout_province(request)
    award = get_object_or_404(AwardType, code=code)
    layout = CertificateLayout.objects.filter(province=province, code=code).first()
    form = LayoutForm(request.POST or None, layout=layout)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_layout_save(actor=request.user, province=province, code=code,
                                             offset_x=float(form.cleaned_data["offset_x"] or 0),
                                             offset_y=float(form.cleaned_data["offset_y"] or 0),
                                             field_offsets=form.field_offsets(), fields=certificates.SLOTS)
        except services.DecisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã lưu vị trí in {award.name} trên phôi của {province.name}.")
            return redirect("certificate_layout_edit", code=code)
    return render(request, "decisions/layout_edit.html", {
        "province": province, "award": award, "form": form, "rows": form.rows(), "layout": layout,
    }, status=422 if form.errors else 200)


def layout_test_page(request: HttpRequest, code: str) -> HttpResponse:
    province = _layout_province(request)
    get_object_or_404(AwardType, code=code)
    layout = CertificateLayout.objects.filter(province=province, code=code).first()
    try:
        content = certificates.render_test_page(layout)
    except certificates.CertificateError as exc:
        messages.error(request, str(exc))
        return redirect("certificate_layout_edit", code=code)
    return _pdf(content, f"trang-in-thu-{code}.pdf")
