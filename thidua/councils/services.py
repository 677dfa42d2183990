"""Every change to councils, sessions and ballots: permission check (councils.policy), one
transaction with the session row locked, the audit row. Views, the demo and commands call these.

Ballots are recorded as counts (tán thành, không tán thành, không hợp lệ) per candidate; there is no
way to record, and nowhere to keep, who voted how."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from thidua.audit.services import audit_record, snapshot
from thidua.catalog.models import AwardType, RuleSet
from thidua.catalog.selectors import threshold_for
from thidua.catalog.subjects import subject_error
from thidua.core import bounds
from thidua.decisions import defaults as decision_defaults
from thidua.decisions import services as decisions
from thidua.decisions.models import Decision
from thidua.decisions.numbering import take_number
from thidua.organizations.authority import governs
from thidua.organizations.models import Staff, Unit, UnitKind
from thidua.rules import tally

from . import selectors
from .models import (
    BallotResult,
    Candidate,
    Council,
    CouncilMember,
    MemberRole,
    Presence,
    Session,
    SessionAttendance,
    SessionStatus,
)
from .policy import can_run

# More ballots than any council has members: a typing slip, refused before the tally.
MAX_BALLOTS = 1000


class CouncilError(ValueError):
    """A change the council's rules do not allow; the message is for the user (Vietnamese)."""


def _require(actor: Any, council: Council) -> None:
    if not can_run(actor, council):
        raise PermissionDenied("Bạn không có quyền quản lý hội đồng này.")


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update(of=("self",)).select_related("council", "council__owner", "rule_set").get(
        pk=session.pk
    )


def _require_open(session: Session) -> None:
    if not session.is_open:
        raise CouncilError("Phiên họp đã kết thúc và đã lập biên bản; không sửa được kết quả.")


@transaction.atomic
def council_create(*, actor: Any, owner: Unit, name: str = "", basis: str = "",
                   active_from: dt.date | None = None) -> Council:
    # The province's council is "Hội đồng Thi đua – Khen thưởng tỉnh X", not "… Ủy ban nhân dân tỉnh X".
    default = (f"Hội đồng Thi đua – Khen thưởng tỉnh {owner.province.name}" if owner.kind == UnitKind.PROVINCE_BODY
               else f"Hội đồng Thi đua – Khen thưởng {owner.name}")
    council = Council(owner=owner, name=name.strip() or default,
                      basis=basis, active_from=active_from)
    _require(actor, council)
    bounds.clean(council, error=CouncilError)
    council.save()
    audit_record(actor=actor, action="council.create", obj=council, summary=council.name, before={})
    return council


@transaction.atomic
def council_add_member(*, actor: Any, council: Council, full_name: str, role: str = MemberRole.MEMBER,
                       position: str = "", staff: Staff | None = None, valid_from: dt.date | None = None,
                       valid_to: dt.date | None = None) -> CouncilMember:
    _require(actor, council)
    full_name = (full_name or (staff.full_name if staff else "")).strip()
    if not full_name:
        raise CouncilError("Cần ghi họ và tên thành viên.")
    if role not in MemberRole.values:
        raise CouncilError(f"Chức danh trong hội đồng không hợp lệ: {role}.")
    # A member linked to a person's record is one of the owner's people (members from outside, as
    # on the provincial council, are named without a record).
    if staff is not None and not governs(council.owner, staff=staff):
        raise CouncilError(f"{staff} không phải cán bộ của {council.owner}; thành viên từ nơi khác thì chỉ ghi họ tên.")
    member = CouncilMember(council=council, full_name=full_name, role=role, position=position,
                           staff=staff, valid_from=valid_from, valid_to=valid_to)
    bounds.clean(member, error=CouncilError)
    member.save()
    audit_record(actor=actor, action="council.add_member", obj=council, summary=str(member),
                 changes={"member": f"{member.full_name} ({member.get_role_display()})"})
    return member


@transaction.atomic
def council_end_member(*, actor: Any, member: CouncilMember, on: dt.date) -> CouncilMember:
    """The member leaves the council after `on` (kept for past sessions and their minutes)."""
    _require(actor, member.council)
    before = member.valid_to
    member.valid_to = on
    member.save(update_fields=["valid_to"])
    audit_record(actor=actor, action="council.end_member", obj=member.council, summary=str(member),
                 changes={"member": member.full_name, "member_until": [before, on]})
    return member


