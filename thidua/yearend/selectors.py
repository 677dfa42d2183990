"""Reads of the year end, each a fixed number of queries whatever the number of people:

- `ratings_grid`: every staff member and department of an agency with the year's rating;
- `registration_comparison`: the agency registration's individual counts beside the sum of the
  individual registrations;
- `nomination_lines`: each line of a nomination with the rules engine's verdict and reasons (the
  evaluation selectors build the cases; nothing is judged here);
- `proposal_quotas`: the quotas of the year over the whole proposal."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from thidua.catalog.models import AwardType
from thidua.catalog.selectors import criteria_for, law_snapshot
from thidua.emulation.models import Target
from thidua.emulation.selectors import quotas_in_force
from thidua.evaluation.models import AwardRecord, CollectiveRating, Rating
from thidua.evaluation.selectors import (
    COLLECTIVE_TITLES,
    Reason,
    agency_eligibility,
    evaluate_staff,
    explain,
    quota_checks,
    staff_in_scope,
)
from thidua.organizations.models import Staff, Unit, UnitKind
from thidua.organizations.services import lineage_ids
from thidua.rules import regimes
from thidua.rules.eligibility import evaluate
from thidua.rules.quotas import QuotaCheck
from thidua.rules.types import COLLECTIVE, Case, CollectiveFigures, Verdict

from .models import IndividualRegistration, LineStatus, Nomination, NominationLine

# --- ratings grid -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    id: int
    name: str
    department: str
    position: str
    rating: str


@dataclass
class RatingsGrid:
    agency: Unit
    year: int
    staff: list[GridRow]
    departments: list[GridRow]  # id: the unit's id; first row the agency itself
    counts: dict[str, int]
    unrated: int


def ratings_grid(agency: Unit, year: int) -> RatingsGrid:
    """Four queries: staff, their ratings, departments, collective ratings."""
    staff = staff_in_scope(year=year, agency=agency).order_by("department__position", "department__name",
                                                             "full_name")
    people = list(staff.values_list("pk", "full_name", "department__name", "position"))
    ratings = dict(Rating.objects.filter(year=year, staff_id__in=[p[0] for p in people]).order_by()
                   .values_list("staff_id", "rating"))
    units = [agency, *Unit.objects.filter(parent=agency, kind=UnitKind.DEPARTMENT).active_on(dt.date(year, 12, 31))
             .order_by("position", "name")]
    unit_ratings = dict(CollectiveRating.objects.filter(year=year, unit__in=units).order_by()
                        .values_list("unit_id", "rating"))
    rows = [GridRow(pk, name, dept or "Lãnh đạo", position, ratings.get(pk, "")) for pk, name, dept, position in people]
    counts = Counter(r.rating for r in rows if r.rating)
    return RatingsGrid(
        agency=agency, year=year, staff=rows,
        departments=[GridRow(u.pk, u.name, "Tập thể cơ quan" if u.pk == agency.pk else "Phòng, ban", "",
                             unit_ratings.get(u.pk, "")) for u in units],
        counts=dict(counts), unrated=sum(1 for r in rows if not r.rating),
    )


# --- individual registrations -----------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    code: str
    name: str
    registered: int | None  # the agency registration's individual count
    individuals: int  # the sum of individual registrations

    @property
    def gap(self) -> int | None:
        return None if self.registered is None else self.individuals - self.registered


LADDER: tuple[str, ...] = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ")


def individual_registrations(agency: Unit, year: int) -> dict[int, str]:
    """Staff id → the code registered (one query)."""
    return dict(IndividualRegistration.objects.filter(year=year, staff__agency=agency).order_by()
                .values_list("staff_id", "code"))


def registration_comparison(agency: Unit, year: int) -> list[ComparisonRow]:
    """Per individual code registered either way. A person registering a higher title of the ladder
    LĐTT < CSTĐCS < CSTĐ cấp tỉnh < CSTĐ toàn quốc counts for each lower one too, as the agency's
    table does (its 70 LĐTT include its 11 CSTĐCS). Three queries."""
    targets = {code: count for code, count in Target.objects.filter(
        registration__unit=agency, registration__year=year).values_list("award_type__code", "individual_count")}
    sums: Counter[str] = Counter()
    for code, n in (IndividualRegistration.objects.filter(year=year, staff__agency=agency).order_by()
                    .values_list("code").annotate(n=Count("pk")).values_list("code", "n")):
        for lower in (LADDER[:LADDER.index(code) + 1] if code in LADDER else (code,)):
            sums[lower] += n
    rows = []
    for award in AwardType.objects.all():
        registered, summed = targets.get(award.code), sums.get(award.code, 0)
        if registered is None and not summed:
            continue
        rows.append(ComparisonRow(award.code, award.name, registered, summed))
    return rows


def individual_codes() -> list[AwardType]:
    return [a for a in AwardType.objects.filter(active=True) if a.allows_individual()]


# --- nominations ------------------------------------------------------------------------------


def nomination_with_parts(qs: QuerySet[Nomination]) -> QuerySet[Nomination]:
    return qs.select_related(
        "unit", "unit__province", "council_session", "council_session__council",
        "council_session__council__owner", "decision", "decision__issuer",
    ).prefetch_related(LINES, "events__actor", "events__line")


# A nomination's lines with what their table prints and judging reads.
LINES = Prefetch("lines", queryset=NominationLine.objects.select_related(
    "staff", "staff__department", "unit", "candidate", "candidate__ballot", "decision_line"))


@dataclass
class JudgedLine:
    line: NominationLine
    verdict: Verdict | None
    reasons: list[Reason] = field(default_factory=list)


def _collective_verdicts(nomination: Nomination, lines: list[NominationLine]) -> dict[int, Verdict]:
    """Departments' Tập thể LĐTT / LĐXS from their members (agency_eligibility); any other
    collective line judged on the collective's own rating (forms left to the council say so)."""
    out: dict[int, Verdict] = {}
    if not lines:
        return out
    year = nomination.year
    from_members = [ln for ln in lines if ln.code in COLLECTIVE_TITLES and ln.unit.kind == UnitKind.DEPARTMENT]
    if from_members:
        rows = {row.unit.pk: row for row in agency_eligibility(nomination.unit, year).collectives}
        for ln in from_members:
            row = rows.get(ln.unit_id)
            if row is not None and ln.code in row.verdicts:
                out[ln.pk] = row.verdicts[ln.code]
    rest = [ln for ln in lines if ln.pk not in out]
    if rest:
        ratings = dict(CollectiveRating.objects.filter(year=year, unit_id__in=[ln.unit_id for ln in rest])
                       .values_list("unit_id", "rating"))
        law = law_snapshot()
        period = regimes.rule_set_for_year(year, law.periods)
        criteria = (criteria_for(rule_set=period.code, province_id=nomination.unit.province_id,
                                 on=dt.date(year, 12, 31)) if period else None)
        for ln in rest:
            case = Case(id=str(ln.pk), subject=COLLECTIVE, year=year, ask=(ln.code,),
                        collective=CollectiveFigures(rating=ratings.get(ln.unit_id)))
            out[ln.pk] = evaluate(case, law, criteria).verdicts[ln.code]
    return out


