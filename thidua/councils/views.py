"""Council pages: councils and their members, a session's agenda, attendance, ballot counts with the
verdict and its threshold, the minutes (BB) and a draft decision from the result. Thin: scope
through councils.policy (404 outside it), writes through services."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from thidua.accounts.scope import is_admin
from thidua.audit.selectors import history_entries
from thidua.catalog.models import AwardType
from thidua.catalog.selectors import threshold_for
from thidua.core import bounds
from thidua.decisions import services as decision_services
from thidua.decisions.policy import may_issue_for
from thidua.documents.pdf import PdfError
from thidua.jobs.services import start_document_pdf
from thidua.organizations.models import Staff, Unit, UnitKind
from thidua.organizations.policy import home_agency

from . import selectors, services
from .documents import candidate_rows, export_minutes
from .models import Candidate, Council, MemberRole, Presence, Session
from .policy import can_run, councils_for, sessions_for

logger = logging.getLogger(__name__)


def _int(value) -> int | None:
    """A row id from the form; anything else (letters, '²', 22 digits) finds nothing."""
    return bounds.parse_id(value)


def _council(request: HttpRequest, pk: int, *, run: bool = False) -> Council:
    council = get_object_or_404(councils_for(request.user), pk=pk)
    if run and not can_run(request.user, council):
        raise PermissionDenied("Bạn không có quyền quản lý hội đồng này.")
    return council


def _session(request: HttpRequest, pk: int, *, run: bool = False) -> Session:
    session = get_object_or_404(selectors.session_with_parts(sessions_for(request.user)), pk=pk)
    if run and not can_run(request.user, session.council):
        raise PermissionDenied("Bạn không có quyền quản lý phiên họp này.")
    return session


def _ownable_units(user) -> list[Unit]:
    """Units whose council `user` may set up: their agency, or the province's bodies."""
    if is_admin(user):
        return list(Unit.objects.filter(kind__in=[UnitKind.AGENCY, UnitKind.PROVINCE_BODY]).order_by("kind", "name"))
    agency = home_agency(user)
    if agency is None:
        return []
    candidates = [agency] + list(Unit.objects.filter(kind=UnitKind.PROVINCE_BODY, province_id=agency.province_id))
    return [u for u in candidates if can_run(user, Council(owner=u))]


def council_list(request: HttpRequest) -> HttpResponse:
    councils = councils_for(request.user).prefetch_related("sessions")
    return render(request, "councils/council_list.html", {
        "councils": councils, "ownable": [u for u in _ownable_units(request.user)
                                          if not councils.filter(owner=u).exists()],
    })


@require_POST
def council_create(request: HttpRequest) -> HttpResponse:
    owner = next((u for u in _ownable_units(request.user) if u.pk == _int(request.POST.get("owner"))), None)
    if owner is None:
        raise PermissionDenied
    council = services.council_create(actor=request.user, owner=owner, name=request.POST.get("name", ""))
    return redirect("council_detail", pk=council.pk)


def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk)
    may_run = can_run(request.user, council)
    staff = Staff.objects.filter(agency=council.owner).order_by("full_name") if may_run else Staff.objects.none()
    return render(request, "councils/council_detail.html", {
        "council": council, "may_run": may_run,
        "members": council.members.select_related("staff").order_by("valid_to", "id"),
        "sessions": council.sessions.select_related("rule_set").order_by("-date"),
        "roles": MemberRole.choices, "staff": staff, "today": dt.date.today().isoformat(),
        "default_year": dt.date.today().year - 1,
        "audit_history": history_entries(council),
    })


@require_POST
def council_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, run=True)
    staff = Staff.objects.filter(pk=_int(request.POST.get("staff")), agency=council.owner).first()
    try:
        services.council_add_member(actor=request.user, council=council, full_name=request.POST.get("full_name", ""),
                                    position=request.POST.get("position", "") or (staff.position if staff else ""),
                                    role=request.POST.get("role", MemberRole.MEMBER), staff=staff)
    except services.CouncilError as exc:
        messages.error(request, str(exc))
    return redirect("council_detail", pk=pk)


@require_POST
def council_end_member(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    council = _council(request, pk, run=True)
    row = get_object_or_404(council.members, pk=member)
    services.council_end_member(actor=request.user, member=row, on=dt.date.today())
    messages.success(request, f"{row.full_name} thôi là thành viên hội đồng từ hôm nay.")
    return redirect("council_detail", pk=pk)


@require_POST
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, run=True)
    try:
        day = bounds.parse_date(request.POST.get("date"), "Ngày họp")
        if day is None:
            raise ValidationError("Cần ghi ngày họp.")
        year = bounds.check_year(request.POST.get("year", "").strip() or day.year, "Năm xét khen thưởng")
        session = services.session_create(actor=request.user, council=council, date=day, year=year,
                                          place=request.POST.get("place", ""))
    except (services.CouncilError, ValidationError) as exc:
        messages.error(request, bounds.user_message(exc))
        return redirect("council_detail", pk=pk)
    return redirect("session_detail", pk=session.pk)


