"""Reads: the threshold a candidate is judged by, a session's attendance and live tally."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from thidua.catalog.models import AwardType, RuleSet

from . import tally
from .models import BallotResult, Candidate, Presence, Session, ThresholdLevel, VoteThreshold


def level_of(code: str) -> str:
    """'unit' for unit-level titles and forms (LĐTT, CSTĐCS, Tập thể LĐTT, Giấy khen), else 'higher'."""
    level = AwardType.objects.filter(code=code).values_list("level", flat=True).first()
    if level is None:
        raise ValueError(f"Mã {code} không có trong danh mục danh hiệu, hình thức khen thưởng.")
    return ThresholdLevel.UNIT if level == "unit" else ThresholdLevel.HIGHER


def threshold_for(code: str, *, rule_set: RuleSet, on: dt.date, province_id: int | None = None
                  ) -> VoteThreshold | None:
    """The most specific threshold row for `code`: the province's over the national one, a row
    naming the code over one for its whole level; a row in force on `on` over an older one."""
    code = code.upper()
    level = level_of(code)
    rows = list(VoteThreshold.objects.filter(rule_set=rule_set, level=level)
                .filter(Q(province__isnull=True) | Q(province_id=province_id)).select_related("rule_set"))

    def in_force(row: VoteThreshold) -> bool:
        return row.valid_from <= on and (row.valid_to is None or on <= row.valid_to)

    candidates = [r for r in rows if not r.codes or code in r.code_list()]
    if not candidates:
        return None
    return max(candidates, key=lambda r: (in_force(r), r.province_id is not None, bool(r.codes), r.valid_from))


def members_count(session: Session) -> int:
    return session.council.members_on(session.date).count()


def attendance(session: Session) -> tally.Attendance:
    counts = {p: 0 for p in Presence.values}
    for row in session.attendance.values_list("presence", flat=True):
        counts[row] += 1
    return tally.Attendance(members=members_count(session), present=counts[Presence.PRESENT],
                            written=counts[Presence.WRITTEN])


def candidate_threshold(candidate: Candidate) -> VoteThreshold | None:
    session = candidate.session
    return threshold_for(candidate.code, rule_set=session.rule_set, on=session.date,
                         province_id=session.council.owner.province_id)


def session_with_parts(qs: QuerySet[Session]) -> QuerySet[Session]:
    return qs.select_related("council", "council__owner", "council__owner__province", "rule_set").prefetch_related(
        "attendance__member", "candidates__staff__department", "candidates__staff__agency", "candidates__unit",
        "candidates__ballot",
    )


def passed_candidates(session: Session) -> QuerySet[Candidate]:
    """Candidates whose recorded ballot passed: what the council proposes (or the head decides)."""
    return session.candidates.filter(ballot__passed=True).select_related("staff", "unit").order_by("position", "id")


def ballots_of(session: Session) -> QuerySet[BallotResult]:
    return BallotResult.objects.filter(candidate__session=session).select_related("candidate")