def nomination_lines(nomination: Nomination) -> list[JudgedLine]:
    """The lines (prefetched by nomination_with_parts) with the verdict of each under the rules of
    the nomination's year."""
    lines = list(nomination.lines.all())
    people = [ln for ln in lines if ln.staff_id]
    verdicts: dict[int, Verdict] = {}
    if people:
        ids = list(dict.fromkeys(ln.staff_id for ln in people))
        codes = tuple(dict.fromkeys(ln.code for ln in people))
        evaluation = evaluate_staff(Staff.objects.filter(pk__in=ids), nomination.year,
                                    province_id=nomination.unit.province_id, codes=codes, staff_ids=ids)
        verdicts.update({ln.pk: evaluation.verdict(ln.staff_id, ln.code) for ln in people})
    verdicts.update(_collective_verdicts(nomination, [ln for ln in lines if ln.unit_id]))
    return [JudgedLine(ln, verdicts.get(ln.pk), explain(verdicts[ln.pk]) if verdicts.get(ln.pk) else [])
            for ln in lines]


def _lines_counted(nomination: Nomination, passed_only: bool) -> QuerySet[NominationLine]:
    lines = nomination.lines.all()
    return lines.filter(status=LineStatus.PASSED) if passed_only else lines.exclude(status=LineStatus.RETURNED)


def proposal_counts(nomination: Nomination, *, passed_only: bool = False) -> dict[str, int]:
    """Per code, the people (or collectives) the proposal counts: those proposed in lines not
    returned (or only those the council passed), together with those of the agency already awarded
    the code for the year (a quota's base, e.g. LĐTT, is often decided before CSTĐCS is proposed).
    Two queries."""
    family = lineage_ids(nomination.unit_id)
    subjects: dict[str, set[tuple[str, int]]] = {}
    for code, staff_id, unit_id in _lines_counted(nomination, passed_only).values_list("code", "staff_id", "unit_id"):
        subjects.setdefault(code, set()).add(("s", staff_id) if staff_id else ("u", unit_id))
    for code, staff_id in AwardRecord.objects.filter(year=nomination.year, staff__agency_id__in=family).values_list(
            "code", "staff_id"):
        subjects.setdefault(code, set()).add(("s", staff_id))
    return {code: len(found) for code, found in subjects.items()}


def proposal_quotas(nomination: Nomination, *, passed_only: bool = False) -> list[QuotaCheck]:
    """The quotas of the nomination's year (rule set, province override, rounding) over the proposal;
    a quota over a code the proposal does not touch is left out."""
    counts = proposal_counts(nomination, passed_only=passed_only)
    proposed = set(_lines_counted(nomination, passed_only).values_list("code", flat=True))
    _, quotas = quotas_in_force(nomination.unit.province_id, nomination.year)
    for q in quotas:
        counts.setdefault(q.code, 0)
        counts.setdefault(q.base_code, 0)
    checks = quota_checks(province_id=nomination.unit.province_id, year=nomination.year, counts=counts)
    return [q for q in checks if q.code in proposed]
