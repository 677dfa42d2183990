"""Every change to decisions: permission check (decisions.policy), one transaction with the rows
locked (``select_for_update``), the decision's own event and the audit row.

Lifecycle: a draft is created (by hand, from a council session, or by another module from its
nominations) and edited; ``decision_issue`` numbers it, dates it, computes the money and writes the
award history. An issued decision is never edited: ``decision_draft_correction`` and
``decision_draft_revocation`` start a new act that, once issued, withdraws or replaces lines of the
earlier one (``revoked_by``) and updates the award history accordingly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from thidua.audit.services import audit_record, snapshot
from thidua.catalog.models import AwardType
from thidua.catalog.selectors import rule_set_codes, rule_set_on
from thidua.catalog.subjects import subject_error
from thidua.core import bounds, versions
from thidua.core.money import format_vnd
from thidua.organizations.authority import governs
from thidua.organizations.models import Staff, Unit, UnitKind

from . import defaults, history
from .formatting import long_date, short_unit_name
from .models import (
    CertificateLayout,
    Decision,
    DecisionEvent,
    DecisionKind,
    DecisionLine,
    DecisionStatus,
    EventAction,
    draft_lines_key,
)
from .money import MoneyError, line_money
from .numbering import take_number
from .policy import can, may_edit_layout, may_issue_for


class DecisionError(ValueError):
    """A change the rules of decisions do not allow; the message is for the user (Vietnamese)."""


@dataclass(frozen=True)
class LineSpec:
    """One person (staff) or collective (unit) to receive `code` for `year` (default: the
    decision's award year)."""

    code: str
    staff: Staff | None = None
    unit: Unit | None = None
    year: int | None = None
    note: str = ""


EDITABLE_FIELDS = (
    "title", "award_year", "date", "symbol", "authority", "bases", "article1", "budget_source", "executors",
    "recipients", "signer_authority", "signer_title", "signer_position", "signer_name", "reason",
    "council_session",
)


def _check_session(issuer: Unit, session: Any) -> None:
    """A decision cites the minutes of a council within its issuer's authority (its own, or for a
    province body one of its province), never another agency's."""
    if session is not None and not governs(issuer, unit=session.council.owner):
        raise DecisionError(f"Phiên họp của {session.council} không thuộc thẩm quyền của {issuer}.")


def _clean(obj: Decision | DecisionLine) -> None:
    """Lengths, years, dates and numbers checked before saving, on SQLite as on PostgreSQL."""
    bounds.clean(obj, error=DecisionError)


def _require(actor: Any, action: str, decision: Decision) -> None:
    if not can(actor, action, decision):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với quyết định.")


def _locked(decision: Decision | int) -> Decision:
    pk = decision.pk if isinstance(decision, Decision) else decision
    return Decision.objects.select_for_update(of=("self",)).select_related("issuer", "issuer__province").get(pk=pk)


def _event(decision: Decision, action: str, actor: Any, *, reason: str = "", by: Decision | None = None,
           changes: dict | None = None, before: dict | None = None) -> None:
    """The step of the decision's workflow (its timeline, `DecisionEvent`) and the audit row, with
    the fields changed since `before` (a snapshot; {} for a new decision)."""
    actor_or_none = actor if getattr(actor, "pk", None) else None
    DecisionEvent.objects.create(decision=decision, action=action, actor=actor_or_none, reason=reason, by_decision=by)
    extra = dict(changes or {})
    if reason:
        extra["reason"] = reason
    if by is not None:
        extra["by_decision"] = str(by)
    audit_record(actor=actor, action=f"decision.{action}", obj=decision, summary=str(decision), before=before,
                 changes=extra)


# ---------------------------------------------------------------------------------------------
# what a line prints


def _snapshot(*, issuer: Unit, staff: Staff | None, unit: Unit | None, on: dt.date) -> tuple[str, str, str]:
    """(name, chức vụ, đơn vị) as the annex prints them on `on`. The issuing agency's own decision
    names the department only; another body's names the agency too."""
    def short(unit_: Unit) -> str:
        return short_unit_name(unit_, on=on, province_id=issuer.province_id)

    if staff is not None:
        agency_name = short(staff.agency)
        dept = staff.department.names_on(on)[0] if staff.department_id else ""
        if staff.agency_id == issuer.pk:
            where = dept or agency_name
        else:
            where = f"{dept}, {agency_name}" if dept else agency_name
        return staff.full_name, staff.position, where
    name = unit.names_on(on)[0]
    if unit.kind == UnitKind.DEPARTMENT and unit.parent_id and unit.parent_id != issuer.pk:
        return name, "", short(unit.parent)
    return name, "", ""


def _fill_money(line: DecisionLine, on: dt.date, *, strict: bool):
    """Set the line's coefficient, base salary and amount for a decision dated `on`. A draft's
    preview leaves them empty when the data is missing; issuing (`strict`) refuses."""
    try:
        money = line_money(line.code, collective=line.is_collective, on=on,
                           province_id=line.decision.issuer.province_id,
                           issuer_level=line.decision.issuer.issuer_level)
    except MoneyError:
        if strict:
            raise
        line.coefficient = line.base_salary = line.amount = None
        return None
    if strict and not money.salary_confirmed:
        raise MoneyError(f"Mức lương cơ sở {format_vnd(money.base_salary)} đồng áp dụng vào ngày {on:%d/%m/%Y} "
                         "chưa được xác nhận; quản trị viên cần đối chiếu văn bản và xác nhận tại trang "
                         "Mức lương cơ sở trước khi ban hành quyết định.")
    line.coefficient, line.base_salary, line.amount = money.coefficient, money.base_salary, money.amount
    return money


def money_basis_text(coefficient_bases: set[str], base_salary: int, salary_bases: set[str]) -> str:
    """'Nghị định 91/2017/NĐ-CP, Điều 72, Điều 74, mức lương cơ sở 1.490.000 đồng/tháng (Nghị định
    38/2019/NĐ-CP)': the articles that set the coefficients used, grouped by text."""
    articles: dict[str, list[str]] = {}
    for basis in sorted(b for b in coefficient_bases if b):
        text, _, article = basis.partition(" Điều ")
        found = articles.setdefault(text, [])
        if article and f"Điều {article}" not in found:
            found.append(f"Điều {article}")
    coefficient = "; ".join(", ".join([text, *arts]) for text, arts in articles.items()) or "quy định hiện hành"
    salary = "; ".join(sorted(b for b in salary_bases if b))
    text = f"{coefficient}, mức lương cơ sở {format_vnd(base_salary)} đồng/tháng"
    return f"{text} ({salary})" if salary else text


def _new_line(decision: Decision, spec: LineSpec, position: int, replaces: DecisionLine | None = None
              ) -> DecisionLine:
    code = spec.code.strip().upper()
    award = AwardType.objects.filter(code=code).first()
    if award is None:
        raise DecisionError(f"Mã {code} không có trong danh mục danh hiệu, hình thức khen thưởng.")
    # The issuer's authority over each person or collective, and the award's subject: one rule
    # with the councils and the nominations (catalog.subjects).
    problem = subject_error(award, owner=decision.issuer, staff=spec.staff, unit=spec.unit, verb="tặng")
    if problem:
        raise DecisionError(problem)
    on = planned_day(decision)
    name, job, where = _snapshot(issuer=decision.issuer, staff=spec.staff, unit=spec.unit, on=on)
    line = DecisionLine(decision=decision, position=position, staff=spec.staff, unit=spec.unit, code=code,
                        award_name=award.name, year=spec.year or decision.award_year, name=name, job_title=job,
                        unit_name=where, note=spec.note, replaces=replaces)
    _fill_money(line, on, strict=False)  # a preview; fixed on the decision date when issued
    _clean(line)
    line.save()
    return line


def planned_day(decision: Decision) -> dt.date:
    """The day a draft's preview is computed for: its planned date, else its council session's."""
    if decision.date:
        return decision.date
    if decision.council_session_id:
        return decision.council_session.date
    return timezone.localdate()


def _next_position(decision: Decision) -> int:
    return (decision.lines.aggregate(m=Max("position"))["m"] or 0) + 1


# ---------------------------------------------------------------------------------------------
# drafts


def _minutes_citation(session: Any) -> str:
    if session is None or not session.minutes_number:
        return ""
    return f"Biên bản số {session.minutes_number_display} ngày {session.date:%d/%m/%Y} họp {session.council.name}"


def _refresh_default_bases(decision: Decision, day: dt.date) -> None:
    """Bases left as suggested for another regime are suggested again for the regime in force on
    the decision date (a draft made in December and issued in January may cross a new decree);
    bases the drafter edited are kept as written."""
    in_force = rule_set_on(day)
    if in_force is None or decision.kind != DecisionKind.AWARD:
        return
    minutes = _minutes_citation(decision.council_session)
    wanted = defaults.bases_for(decision.issuer, in_force.code, minutes=minutes)
    if decision.bases == wanted:
        return
    for code in rule_set_codes():
        if decision.bases == defaults.bases_for(decision.issuer, code, minutes=minutes):
            decision.bases = wanted
            return


@transaction.atomic
def decision_create(*, actor: Any, issuer: Unit, title: str, award_year: int, lines: Iterable[LineSpec] = (),
                    symbol: str = "", date: dt.date | None = None, bases: list[str] | None = None,
                    authority: str = "", article1: str = "", budget_source: str = "", executors: str = "",
                    recipients: list[str] | None = None, signer_authority: str = "", signer_title: str = "",
                    signer_position: str = "", signer_name: str = "", council_session: Any = None,
                    kind: str = DecisionKind.AWARD) -> Decision:
    """A draft decision of `issuer` with its lines. Texts left empty get the suggestions of
    decisions.defaults (symbol QĐ-<issuer>, authority, bases of the rule set in force, …)."""
    if not may_issue_for(actor, issuer):
        raise PermissionDenied("Bạn không có quyền lập quyết định của cơ quan này.")
    if issuer.kind not in (UnitKind.PROVINCE_BODY, UnitKind.AGENCY):
        raise DecisionError("Chỉ cơ quan cấp tỉnh hoặc cơ quan, đơn vị mới ban hành quyết định khen thưởng.")
    title = (title or "").strip()
    if not title:
        raise DecisionError("Cần ghi trích yếu của quyết định.")
    _check_session(issuer, council_session)
    # Bases are suggested for the regime of the planned date (else the council's session, else
    # today); issuing suggests them again if the regime of the date of issue differs.
    rule_set = rule_set_on(date or (council_session.date if council_session is not None else timezone.localdate()))
    minutes = _minutes_citation(council_session)
    head = defaults.head_title(issuer)
    decision = Decision(
        issuer=issuer, kind=kind, symbol=symbol.strip() or defaults.symbol_for(issuer), date=date,
        place=issuer.province.place_name, title=title, award_year=award_year,
        authority=authority or defaults.authority_for(issuer),
        bases=list(bases) if bases is not None else defaults.bases_for(
            issuer, rule_set.code if rule_set else None, minutes=minutes),
        article1=article1, budget_source=budget_source or defaults.budget_source_for(issuer),
        executors=executors or defaults.executors_for(issuer),
        recipients=list(recipients) if recipients is not None else defaults.recipients_for(issuer),
        signer_authority=signer_authority, signer_title=signer_title or (head if signer_authority else ""),
        signer_position=signer_position or head, signer_name=signer_name, council_session=council_session,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _clean(decision)
    decision.save()
    for i, spec in enumerate(lines, 1):
        _new_line(decision, spec, i)
    _event(decision, EventAction.CREATE, actor, before={}, changes={"lines": decision.lines.count()})
    return decision


@transaction.atomic
def decision_update(*, actor: Any, decision: Decision, **fields: Any) -> Decision:
    """Edit a draft (an issued decision is never edited: see decision_draft_correction)."""
    decision = _locked(decision)
    _require(actor, "edit", decision)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    before = snapshot(decision)
    changes = {}
    for name, value in fields.items():
        if name in ("bases", "recipients"):
            value = [str(v).strip() for v in value if str(v).strip()]
        elif isinstance(value, str):
            value = value.strip()
        old = getattr(decision, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value) if value is not None else None]
            setattr(decision, name, value)
    if not decision.title:
        raise DecisionError("Cần ghi trích yếu của quyết định.")
    if not decision.signer_position:
        raise DecisionError("Cần ghi chức vụ người ký.")
    if "council_session" in changes:
        _check_session(decision.issuer, decision.council_session)
    if changes:
        _clean(decision)
        decision.save()
        if "date" in changes:
            for line in decision.lines.all():
                _fill_money(line, planned_day(decision), strict=False)
                line.save(update_fields=["coefficient", "base_salary", "amount"])
        _event(decision, EventAction.EDIT, actor, before=before)
    return decision


@transaction.atomic
def decision_add_line(*, actor: Any, decision: Decision, code: str, staff: Staff | None = None,
                      unit: Unit | None = None, year: int | None = None, note: str = "") -> DecisionLine:
    decision = _locked(decision)
    _require(actor, "edit", decision)
    if decision.kind == DecisionKind.REVOCATION:
        raise DecisionError("Quyết định thu hồi không có danh sách khen thưởng mới.")
    spec = LineSpec(code=code, staff=staff, unit=unit, year=year, note=note)
    if decision.lines.filter(code=spec.code.strip().upper(), staff=staff, unit=unit,
                             year=year or decision.award_year).exists():
        raise DecisionError("Đối tượng này đã có trong danh sách với cùng danh hiệu, hình thức.")
    line = _new_line(decision, spec, _next_position(decision))
    versions.bump(draft_lines_key(decision.issuer.province_id))
    audit_record(actor=actor, action="decision.add_line", obj=decision, summary=str(line),
                 changes={"line": [None, str(line)]})
    return line


@transaction.atomic
def decision_remove_line(*, actor: Any, line: DecisionLine) -> None:
    decision = _locked(line.decision_id)
    _require(actor, "edit", decision)
    audit_record(actor=actor, action="decision.remove_line", obj=decision, summary=str(line),
                 changes={"line": [str(line), None]})
    DecisionLine.objects.filter(pk=line.pk, decision=decision).delete()
    versions.bump(draft_lines_key(decision.issuer.province_id))


@transaction.atomic
def decision_delete_draft(*, actor: Any, decision: Decision) -> None:
    """A draft has no number yet: deleting it frees nothing and loses nothing official."""
    decision = _locked(decision)
    _require(actor, "edit", decision)
    audit_record(actor=actor, action="decision.delete", obj=decision, summary=str(decision),
                 before=snapshot(decision), after={}, changes={"lines": [decision.lines.count(), None]})
    decision.delete()


# ---------------------------------------------------------------------------------------------
# corrections and revocations: new acts


def cite(target: Decision) -> str:
    """'Quyết định số 05/QĐ-UBND ngày 29 tháng 12 năm 2022 của Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên'."""
    return (f"Quyết định số {target.number_display} ngày {long_date(target.date)} của "
            f"{defaults.authority_name(target.issuer, on=target.date)}")


def _amendment_title(verb: str, target: Decision) -> str:
    return f"Về việc {verb} {cite(target)}"


@transaction.atomic
def decision_draft_correction(*, actor: Any, decision: Decision, reason: str, title: str = "") -> Decision:
    """A draft act correcting `decision`: add to it the lines it withdraws (decision_withdraw_line),
    replaces (decision_replace_line) or adds (decision_add_line), then issue it."""
    return _draft_amendment(actor=actor, decision=decision, reason=reason, title=title,
                            kind=DecisionKind.CORRECTION)


@transaction.atomic
def decision_draft_revocation(*, actor: Any, decision: Decision, reason: str, title: str = "") -> Decision:
    """A draft act revoking `decision` as a whole; issuing it withdraws every line still in force."""
    return _draft_amendment(actor=actor, decision=decision, reason=reason, title=title,
                            kind=DecisionKind.REVOCATION)


def _draft_amendment(*, actor: Any, decision: Decision, reason: str, title: str, kind: str) -> Decision:
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError("Cần ghi rõ lý do sửa đổi hoặc thu hồi quyết định.")
    target = _locked(decision)
    action = "revoke" if kind == DecisionKind.REVOCATION else "correct"
    _require(actor, action, target)
    verb = "thu hồi" if kind == DecisionKind.REVOCATION else "sửa đổi, bổ sung"
    rule_set = rule_set_on(timezone.localdate())
    bases = defaults.bases_for(target.issuer, rule_set.code if rule_set else None)
    title_of_target = target.title[:1].lower() + target.title[1:]
    bases.insert(len(bases) - 1, f"Căn cứ {cite(target)} {title_of_target};")
    draft = Decision(
        issuer=target.issuer, kind=kind, symbol=target.symbol, place=target.place,
        title=title.strip() or _amendment_title(verb, target), award_year=target.award_year,
        authority=target.authority, bases=bases, budget_source=target.budget_source,
        executors=target.executors, recipients=list(target.recipients),
        signer_authority=target.signer_authority, signer_title=target.signer_title,
        signer_position=target.signer_position, signer_name=target.signer_name, reason=reason,
        corrects=target if kind == DecisionKind.CORRECTION else None,
        revokes=target if kind == DecisionKind.REVOCATION else None,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _clean(draft)
    draft.save()
    _event(draft, EventAction.CREATE, actor, reason=reason, before={})
    return draft


def _amendable_line(correction: Decision, line: DecisionLine) -> DecisionLine:
    line = DecisionLine.objects.select_related("staff", "unit").get(pk=line.pk)  # as it is now, not as cached
    if correction.kind != DecisionKind.CORRECTION or correction.corrects_id is None:
        raise DecisionError("Chỉ quyết định sửa đổi, bổ sung mới thu hồi hoặc thay thế từng dòng.")
    if line.decision_id != correction.corrects_id:
        raise DecisionError("Dòng này không thuộc quyết định được sửa đổi.")
    if line.revoked_by_id is not None:
        raise DecisionError("Dòng này đã bị thu hồi hoặc thay thế trước đó.")
    return line


@transaction.atomic
def decision_withdraw_line(*, actor: Any, decision: Decision, line: DecisionLine) -> Decision:
    """In a correction draft: withdraw `line` of the corrected decision (no replacement)."""
    decision = _locked(decision)
    _require(actor, "edit", decision)
    line = _amendable_line(decision, line)
    decision.withdraws.add(line)
    audit_record(actor=actor, action="decision.withdraw_line", obj=decision, summary=str(line),
                 changes={"withdrawn_line": [None, str(line)]})
    return decision


@transaction.atomic
def decision_keep_line(*, actor: Any, decision: Decision, line: DecisionLine) -> Decision:
    """Undo decision_withdraw_line in a draft."""
    decision = _locked(decision)
    _require(actor, "edit", decision)
    decision.withdraws.remove(line)
    audit_record(actor=actor, action="decision.keep_line", obj=decision, summary=str(line),
                 changes={"withdrawn_line": [str(line), None]})
    return decision


@transaction.atomic
def decision_replace_line(*, actor: Any, decision: Decision, line: DecisionLine, code: str = "",
                          year: int | None = None, note: str = "") -> DecisionLine:
    """In a correction draft: a new line for the same person or collective (another code or year,
    or the name as it should have been printed) that replaces `line` of the corrected decision."""
    decision = _locked(decision)
    _require(actor, "edit", decision)
    line = _amendable_line(decision, line)
    if decision.lines.filter(replaces=line).exists():
        raise DecisionError("Dòng này đã có dòng thay thế trong dự thảo.")
    new = _new_line(decision, LineSpec(code=code or line.code, staff=line.staff, unit=line.unit,
                                       year=year or line.year, note=note), _next_position(decision), replaces=line)
    versions.bump(draft_lines_key(decision.issuer.province_id))
    audit_record(actor=actor, action="decision.replace_line", obj=decision, summary=str(new),
                 changes={"line": [str(line), str(new)]})
    return new


# ---------------------------------------------------------------------------------------------
# issuing


def _withdrawn_by(decision: Decision, lines: list[DecisionLine]) -> list[DecisionLine]:
    """Lines of the earlier decision that this act takes out of force."""
    if decision.kind == DecisionKind.REVOCATION:
        return list(decision.revokes.lines.filter(revoked_by__isnull=True))
    if decision.kind == DecisionKind.CORRECTION:
        ids = set(decision.withdraws.values_list("pk", flat=True)) | {ln.replaces_id for ln in lines if ln.replaces_id}
        return list(DecisionLine.objects.filter(pk__in=ids).order_by().select_for_update(of=("self",)))
    return []


def _check_no_double_award(decision: Decision, lines: list[DecisionLine], withdrawn: list[DecisionLine]) -> None:
    """One achievement earns one award: a person or collective already holding `code` for the year
    by a decision in force is not awarded it again (unless this act withdraws that line)."""
    freed = {ln.pk for ln in withdrawn}
    for line in lines:
        clash = (DecisionLine.objects.filter(code=line.code, year=line.year, staff=line.staff, unit=line.unit,
                                             decision__status=DecisionStatus.ISSUED, revoked_by__isnull=True)
                 .exclude(pk__in=freed).select_related("decision").first())
        if clash:
            raise DecisionError(f"{line.name} đã được {line.award_name} năm {line.year} theo "
                                f"{clash.decision}; không khen thưởng hai lần cho một thành tích.")
    for line, record in history.recorded_titles(lines, exclude_lines=withdrawn):
        where = f" theo quyết định số {record.decision_number}" if record.decision_number else ""
        raise DecisionError(f"{line.name} đã có danh hiệu {line.award_name} năm {line.year} trong lịch sử khen "
                            f"thưởng{where}; không khen thưởng hai lần cho một thành tích.")


@transaction.atomic
def decision_issue(*, actor: Any, decision: Decision, date: dt.date | None = None,
                   number: int | None = None) -> Decision:
    """Issue a draft: date it (default: today), compute each line's money from the coefficient and
    base salary in force on that date, give it the next number of the issuer's register for the
    symbol and year (or `number`, given by the văn thư by hand, if not used yet), take out of force
    the lines an amending act withdraws, and write the award history."""
    decision = _locked(decision)
    _require(actor, "issue", decision)
    before = snapshot(decision)
    day = date or decision.date or timezone.localdate()
    if bounds.year_error(day.year):
        raise DecisionError(f"Ngày ký {day:%d/%m/%Y}: {bounds.year_error(day.year)}")
    if number is not None and not 1 <= number <= bounds.number_max():
        raise DecisionError(f"Số quyết định phải từ 1 đến {bounds.number_max()}.")
    lines = list(decision.lines.select_related("staff", "staff__agency", "staff__department", "unit",
                                               "unit__parent").order_by("position", "id"))
    target = decision.amends
    if target is not None:
        target = _locked(target)
        if target.status != DecisionStatus.ISSUED:
            raise DecisionError(f"{target} không còn hiệu lực nên không sửa đổi, thu hồi được.")
        if day < target.date:
            raise DecisionError("Ngày ký phải sau ngày của quyết định được sửa đổi, thu hồi.")
    withdrawn = _withdrawn_by(decision, lines)
    if decision.kind == DecisionKind.AWARD and not lines:
        raise DecisionError("Danh sách khen thưởng đang trống.")
    if decision.kind == DecisionKind.CORRECTION and not lines and not withdrawn:
        raise DecisionError("Quyết định sửa đổi chưa có nội dung: chưa thu hồi, thay thế hay bổ sung dòng nào.")
    for old in withdrawn:
        if old.revoked_by_id is not None or old.decision_id != target.pk:
            raise DecisionError(f"Dòng “{old}” đã bị thu hồi hoặc không thuộc quyết định được sửa đổi.")
    _check_no_double_award(decision, lines, withdrawn)

    coefficient_bases, salary_bases, salaries = set(), set(), set()
    try:
        for line in lines:
            line.name, line.job_title, line.unit_name = _snapshot(issuer=decision.issuer, staff=line.staff,
                                                                  unit=line.unit, on=day)
            money = _fill_money(line, day, strict=True)
            line.save()
            coefficient_bases.add(money.coefficient_basis)
            salary_bases.add(money.salary_basis)
            salaries.add(money.base_salary)
    except MoneyError as exc:
        raise DecisionError(str(exc)) from exc
    if lines:
        decision.money_basis = money_basis_text(coefficient_bases, max(salaries), salary_bases)[:300]

    used = (Decision.objects.filter(issuer=decision.issuer, symbol=decision.symbol, year=day.year)
            .aggregate(m=Max("number"))["m"] or 0)
    try:
        decision.number = take_number(issuer_id=decision.issuer_id, symbol=decision.symbol, year=day.year,
                                      used=used, wanted=number)
    except ValueError as exc:
        raise DecisionError(str(exc)) from exc
    _refresh_default_bases(decision, day)
    decision.year = day.year
    decision.date = day
    decision.status = DecisionStatus.ISSUED
    decision.issued_at = timezone.now()
    decision.issued_by = actor if getattr(actor, "pk", None) else None
    _clean(decision)
    decision.save()

    if withdrawn:
        DecisionLine.objects.filter(pk__in=[ln.pk for ln in withdrawn]).update(revoked_by=decision)
        history.remove_awards(withdrawn, by=decision)
    if target is not None:
        if decision.kind == DecisionKind.REVOCATION:
            revoked = snapshot(target)
            target.status = DecisionStatus.REVOKED
            target.save(update_fields=["status"])
            _event(target, EventAction.REVOKED, actor, reason=decision.reason, by=decision, before=revoked)
        else:
            _event(target, EventAction.CORRECTED, actor, reason=decision.reason, by=decision)
    history.record_awards(decision, lines)
    changes: dict[str, Any] = {"lines": len(lines), "total": sum(ln.amount or 0 for ln in lines)}
    if withdrawn:
        changes["withdrawn_line"] = "; ".join(str(ln) for ln in withdrawn)
    _event(decision, EventAction.ISSUE, actor, before=before, changes=changes)
    return decision


# --- certificate print positions ------------------------------------------------------------------

MAX_OFFSET_MM = 100


@transaction.atomic
def certificate_layout_save(*, actor: Any, province: Any, code: str, offset_x: float, offset_y: float,
                            field_offsets: dict[str, tuple[float, float]], fields: Iterable[str]) -> CertificateLayout:
    """Save where a province's blanks of one title or form want the fields (mm offsets)."""
    if not may_edit_layout(actor, province):
        raise PermissionDenied("Chỉ cán bộ Ban Thi đua – Khen thưởng của tỉnh chỉnh được vị trí in trên phôi.")
    if not AwardType.objects.filter(code=code).exists():
        raise DecisionError("Không có danh hiệu, hình thức này trong danh mục.")
    known = set(fields)
    values = [offset_x, offset_y, *(v for pair in field_offsets.values() for v in pair)]
    if set(field_offsets) - known:
        raise DecisionError("Có ô không thuộc mẫu in.")
    if any(abs(float(v)) > MAX_OFFSET_MM for v in values):
        raise DecisionError(f"Mỗi độ dịch chỉ trong khoảng ±{MAX_OFFSET_MM} mm.")
    layout, _ = CertificateLayout.objects.select_for_update().get_or_create(province=province, code=code)
    before = snapshot(layout)
    layout.offset_x, layout.offset_y = round(offset_x, 1), round(offset_y, 1)
    layout.field_offsets = {k: [round(float(dx), 1), round(float(dy), 1)] for k, (dx, dy) in field_offsets.items()
                            if dx or dy}
    layout.updated_by = actor if getattr(actor, "pk", None) else None
    layout.full_clean()
    layout.save()
    audit_record(actor=actor, action="certificate_layout.save", obj=layout, summary=f"Vị trí in phôi {code}",
                 before=before)
    return layout