@transaction.atomic
def session_create(*, actor: Any, council: Council, date: dt.date, year: int, place: str = "",
                   purpose: str = "", rule_set: RuleSet | None = None, start_time: dt.time | None = None
                   ) -> Session:
    """A session with every member of that day on its attendance list (present by default). The
    thresholds come from `rule_set`, by default the one in force on the day of the session."""
    _require(actor, council)
    rule_set = rule_set or RuleSet.objects.in_force_on(date).first()
    if rule_set is None:
        raise CouncilError(f"Không có bộ quy định nào có hiệu lực vào ngày {date:%d/%m/%Y}.")
    members = list(council.members_on(date))
    if not members:
        raise CouncilError("Hội đồng chưa có thành viên vào ngày họp.")
    session = Session(
        council=council, date=date, year=year, place=place.strip(), rule_set=rule_set, start_time=start_time,
        purpose=purpose or f"Xét tặng danh hiệu thi đua, hình thức khen thưởng năm {year}", created_by=actor
        if getattr(actor, "pk", None) else None,
    )
    bounds.clean(session, error=CouncilError)
    session.save()
    SessionAttendance.objects.bulk_create(SessionAttendance(session=session, member=m) for m in members)
    audit_record(actor=actor, action="session.create", obj=session, summary=str(session), before={},
                 changes={"members": len(members)})
    return session


@transaction.atomic
def session_set_attendance(*, actor: Any, session: Session, presence: dict[int, str]) -> Session:
    """Set who attended ({member id: 'present'|'written'|'absent'}); ballots already recorded are
    judged again, since quorum and the base of the ratio depend on attendance."""
    session = _locked(session)
    _require(actor, session.council)
    _require_open(session)
    rows = {a.member_id: a for a in session.attendance.select_related("member")}
    changes = {}
    for member_id, value in presence.items():
        if value not in Presence.values:
            raise CouncilError(f"Giá trị tham dự không hợp lệ: {value}.")
        row = rows.get(int(member_id))
        if row is None:
            raise CouncilError("Thành viên không thuộc hội đồng vào ngày họp.")
        if row.presence != value:
            changes[row.member.full_name] = [row.get_presence_display(), Presence(value).label]
            row.presence = value
            row.save(update_fields=["presence"])
    if changes:
        for ballot in selectors.ballots_of(session):
            try:
                _judge(ballot, ballot.candidate, session)
            except ValueError as exc:
                raise CouncilError(f"{ballot.candidate}: {exc} Hãy sửa số phiếu trước khi sửa thành phần "
                                   "dự họp.") from exc
            ballot.save()
        audit_record(actor=actor, action="session.attendance", obj=session, summary=str(session), changes=changes)
    return session


@transaction.atomic
def session_add_candidate(*, actor: Any, session: Session, code: str, year: int | None = None,
                          staff: Staff | None = None, unit: Unit | None = None, note: str = "") -> Candidate:
    """Put a person (staff) or a collective (unit) on the agenda for a title or form."""
    session = _locked(session)
    _require(actor, session.council)
    _require_open(session)
    code = code.strip().upper()
    award = AwardType.objects.filter(code=code).first()
    if award is None:
        raise CouncilError(f"Mã {code} không có trong danh mục danh hiệu, hình thức khen thưởng.")
    problem = subject_error(award, owner=session.council.owner, staff=staff, unit=unit)
    if problem:
        raise CouncilError(problem)
    year = year or session.year
    if session.candidates.filter(code=code, year=year, staff=staff, unit=unit).exists():
        raise CouncilError("Đối tượng này đã có trong chương trình họp với cùng danh hiệu, hình thức.")
    position = (session.candidates.aggregate(m=Max("position"))["m"] or 0) + 1
    candidate = Candidate(session=session, position=position, staff=staff, unit=unit, code=code, year=year,
                          note=note)
    bounds.clean(candidate, error=CouncilError)
    candidate.save()
    audit_record(actor=actor, action="session.add_candidate", obj=session, summary=str(candidate),
                 changes={"candidate": [None, str(candidate)]})
    return candidate


@transaction.atomic
def session_remove_candidate(*, actor: Any, candidate: Candidate) -> None:
    session = _locked(candidate.session)
    _require(actor, session.council)
    _require_open(session)
    audit_record(actor=actor, action="session.remove_candidate", obj=session, summary=str(candidate),
                 changes={"candidate": [str(candidate), None]})
    candidate.delete()


def _judge(ballot: BallotResult, candidate: Candidate, session: Session) -> tally.Tally:
    threshold = threshold_for(candidate.code, rule_set=session.rule_set, on=session.date,
                                        province_id=session.council.owner.province_id)
    if threshold is None:
        raise CouncilError(f"Chưa có ngưỡng biểu quyết cho {candidate.code} theo bộ quy định "
                           f"{session.rule_set.code}; quản trị viên cần bổ sung.")
    result = tally.tally(ballot.yes, ballot.no, ballot.invalid, attendance=selectors.attendance(session),
                         threshold=threshold.as_rule())
    ballot.passed = result.passed
    ballot.required_yes = result.required_yes
    ballot.base = result.base
    ballot.threshold = threshold
    of_what = "tổng số thành viên hội đồng" if threshold.approval_base == "all" else "số thành viên tham gia"
    ballot.threshold_text = (f"Dự họp ≥ {threshold.quorum.label()} số thành viên; tán thành ≥ "
                             f"{threshold.approval.label()} {of_what}")
    ballot.basis = threshold.basis
    return result