def _threshold_rows(session: Session) -> list[dict]:
    """For each code on the agenda: the threshold in force, what it asks of this session, its basis."""
    att = selectors.attendance(session)
    rows = []
    for code in dict.fromkeys(c.code for c in session.candidates.all()):
        t = threshold_for(code, rule_set=session.rule_set, on=session.date,
                                    province_id=session.council.owner.province_id)
        name = AwardType.objects.filter(code=code).values_list("name", flat=True).first() or code
        if t is None:
            rows.append({"code": code, "name": name, "missing": True})
            continue
        base = att.members if t.approval_base == "all" else att.voters
        rows.append({"code": code, "name": name, "threshold": t, "base": base,
                     "required": t.approval.required(base), "quorum_required": t.quorum.required(att.members),
                     "quorum_met": t.quorum.met_by(att.present, att.members)})
    return rows


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    may_run = can_run(request.user, session.council)
    context = {
        "session": session, "may_run": may_run and session.is_open, "may_draft": may_run and not session.is_open,
        "attendance": sorted(session.attendance.all(), key=lambda a: (a.member.role != "chair", a.member.id)),
        "presence_choices": Presence.choices, "att": selectors.attendance(session),
        "rows": list(zip(sorted(session.candidates.all(), key=lambda c: (c.position, c.id)),
                         candidate_rows(session), strict=True)),
        "thresholds": _threshold_rows(session),
        "decisions": session.decisions.all(),
        "audit_history": history_entries(session),
    }
    if may_run and session.is_open:
        owner = session.council.owner
        if owner.kind == UnitKind.AGENCY:
            agencies, agency = [owner], owner
        else:
            agencies = list(Unit.objects.filter(province_id=owner.province_id, kind=UnitKind.AGENCY)
                            .order_by("position", "name"))
            agency = next((a for a in agencies if a.code == request.GET.get("co_quan")), None)
        context.update({
            "agencies": agencies, "agency": agency,
            "staff": (Staff.objects.filter(agency=agency).active_in_year(session.year).select_related("department")
                      .order_by("department__position", "full_name") if agency else []),
            "collectives": ([agency, *agency.children.filter(kind=UnitKind.DEPARTMENT).order_by("position")]
                            if agency else []),
            "awards": AwardType.objects.filter(active=True).order_by("position", "code"),
        })
    return render(request, "councils/session_detail.html", context)


@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, run=True)
    presence = {a.member_id: request.POST.get(f"presence-{a.member_id}", a.presence) for a in session.attendance.all()}
    try:
        services.session_set_attendance(actor=request.user, session=session, presence=presence)
    except services.CouncilError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã lưu thành phần dự họp.")
    return redirect("session_detail", pk=pk)


@require_POST
def session_add_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, run=True)
    # Found within the user's scope: an id from elsewhere is "nobody chosen", never a name shown back.
    staff = Staff.objects.for_user(request.user).filter(pk=_int(request.POST.get("staff"))).select_related(
        "agency").first()
    unit = (Unit.objects.for_user(request.user).filter(pk=_int(request.POST.get("unit"))).first()
            if staff is None else None)
    try:
        year = request.POST.get("year", "").strip()
        services.session_add_candidate(actor=request.user, session=session, code=request.POST.get("code", ""),
                                       year=bounds.check_year(year, "Năm thành tích") if year else None,
                                       staff=staff, unit=unit)
    except (services.CouncilError, ValidationError) as exc:
        messages.error(request, bounds.user_message(exc))
    agency = request.POST.get("co_quan", "")
    return redirect(redirect("session_detail", pk=pk).url + (f"?co_quan={agency}" if agency else ""))


def _candidate(session: Session, cid: int) -> Candidate:
    candidate = Candidate.objects.filter(pk=cid, session=session).first()
    if candidate is None:
        raise Http404
    return candidate


@require_POST
def session_remove_candidate(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    session = _session(request, pk, run=True)
    try:
        services.session_remove_candidate(actor=request.user, candidate=_candidate(session, cid))
    except services.CouncilError as exc:
        messages.error(request, str(exc))
    return redirect("session_detail", pk=pk)


@require_POST
def session_ballot(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    session = _session(request, pk, run=True)
    candidate = _candidate(session, cid)
    try:
        # The counts go as typed: the service checks each and names every bad one.
        ballot = services.ballot_record(actor=request.user, candidate=candidate, yes=request.POST.get("yes", ""),
                                        no=request.POST.get("no", ""), invalid=request.POST.get("invalid", ""))
    except services.CouncilError as exc:
        messages.error(request, f"{candidate.subject_name}: {exc}")
    else:
        verdict = "đạt" if ballot.passed else "không đạt"
        messages.success(request, f"{candidate.subject_name}: {ballot.yes} phiếu tán thành — {verdict} "
                                  f"(cần ít nhất {ballot.required_yes}/{ballot.base}).")
    return redirect(redirect("session_detail", pk=pk).url + f"#c{cid}")


@require_POST
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, run=True)
    end = None
    if request.POST.get("end_time"):
        try:
            end = dt.time.fromisoformat(request.POST["end_time"])
        except ValueError:
            end = None
    try:
        session = services.session_close(actor=request.user, session=session, end_time=end,
                                         conclusion=request.POST.get("conclusion", ""))
    except services.CouncilError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã kết thúc phiên họp; biên bản số {session.minutes_number_display}.")
    return redirect("session_detail", pk=pk)


@require_POST
def session_draft_decision(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, run=True)
    if not may_issue_for(request.user, session.council.owner):
        raise PermissionDenied
    try:
        decision = services.decision_from_session(actor=request.user, session=session)
    except decision_services.DecisionError as exc:
        messages.error(request, str(exc))
        return redirect("session_detail", pk=pk)
    messages.success(request, "Đã lập dự thảo quyết định từ kết quả họp.")
    return redirect("decision_detail", pk=decision.pk)


def session_minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "pdf"):
        raise Http404
    session = _session(request, pk)
    if fmt == "pdf":
        # LibreOffice takes seconds: a background job (thidua.jobs), never this request.
        job = start_document_pdf(actor=request.user, doc="council_minutes", pk=session.pk)
        return redirect("job_detail", pk=job.pk)
    try:
        exported = export_minutes(session, fmt=fmt)
    except PdfError as exc:
        logger.warning("PDF export failed: %s", exc)
        messages.error(request, exc.user_message)
        return redirect("session_detail", pk=pk)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response
