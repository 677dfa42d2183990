"""Reads: decisions with their parts, the lines in force, award history of a person or collective
(following renames and merges), the annex as the page and the document print it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from thidua.organizations.models import Staff, Unit
from thidua.organizations.services import lineage_ids

from .models import Decision, DecisionLine, DecisionStatus
from .policy import decisions_for


def decision_with_parts(qs: QuerySet[Decision], *, lines: bool = True) -> QuerySet[Decision]:
    """With its issuer, the acts it amends, its council session and (`lines`) its lines read ahead."""
    qs = qs.select_related("issuer", "issuer__province", "corrects", "revokes", "council_session",
                           "council_session__council")
    return qs.prefetch_related("lines", "withdraws") if lines else qs.prefetch_related("withdraws")


def with_line_figures(decisions: list[Decision]) -> list[Decision]:
    """Give each decision (a page of a list) `n_lines` and `total`, its lines and their money, in one
    grouped query over their lines. Annotating the list's queryset instead grouped every column of
    every visible decision with all its lines (~10,000 a province) before the page was cut."""
    figures = {row["decision"]: row for row in DecisionLine.objects.filter(decision_id__in=[d.pk for d in decisions])
               .order_by().values("decision").annotate(n=Count("id"), total=Sum("amount"))}
    for decision in decisions:
        row = figures.get(decision.pk, {})
        decision.n_lines, decision.total = row.get("n", 0), row.get("total")
    return decisions


def lines_in_force() -> QuerySet[DecisionLine]:
    """Lines of issued decisions that no later act withdrew or replaced."""
    return DecisionLine.objects.filter(decision__status=DecisionStatus.ISSUED, revoked_by__isnull=True)


@dataclass(frozen=True)
class AwardEntry:
    year: int
    code: str
    award_name: str
    name: str
    decision_id: int
    decision_number: str
    decision_date: object
    issuer: str
    amount: int | None
    in_force: bool
    withdrawn_by: str = ""


def award_history(*, staff: Staff | None = None, unit: Unit | None = None,
                  include_withdrawn: bool = False) -> list[AwardEntry]:
    """Every award a person or a collective received by an issued decision, newest year first. A
    collective's history includes that of the units it continues (renames keep the unit; merges and
    splits are followed through lineage_ids)."""
    if (staff is None) == (unit is None):
        raise ValueError("give staff or unit")
    qs = DecisionLine.objects.filter(decision__status__in=[DecisionStatus.ISSUED, DecisionStatus.REVOKED])
    qs = qs.filter(staff=staff) if staff is not None else qs.filter(unit_id__in=lineage_ids(unit.pk))
    if not include_withdrawn:
        qs = qs.filter(revoked_by__isnull=True, decision__status=DecisionStatus.ISSUED)
    qs = qs.select_related("decision", "decision__issuer", "revoked_by").order_by("-year", "-decision__date", "id")
    return [
        AwardEntry(year=ln.year, code=ln.code, award_name=ln.award_name, name=ln.name, decision_id=ln.decision_id,
                   decision_number=ln.decision.number_display, decision_date=ln.decision.date,
                   issuer=ln.decision.issuer.names_on(ln.decision.date)[0], amount=ln.amount,
                   in_force=ln.revoked_by_id is None and ln.decision.status == DecisionStatus.ISSUED,
                   withdrawn_by=str(ln.revoked_by) if ln.revoked_by_id else "")
        for ln in qs
    ]


def awards_of_year(*, year: int, code: str | None = None, agency: Unit | None = None) -> QuerySet[DecisionLine]:
    """Lines in force for `year` (of `code`; of an agency's staff, itself and its departments)."""
    qs = lines_in_force().filter(year=year)
    if code:
        qs = qs.filter(code=code)
    if agency is not None:
        ids = lineage_ids(agency.pk)
        qs = qs.filter(Q(staff__agency_id__in=ids) | Q(unit_id__in=ids) | Q(unit__parent_id__in=ids))
    return qs


def decision_total(decision: Decision) -> int:
    return decision.lines.aggregate(s=Sum("amount"))["s"] or 0


# --- what evaluation asks of the decisions (evaluation.decided, registered by apps.py) ---------------

def deciding_decisions(agency: Unit, year: int) -> QuerySet[Decision]:
    """Issued decisions for `year` that concern `agency` (latest first): they lock its ratings."""
    concerns = (Q(issuer=agency) | Q(lines__staff__agency=agency) | Q(lines__unit=agency)
                | Q(lines__unit__parent=agency))
    ids = (Decision.objects.filter(status=DecisionStatus.ISSUED, award_year=year).filter(concerns)
           .values("pk").distinct())
    return Decision.objects.filter(pk__in=ids).order_by("-issued_at", "-pk")


def decision_links(user, staff: Staff) -> dict[str, int]:
    """The decisions of this person that `user` may open, by the number the award history prints."""
    decisions = decisions_for(user).filter(lines__staff=staff).distinct()
    return {d.number_display: d.pk for d in decisions if d.number}