BALLOT_LABELS = {"yes": "Số phiếu tán thành", "no": "Số phiếu không tán thành", "invalid": "Số phiếu không hợp lệ"}


def _counts(yes: Any, no: Any, invalid: Any) -> tuple[int, int, int]:
    """The three counts of a ballot as typed, each checked: whole numbers from 0 up (a council has
    at most a few hundred members), tán thành and không tán thành given, at least one ballot. One
    CouncilError naming every bad count: a ballot is recorded whole or not at all."""
    values, problems = {}, []
    for name, raw in (("yes", yes), ("no", no), ("invalid", invalid)):
        label = BALLOT_LABELS[name]
        try:
            value = bounds.parse_int(raw, min_value=0, max_value=MAX_BALLOTS, label=label)
        except ValidationError as exc:
            problems.append(bounds.user_message(exc))
            continue
        if value is None and name != "invalid":
            problems.append(f"Chưa ghi {label[0].lower()}{label[1:]}.")
        values[name] = value or 0
    if problems:
        raise CouncilError(" ".join(problems))
    if not any(values.values()):
        raise CouncilError("Phiếu trống: chưa có phiếu nào (0 tán thành, 0 không tán thành, 0 không hợp lệ); hãy "
                           "nhập số phiếu đã kiểm.")
    return values["yes"], values["no"], values["invalid"]


@transaction.atomic
def ballot_record(*, actor: Any, candidate: Candidate, yes: int | str, no: int | str, invalid: int | str = 0
                  ) -> BallotResult:
    """Record the counted ballots of one candidate and judge them by the threshold in force."""
    session = _locked(candidate.session)
    _require(actor, session.council)
    _require_open(session)
    candidate = Candidate.objects.select_related("session").get(pk=candidate.pk, session=session)
    yes, no, invalid = _counts(yes, no, invalid)
    try:
        tally.check_counts(yes, no, invalid, selectors.attendance(session))
    except ValueError as exc:
        raise CouncilError(str(exc)) from exc
    ballot = BallotResult.objects.filter(candidate=candidate).first() or BallotResult(candidate=candidate)
    before = snapshot(ballot) if ballot.pk else {}
    ballot.yes, ballot.no, ballot.invalid = yes, no, invalid
    ballot.recorded_by = actor if getattr(actor, "pk", None) else None
    _judge(ballot, candidate, session)
    ballot.save()
    audit_record(actor=actor, action="ballot.record", obj=session, summary=str(candidate),
                 before=before, after=snapshot(ballot))
    return ballot


@transaction.atomic
def session_close(*, actor: Any, session: Session, end_time: dt.time | None = None, conclusion: str = "",
                  minutes_number: int | None = None) -> Session:
    """End the session: every candidate must have its ballot; the minutes (BB) take the next
    number of the council owner's register for the year of the session."""
    session = _locked(session)
    _require(actor, session.council)
    _require_open(session)
    missing = [str(c) for c in session.candidates.filter(ballot__isnull=True)]
    if missing:
        raise CouncilError("Chưa nhập kết quả bỏ phiếu cho: " + "; ".join(missing) + ".")
    if not session.candidates.exists():
        raise CouncilError("Chương trình họp chưa có đối tượng nào được xét.")
    before = snapshot(session)
    used = Session.objects.filter(council__owner=session.council.owner, minutes_symbol=session.minutes_symbol,
                                  minutes_year=session.date.year).aggregate(m=Max("minutes_number"))["m"] or 0
    session.minutes_number = take_number(issuer_id=session.council.owner_id, symbol=session.minutes_symbol,
                                         year=session.date.year, used=used, wanted=minutes_number)
    session.minutes_year = session.date.year
    session.status = SessionStatus.CLOSED
    if end_time:
        session.end_time = end_time
    if conclusion:
        session.conclusion = conclusion
    bounds.clean(session, error=CouncilError)
    session.save()
    audit_record(actor=actor, action="session.close", obj=session, summary=str(session), before=before,
                 changes={"minutes": session.minutes_number_display})
    return session


@transaction.atomic
def decision_from_session(*, actor: Any, session: Session, issuer: Unit | None = None, title: str = "",
                          **fields: Any) -> Decision:
    """A draft decision listing the candidates the council passed (issuer: the council's owner), through
    the decisions' own service; its errors are theirs (DecisionError)."""
    passed = list(selectors.passed_candidates(session))
    if session.is_open:
        raise decisions.DecisionError("Phiên họp chưa kết thúc, chưa lập biên bản.")
    if not passed:
        raise decisions.DecisionError("Không có đối tượng nào đạt số phiếu cần thiết.")
    issuer = issuer or session.council.owner
    if not title:
        title = decision_defaults.award_title([c.code for c in passed], session.year)
    return decisions.decision_create(
        actor=actor, issuer=issuer, title=title, award_year=session.year, council_session=session,
        lines=[decisions.LineSpec(code=c.code, staff=c.staff, unit=c.unit, year=c.year) for c in passed], **fields,
    )
