"""Every write of the year end: keyword-only, atomic (the nomination row locked), permission-checked
through `yearend.policy` (on accounts.scope), recorded as a `NominationEvent` (who, when, from
which state, why) and in the audit log.

Ratings are written by `thidua.evaluation.services` (the grid calls `rating_set` and
`collective_rating_set` directly); council ballots by `thidua.councils.services`; the decision by
`thidua.decisions.services` — a nomination only links to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from thidua.audit.services import audit_record, snapshot
from thidua.catalog.models import AwardType
from thidua.catalog.subjects import subject_error
from thidua.core import bounds
from thidua.councils.models import BallotResult, Session
from thidua.councils.services import CouncilError, ballot_record, session_add_candidate, session_close
from thidua.decisions.defaults import award_title
from thidua.decisions.formatting import short_unit_name
from thidua.decisions.models import Decision
from thidua.decisions.numbering import take_number
from thidua.decisions.services import LineSpec, decision_create, decision_issue
from thidua.emulation.models import Registration
from thidua.organizations.models import Staff, Unit, UnitKind
from thidua.organizations.policy import can_record_evaluation

from . import policy
from .models import (
    EventAction,
    IndividualRegistration,
    Level,
    LineStatus,
    Nomination,
    NominationEvent,
    NominationLine,
    NominationStatus,
)
from .selectors import proposal_quotas


class NominationError(ValueError):
    """A change the rules of nominations do not allow; the message is for the user (Vietnamese)."""


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(f"Bạn không có quyền {what}.")


def _locked(nomination: Nomination | int) -> Nomination:
    pk = nomination.pk if isinstance(nomination, Nomination) else nomination
    return Nomination.objects.select_for_update(of=("self",)).select_related(
        "unit", "unit__province", "council_session", "council_session__council",
        "council_session__council__owner").get(pk=pk)


def _event(nomination: Nomination, action: str, actor: Any, *, before: str = "", reason: str = "",
           line: NominationLine | None = None, changes: dict | None = None, fields: dict | None = None) -> None:
    """The step of the dossier's workflow (its timeline, `NominationEvent`: from which status to
    which, why) and the audit row: the status before and after, the line concerned and its new
    status, the reason, and with `fields` (a snapshot before) every field that changed."""
    NominationEvent.objects.create(
        nomination=nomination, line=line, action=action, from_status=before, to_status=nomination.status,
        actor=actor if getattr(actor, "pk", None) else None, reason=reason)
    extra: dict[str, Any] = {}
    if before != nomination.status and fields is None:
        extra["status"] = [NominationStatus(before).label if before else None, nomination.get_status_display()]
    if line is not None:
        extra["line"] = str(line)
        extra["line_status"] = line.get_status_display()
    if reason:
        extra["reason"] = reason
    extra.update(changes or {})
    audit_record(actor=actor, action=f"nomination.{action}", obj=nomination,
                 summary=f"{nomination}{f' – {line}' if line else ''}", before=fields, changes=extra)


def _award(code: str) -> AwardType:
    award = AwardType.objects.filter(code=code).first()
    if award is None:
        raise NominationError(f"Mã {code} không có trong danh mục danh hiệu, hình thức khen thưởng.")
    return award


# --- individual registrations -----------------------------------------------------------------


@transaction.atomic
def individual_registration_set(*, actor: Any, staff: Staff, year: int, code: str) -> IndividualRegistration | None:
    """The title `staff` registers for in `year` (an empty code removes the registration)."""
    _require(can_record_evaluation(actor, staff.agency), "ghi đăng ký thi đua cho cán bộ của đơn vị này")
    code = (code or "").strip().upper()
    current = IndividualRegistration.objects.select_for_update().filter(staff=staff, year=year).order_by().first()
    before = current.code if current else ""
    if not code:
        if current is not None:
            audit_record(actor=actor, action="individual_registration.delete", obj=current,
                         summary=f"{staff} – {year}: {before} → ∅", before=snapshot(current), after={})
            current.delete()
        return None
    award = _award(code)
    if not award.allows_individual():
        raise ValidationError({"code": f"«{award.name}» chỉ xét tặng cho tập thể."})
    obj = current or IndividualRegistration(staff=staff, year=year)
    snap = snapshot(obj) if current else {}
    obj.code = code
    obj.registered_by = actor if getattr(actor, "pk", None) else None
    obj.save()
    if before != code:
        audit_record(actor=actor, action="individual_registration.set", obj=obj,
                     summary=f"{staff} – {year}: {before or '∅'} → {code}",
                     before=snap)
    return obj


# --- nominations: drafting --------------------------------------------------------------------


def default_texts(unit: Unit, year: int, level: str) -> dict[str, str]:
    """Suggested texts of a new nomination; the signer is the one of the agency's registration of
    that year when there is one ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")."""
    place = unit.province.place_name
    addressee = (f"Hội đồng Thi đua – Khen thưởng tỉnh {place}" if level == Level.PROVINCE
                 else f"Hội đồng Thi đua – Khen thưởng {short_unit_name(unit, province_id=unit.province_id)}")
    reg = Registration.objects.filter(unit=unit, year=year).first()
    head = (reg.signer_authority_title if reg and reg.signer_authority_title else "GIÁM ĐỐC")
    return {
        "title": f"Về việc đề nghị xét tặng danh hiệu thi đua, hình thức khen thưởng năm {year}",
        "addressee": addressee,
        "symbol": f"TTr-{unit.symbol}" if unit.symbol else "TTr",
        "signer_authority": reg.signer_authority if reg else "",
        "signer_title": head if reg and reg.signer_authority else "",
        "signer_position": (reg.signer_position if reg and reg.signer_position else head),
        "signer_name": reg.signer_name if reg else "",
    }


