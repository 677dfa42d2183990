"""Reads: the threshold a candidate is judged by, a session's attendance and live tally."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.catalog.models import VoteThreshold
from thidua.catalog.selectors import threshold_for
from thidua.rules import tally

from .models import BallotResult, Candidate, Presence, Session


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