EDITABLE_FIELDS = ("title", "addressee", "body", "level", "symbol", "signer_authority", "signer_title",
                   "signer_position", "signer_name")


@transaction.atomic
def nomination_create(*, actor: Any, unit: Unit, year: int, level: str = Level.PROVINCE, **fields: Any
                      ) -> Nomination:
    """A draft dossier of `unit` for `year`, to its own council (level "unit") or the province."""
    _require(can_record_evaluation(actor, unit), "lập hồ sơ đề nghị khen thưởng của đơn vị này")
    if unit.kind != UnitKind.AGENCY:
        raise NominationError("Hồ sơ đề nghị khen thưởng do cơ quan, đơn vị lập.")
    if level not in Level.values:
        raise NominationError("Cấp trình không hợp lệ.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    values = default_texts(unit, year, level)
    values.update({k: v.strip() if isinstance(v, str) else v for k, v in fields.items() if v})
    nomination = Nomination(unit=unit, year=year, level=level,
                            created_by=actor if getattr(actor, "pk", None) else None, **values)
    bounds.clean(nomination, error=NominationError)
    nomination.save()
    _event(nomination, EventAction.CREATE, actor, fields={})
    return nomination


@transaction.atomic
def nomination_update(*, actor: Any, nomination: Nomination, **fields: Any) -> Nomination:
    nomination = _locked(nomination)
    _require(policy.can(actor, "edit", nomination), "sửa hồ sơ này")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    before = snapshot(nomination)
    changes = {}
    for name, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(nomination, name) != value:
            changes[name] = [getattr(nomination, name), value]
            setattr(nomination, name, value)
    if nomination.level not in Level.values:
        raise NominationError("Cấp trình không hợp lệ.")
    if not nomination.title or not nomination.addressee:
        raise NominationError("Cần ghi trích yếu và nơi nhận (kính gửi) của tờ trình.")
    if changes:
        # Lengths and choices checked here: PostgreSQL refuses an over-long text with an error, SQLite keeps it.
        bounds.clean(nomination, error=NominationError)
        nomination.save()
        audit_record(actor=actor, action="nomination.edit", obj=nomination, summary=str(nomination), before=before)
    return nomination


def _check_subject(nomination: Nomination, award: AwardType, staff: Staff | None, unit: Unit | None) -> None:
    """A nomination proposes the agency's own people and collectives (catalog.subjects)."""
    problem = subject_error(award, owner=nomination.unit, staff=staff, unit=unit)
    if problem:
        raise NominationError(problem)


@transaction.atomic
def nomination_add_line(*, actor: Any, nomination: Nomination, code: str, staff: Staff | None = None,
                        unit: Unit | None = None, summary: str = "") -> NominationLine:
    nomination = _locked(nomination)
    _require(policy.can(actor, "edit", nomination), "sửa hồ sơ này")
    code = (code or "").strip().upper()
    award = _award(code)
    _check_subject(nomination, award, staff, unit)
    if nomination.lines.filter(code=code, staff=staff, unit=unit).exists():
        raise NominationError(f"{staff or unit} đã có trong hồ sơ với «{award.name}».")
    position = (nomination.lines.aggregate(m=Max("position"))["m"] or 0) + 1
    line = NominationLine.objects.create(nomination=nomination, position=position, staff=staff, unit=unit,
                                         code=code, summary=summary.strip())
    audit_record(actor=actor, action="nomination.add_line", obj=nomination, summary=str(line),
                 changes={"line": [None, str(line)]})
    return line


@transaction.atomic
def nomination_remove_line(*, actor: Any, line: NominationLine) -> None:
    nomination = _locked(line.nomination_id)
    _require(policy.can(actor, "edit", nomination), "sửa hồ sơ này")
    audit_record(actor=actor, action="nomination.remove_line", obj=nomination, summary=str(line),
                 changes={"line": [str(line), None]})
    NominationLine.objects.filter(pk=line.pk, nomination=nomination).delete()


# --- nominations: the way up ------------------------------------------------------------------


@transaction.atomic
def nomination_submit(*, actor: Any, nomination: Nomination, date: dt.date | None = None,
                      number: int | None = None) -> Nomination:
    """Send the dossier: at least one line, every quota of the year respected over the whole
    proposal; the tờ trình takes the next number of the agency's register (kept when a returned
    dossier is sent again)."""
    nomination = _locked(nomination)
    _require(policy.can(actor, "submit", nomination), "gửi hồ sơ này")
    if not nomination.lines.exclude(status=LineStatus.RETURNED).exists():
        raise NominationError("Hồ sơ chưa có đề nghị nào.")
    if nomination.level == Level.PROVINCE:
        _check_quotas(proposal_quotas(nomination), "Số đề nghị")
    day = date or nomination.doc_date or timezone.localdate()
    if nomination.number is None:
        used = (Nomination.objects.filter(unit=nomination.unit, symbol=nomination.symbol, doc_date__year=day.year)
                .aggregate(m=Max("number"))["m"] or 0)
        try:
            nomination.number = take_number(issuer_id=nomination.unit_id, symbol=nomination.symbol, year=day.year,
                                            used=used, wanted=number)
        except ValueError as exc:
            raise NominationError(str(exc)) from exc
    nomination.doc_date = day
    before, nomination.status = nomination.status, NominationStatus.SUBMITTED
    nomination.save()
    _event(nomination, EventAction.SUBMIT, actor, before=before, changes={"number": nomination.number_display})
    return nomination


def _check_quotas(checks, what: str) -> None:
    """A proposal to the province, or what a council passed, must keep within every quota of the year
    (a unit-level proposal may exceed it: the agency's council chooses)."""
    over = [q for q in checks if q.exceeded]
    if over:
        raise NominationError(" ".join(
            f"{what} {q.code} ({q.count}) vượt giới hạn {q.ratio_percent.normalize():f}% của {q.base_code} "
            f"({q.base_count}): tối đa {q.cap} ({q.basis})." for q in over))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise NominationError("Cần ghi lý do.")
    return reason


@transaction.atomic
def nomination_return_line(*, actor: Any, line: NominationLine, reason: str) -> NominationLine:
    """The appraiser returns one line with its reason; the rest of the dossier goes on."""
    nomination = _locked(line.nomination_id)
    _require(policy.can(actor, "appraise", nomination), "thẩm định hồ sơ này")
    reason = _reason(reason)
    line = NominationLine.objects.select_for_update().order_by().get(pk=line.pk, nomination=nomination)
    if line.status == LineStatus.RETURNED:
        raise NominationError("Đề nghị này đã bị trả lại.")
    line.status, line.return_reason = LineStatus.RETURNED, reason
    line.save(update_fields=["status", "return_reason"])
    _event(nomination, EventAction.RETURN_LINE, actor, before=nomination.status, reason=reason, line=line)
    return line


@transaction.atomic
def nomination_return(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    """The appraiser returns the whole dossier to its drafter (back to draft), with the reason."""
    nomination = _locked(nomination)
    _require(policy.can(actor, "appraise", nomination), "thẩm định hồ sơ này")
    reason = _reason(reason)
    before, nomination.status = nomination.status, NominationStatus.DRAFT
    nomination.save(update_fields=["status"])
    _event(nomination, EventAction.RETURN, actor, before=before, reason=reason)
    return nomination


@transaction.atomic
def nomination_appraise(*, actor: Any, nomination: Nomination, note: str = "") -> Nomination:
    """Appraisal done: the lines not returned go on to the council."""
    nomination = _locked(nomination)
    _require(policy.can(actor, "appraise", nomination), "thẩm định hồ sơ này")
    if not nomination.lines.filter(status=LineStatus.PROPOSED).exists():
        raise NominationError("Mọi đề nghị trong hồ sơ đã bị trả lại; hãy trả lại cả hồ sơ.")
    before, nomination.status = nomination.status, NominationStatus.APPRAISED
    nomination.save(update_fields=["status"])
    _event(nomination, EventAction.APPRAISE, actor, before=before, reason=note.strip())
    return nomination


@transaction.atomic
def nomination_to_council(*, actor: Any, nomination: Nomination, session: Session) -> Nomination:
    """Put every line still proposed on the agenda of `session` (councils' session_add_candidate):
    the agency's own council for a unit-level dossier, the province's for a provincial one."""
    nomination = _locked(nomination)
    _require(policy.can(actor, "council", nomination), "đưa hồ sơ này ra hội đồng")
    if not policy.council_hears(session.council, nomination):
        raise NominationError(f"Hồ sơ trình {nomination.get_level_display().lower()} không xét tại {session.council}.")
    if not session.is_open:
        raise NominationError("Phiên họp đã kết thúc.")
    lines = list(nomination.lines.filter(status=LineStatus.PROPOSED).select_related("staff", "unit"))
    for line in lines:
        line.candidate = session_add_candidate(
            actor=actor, session=session, code=line.code, year=nomination.year, staff=line.staff, unit=line.unit,
            note=f"Tờ trình số {nomination.number_display}"[:255])
        line.save(update_fields=["candidate"])
    nomination.council_session = session
    before, nomination.status = nomination.status, NominationStatus.COUNCIL
    nomination.save(update_fields=["council_session", "status"])
    _event(nomination, EventAction.COUNCIL, actor, before=before, changes={"council_session": str(session),
                                                                          "candidates": len(lines)})
    return nomination


@transaction.atomic
def nomination_record_ballots(*, actor: Any, nomination: Nomination, counts: dict[int, tuple[Any, Any, Any]],
                              close: bool = False) -> int:
    """The ballot counts of several lines at once ({line id: (yes, no, invalid) as typed}; a line
    left wholly blank is skipped): all recorded or none, every bad line named. With `close`, the
    session is then closed (minutes numbered). Returns the number of lines recorded."""
    lines = {line.pk: line for line in nomination.lines.select_related("candidate").all() if line.candidate_id}
    filled = {pk: c for pk, c in counts.items() if pk in lines and any(str(v or "").strip() for v in c)}
    if not filled and not close:
        raise NominationError("Chưa nhập số phiếu của đề nghị nào.")
    problems = []
    for pk, (yes, no, invalid) in filled.items():
        try:
            nomination_record_ballot(actor=actor, line=lines[pk], yes=yes, no=no, invalid=invalid or 0)
        except (CouncilError, NominationError, ValidationError) as exc:
            # Each line is its own savepoint: the others are still checked, so every mistake is
            # named at once; the error below then undoes the lines that went through.
            problems.append(f"{lines[pk].subject_name} ({lines[pk].code}): {exc}")
    if problems:
        raise NominationError("Chưa ghi kết quả nào. " + " ".join(problems))
    if close:
        session_close(actor=actor, session=nomination.council_session)
    return len(filled)


@transaction.atomic
def nomination_record_ballot(*, actor: Any, line: NominationLine, yes: int, no: int, invalid: int = 0):
    """The counted ballots of one line, through councils' ballot_record (counts only)."""
    nomination = _locked(line.nomination_id)
    _require(policy.can(actor, "ballot", nomination), "ghi kết quả bỏ phiếu của hội đồng này")
    line = NominationLine.objects.select_related("candidate").get(pk=line.pk, nomination=nomination)
    if line.candidate is None:
        raise NominationError("Đề nghị này không có trong chương trình họp.")
    ballot = ballot_record(actor=actor, candidate=line.candidate, yes=yes, no=no, invalid=invalid)
    line.status = LineStatus.PASSED if ballot.passed else LineStatus.FAILED
    line.save(update_fields=["status"])
    _event(nomination, EventAction.BALLOT, actor, before=nomination.status, line=line,
           reason=f"Tán thành {ballot.yes}, không tán thành {ballot.no}, không hợp lệ {ballot.invalid}: "
                  f"{'đạt' if ballot.passed else 'không đạt'}")
    return ballot


@transaction.atomic
def nomination_decide(*, actor: Any, nomination: Nomination, title: str = "", issue: bool = False,
                      date: dt.date | None = None) -> Decision:
    """After the council's minutes: a draft decision (decisions' decision_create, issuer the owner of
    the council) listing the lines whose ballot passed; `issue` issues it at once (decision_issue:
    number, money, award history)."""

    nomination = _locked(nomination)
    _require(policy.can(actor, "decide", nomination), "lập quyết định cho hồ sơ này")
    session = nomination.council_session
    if session.is_open:
        raise NominationError("Phiên họp chưa kết thúc, chưa lập biên bản.")
    lines = list(nomination.lines.exclude(status=LineStatus.RETURNED).select_related("staff", "unit"))
    passed = dict(BallotResult.objects.filter(candidate_id__in=[ln.candidate_id for ln in lines if ln.candidate_id])
                  .values_list("candidate_id", "passed"))
    for line in lines:
        status = LineStatus.PASSED if passed.get(line.candidate_id) else LineStatus.FAILED
        if line.status != status:
            line.status = status
            line.save(update_fields=["status"])
    chosen = [ln for ln in lines if ln.status == LineStatus.PASSED]
    if not chosen:
        raise NominationError("Không có đề nghị nào đạt số phiếu cần thiết.")
    _check_quotas(proposal_quotas(nomination, passed_only=True), "Số được Hội đồng tán thành")
    decision = decision_create(
        actor=actor, issuer=session.council.owner, title=title.strip() or award_title(
            [ln.code for ln in chosen], nomination.year),
        award_year=nomination.year, council_session=session, date=date,
        lines=[LineSpec(code=ln.code, staff=ln.staff, unit=ln.unit, year=nomination.year) for ln in chosen])
    by_subject = {(dl.staff_id, dl.unit_id, dl.code): dl for dl in decision.lines.all()}
    for line in chosen:
        line.decision_line = by_subject.get((line.staff_id, line.unit_id, line.code))
        line.save(update_fields=["decision_line"])
    nomination.decision = decision
    before, nomination.status = nomination.status, NominationStatus.DECIDED
    nomination.save(update_fields=["decision", "status"])
    _event(nomination, EventAction.DECIDE, actor, before=before, changes={"decision": str(decision),
                                                                         "lines": len(chosen)})
    if issue:
        decision = decision_issue(actor=actor, decision=decision, date=date)
    return decision


@transaction.atomic
def nomination_withdraw(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    """The agency takes its dossier back (until it reaches a council), with the reason."""
    nomination = _locked(nomination)
    _require(policy.can(actor, "withdraw", nomination), "rút hồ sơ này")
    reason = _reason(reason)
    before, nomination.status = nomination.status, NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status"])
    _event(nomination, EventAction.WITHDRAW, actor, before=before, reason=reason)
    return nomination
