"""Reads for evaluation: the history of many people loaded in one query per table (never one per
person), turned into the plain `Case` values of `thidua.rules`, and judged under the rule set of
the year with the criteria in force (a province's own row over the national row over the built-in
default). Pages, commands and later nominations read through here.

Query budget of `evaluate_staff` (any number of people): rule-set periods 1, criteria 1, staff 1,
ratings 1, achievements 1, discipline 1, awards 1."""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.db.models import Max, Q, QuerySet

from thidua.catalog.models import AwardType
from thidua.catalog.names import award_name, award_names
from thidua.catalog.selectors import CriteriaInForce, criteria_in_force, law_snapshot, rule_set_periods
from thidua.emulation.selectors import quotas_in_force
from thidua.organizations.models import Staff, Unit, UnitKind, UnitSuccession
from thidua.organizations.services import lineage_ids
from thidua.rules import regimes
from thidua.rules.eligibility import evaluate
from thidua.rules.law import Law
from thidua.rules.quotas import QuotaCheck, check_quota
from thidua.rules.types import (
    COLLECTIVE,
    ELIGIBLE,
    INDIVIDUAL,
    NOT_ELIGIBLE,
    RATING_RANK,
    REVIEW,
    CaseResult,
    CollectiveFigures,
    Criteria,
    Members,
    RuleSetPeriod,
    Verdict,
    YearRecord,
)
from thidua.rules.types import Achievement as AchievementValue

from .batch import EARLIER_TITLES, INDIVIDUAL_TITLES, IndexedCase, evaluate_batch, first_year_read
from .models import (
    DISCIPLINE_SEVERITY,
    Achievement,
    AwardRecord,
    CollectiveRating,
    Discipline,
    Rating,
)

COLLECTIVE_TITLES: tuple[str, ...] = ("TTLDTT", "TTLDXS")
# Titles a person reaches only through a streak: what the "next year" forecast looks for.
STREAK_TITLES: tuple[str, ...] = ("CSTD_TINH", "CSTD_TQ")
# The title whose streak the forecast assumes continues, with the title it builds on.
ASSUMED_TITLES = frozenset({"LDTT", "CSTDCS"})
STATUS_NAMES = {ELIGIBLE: "Đủ điều kiện", REVIEW: "Cần xem xét", NOT_ELIGIBLE: "Chưa đủ điều kiện"}


# --- rules in force ---------------------------------------------------------------------------


def quota_checks(*, province_id: int | None, year: int, counts: Mapping[str, int]) -> list[QuotaCheck]:
    """Quotas of year `year` (rule set, province override, rounding: emulation.selectors.
    quotas_in_force) over a unit's counts by code — proposals, results or eligible people. A quota
    whose code or base is not counted is left out."""
    _, quotas = quotas_in_force(province_id, year)
    return [
        check_quota(code=q.code, base_code=q.base_code, count=counts[q.code], base_count=counts[q.base_code],
                    ratio_percent=q.ratio, rounding=q.rounding, basis=q.basis)
        for q in quotas if q.code in counts and q.base_code in counts
    ]


# --- history of many people -------------------------------------------------------------------


def staff_in_scope(*, year: int, agency: Unit | None = None, province_id: int | None = None) -> QuerySet[Staff]:
    """Staff working in an agency (or a whole province) at any time of `year`."""
    qs = Staff.objects.active_in_year(year)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if province_id is not None:
        qs = qs.filter(agency__province_id=province_id)
    return qs


def histories(staff: QuerySet[Staff], *, until: int, since: int | None = None,
              earlier_titles: Iterable[str] = ()) -> dict[int, tuple[YearRecord, ...]]:
    """Each person's yearly records up to `until` (and from `since`), by staff id, oldest first;
    before `since`, records holding only the titles of `earlier_titles` the person has there.
    Four queries whatever the number of people: ratings, achievements, discipline, awards.

    Rows are grouped in Python by (person, year), driven by the ratings read in (person, year)
    order; equal records are built once and shared (most people's years look alike: "HTTNV, LĐTT"),
    which saves time and memory on a province and lets `batch.evaluate_batch` match them by identity."""
    ids = staff.values("pk")
    years = Q(year__lte=until) if since is None else Q(year__lte=until, year__gte=since)
    earlier = frozenset(earlier_titles)
    # Awards before `since` (only `earlier_titles` of them) are picked here, not in SQL: an OR of
    # year ranges makes SQLite scan the awards of the whole nation instead of the people's index.
    award_years = Q(year__lte=until) if earlier else years
    titles: dict[tuple[int, int], list[str]] = defaultdict(list)
    # No ORDER BY where grouping happens here (the models' default orderings join and sort).
    for pid, year, code in (AwardRecord.objects.filter(award_years, staff_id__in=ids).order_by()
                            .values_list("staff_id", "year", "code")):
        if since is None or year >= since or code in earlier:
            titles[(pid, year)].append(code)
    initiatives: dict[tuple[int, int], list[AchievementValue]] = defaultdict(list)
    research: dict[tuple[int, int], list[AchievementValue]] = defaultdict(list)
    for pid, year, kind, scope in (Achievement.objects.filter(years, staff_id__in=ids).order_by("pk")
                                   .values_list("staff_id", "year", "kind", "scope")):
        (initiatives if kind == "initiative" else research)[(pid, year)].append(AchievementValue(kind, scope or None))
    disciplines: dict[tuple[int, int], str] = {}
    for pid, year, form in (Discipline.objects.filter(years, staff_id__in=ids).order_by()
                            .values_list("staff_id", "year", "form")):
        current = disciplines.get((pid, year))
        if current is None or DISCIPLINE_SEVERITY.get(form, 99) > DISCIPLINE_SEVERITY.get(current, 99):
            disciplines[(pid, year)] = form  # the most severe form of the year
    special = initiatives.keys() | research.keys() | disciplines.keys()

    shared: dict[tuple, YearRecord] = {}
    no_titles: frozenset[str] = frozenset()

    def record(key: tuple[int, int], rating: str | None) -> YearRecord:
        codes = titles.pop(key, None)
        if key in special:
            spec: tuple = (key[1], rating, frozenset(codes) if codes else no_titles,
                           tuple(initiatives.get(key, ())), tuple(research.get(key, ())), disciplines.get(key))
        else:
            spec = (key[1], rating, frozenset(codes) if codes else no_titles)
        found = shared.get(spec)
        if found is None:
            found = shared[spec] = YearRecord(*spec)
        return found

    grouped: dict[int, list[YearRecord]] = {}
    current_pid, current = None, []
    ratings = (Rating.objects.filter(years, staff_id__in=ids).order_by("staff_id", "year")
               .values_list("staff_id", "year", "rating"))
    for pid, year, rating in ratings:
        if pid != current_pid:
            current_pid, current = pid, grouped.setdefault(pid, [])
        key = (pid, year)
        current.append(record(key, rating))
        special.discard(key)
    # Years with a title, an initiative or a discipline but no rating.
    late = set(titles) | special
    for key in sorted(late):
        grouped.setdefault(key[0], []).append(record(key, None))
    for pid in {key[0] for key in late}:
        grouped[pid].sort(key=lambda r: r.year)
    return {pid: tuple(records) for pid, records in grouped.items()}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Judging a province builds some hundred thousand small immutable objects (records, cases,
    verdicts) that form no reference cycles; Python's cyclic collector would otherwise run over and
    over while they are made. It is paused for that time and resumed after (if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _case(pid: int, year: int, ask: tuple[str, ...], history: tuple[YearRecord, ...]) -> IndexedCase:
    return IndexedCase(id=str(pid), subject=INDIVIDUAL, year=year, ask=ask, history=history)


@dataclass
class StaffEvaluation:
    """Verdicts of many people for one year, by staff id, with the rules they were judged under."""

    year: int
    rule_set: RuleSetPeriod | None
    criteria: CriteriaInForce | None
    results: dict[int, CaseResult]
    histories: dict[int, tuple[YearRecord, ...]]
    law: Law

    @property
    def periods(self) -> tuple[RuleSetPeriod, ...]:
        return self.law.periods

    def verdict(self, staff_id: int, code: str) -> Verdict | None:
        result = self.results.get(staff_id)
        return result.verdicts.get(code) if result else None


def rules_for_year(year: int, *, province_id: int | None, periods: Sequence[RuleSetPeriod] | None = None
                   ) -> tuple[RuleSetPeriod | None, CriteriaInForce | None]:
    """The rule set titles for `year` are judged under, and its criteria for the province (two
    queries; one when `periods` are given)."""
    period = regimes.rule_set_for_year(year, rule_set_periods() if periods is None else periods)
    rules = (criteria_in_force(rule_set=period.code, province_id=province_id, on=dt.date(year, 12, 31))
             if period else None)
    return period, rules


AUTO = "auto"


def evaluate_staff(staff: QuerySet[Staff], year: int, *, province_id: int | None,
                   codes: Sequence[str] = INDIVIDUAL_TITLES, since: int | str | None = AUTO,
                   staff_ids: Sequence[int] | None = None) -> StaffEvaluation:
    """Judge every person of `staff` for each of `codes` in `year` (rule set in force on 31/12,
    criteria of that rule set and province). Seven queries however many people (six when
    `staff_ids`, the ids of `staff` in the caller's order, are given), one more the first time in a
    request: the law snapshot reads the catalog's names once per request.

    History read: from `since`; by default (AUTO) from the first year the rules of `codes` read
    (batch.first_year_read: six years for CSTĐ toàn quốc) plus earlier CSTĐ cấp tỉnh titles, or
    all of it when a code's reach is not known; None reads all of it."""
    law = law_snapshot()
    period, rules = rules_for_year(year, province_id=province_id, periods=law.periods)
    if since == AUTO:
        since = first_year_read(codes, year, rules.criteria) if rules else None
    ids = list(staff.order_by("pk").values_list("pk", flat=True)) if staff_ids is None else list(staff_ids)
    ask = tuple(codes)
    with _collector_paused():
        history = histories(staff, until=year, since=since, earlier_titles=EARLIER_TITLES)
        cases = [_case(pid, year, ask, history.get(pid, ())) for pid in ids]
        results = evaluate_batch(cases, law, rules.criteria if rules else law.criteria_for(""))
    return StaffEvaluation(year, period, rules, dict(zip(ids, results, strict=True)), history, law)


def already_holds(code: str, history: Iterable[YearRecord], years: Iterable[int]) -> list[int]:
    wanted = set(years)
    return [r.year for r in history if r.year in wanted and code in r.titles]


def forecast_next_year(evaluation: StaffEvaluation, *, province_id: int | None,
                       codes: Sequence[str] = STREAK_TITLES, rules: CriteriaInForce | None = None,
                       ) -> tuple[StaffEvaluation, dict[int, bool]]:
    """Who would reach a streak title NEXT year if their streak continues: each person's history
    with, assumed, a CSTĐCS for next year — and for this year too when this year's CSTĐCS is not
    decided yet but its standard is met — judged by the rules of next year. One query (criteria).

    This year counts as decided once any of the people holds a CSTĐCS for it (the unit's decision
    is out): then nobody's is assumed, and someone the council left out breaks their streak.

    Returns the evaluation of next year and, by staff id, whether this year's CSTĐCS was assumed."""
    year = evaluation.year + 1
    period = regimes.rule_set_for_year(year, evaluation.periods)
    if rules is None or period is None or rules.rule_set != period.code:
        rules = (criteria_in_force(rule_set=period.code, province_id=province_id, on=dt.date(year, 12, 31))
                 if period else None)
    ask = tuple(codes)
    cases, assumed_now = [], {}
    decided = any("CSTDCS" in r.titles for h in evaluation.histories.values() for r in h if r.year == evaluation.year)
    for pid, result in evaluation.results.items():
        history = list(evaluation.histories.get(pid, ()))
        now = next((r for r in history if r.year == evaluation.year), None)
        cstdcs = result.verdicts.get("CSTDCS")
        assumed_now[pid] = False
        if (not decided and now is not None and "CSTDCS" not in now.titles and cstdcs is not None
                and cstdcs.status == ELIGIBLE):
            history[history.index(now)] = replace(now, titles=now.titles | ASSUMED_TITLES)
            assumed_now[pid] = True
        history.append(YearRecord(year, titles=ASSUMED_TITLES))
        cases.append(_case(pid, year, ask, tuple(history)))
    with _collector_paused():
        results = evaluate_batch(cases, evaluation.law, rules.criteria if rules else evaluation.law.criteria_for(""))
    nxt = StaffEvaluation(year, period, rules, dict(zip(evaluation.results, results, strict=True)),
                          {}, evaluation.law)
    return nxt, assumed_now


def title_window(code: str, year: int, criteria: Criteria) -> range:
    """The years a title for `year` covers: N years for CSTĐ cấp tỉnh, N×k for CSTĐ toàn quốc."""
    n = criteria.cstd_tinh_streak_years
    span = {"CSTD_TINH": n, "CSTD_TQ": n * criteria.cstd_tq_consecutive_tinh}.get(code, 1)
    return range(year - span + 1, year + 1)


# --- explaining a verdict -------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    text: str
    basis: str


def explain(verdict: Verdict) -> list[Reason]:
    """The rules write "Title: what is met or missing (legal basis)." — split for display."""
    return list(_explain(verdict.reasons, frozenset(award_names().values())))


@lru_cache(maxsize=4096)
def _explain(reasons: tuple[str, ...], titles: frozenset[str]) -> tuple[Reason, ...]:
    # Cached: the batch judges each distinct situation once, so an agency's hundreds of verdicts
    # share a few dozen tuples of reasons; each is split once, not once per person on the page.
    out = []
    for sentence in reasons:
        text = sentence.rstrip(".")
        head, sep, rest = text.partition(": ")
        body = rest if sep and head in titles else text
        basis = ""
        if body.endswith(")") and " (" in body:
            body, basis = body.rsplit(" (", 1)
            basis = basis[:-1]
        out.append(Reason(body[:1].upper() + body[1:], basis))
    return tuple(out)


# --- the agency page --------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    department: str
    position: str
    department_id: int | None = None


AWARDED = "đã được công nhận"


@dataclass
class Judged:
    person: Person
    verdict: Verdict
    note: str = ""
    awarded: bool = False  # already holds the title for the year (its decision is recorded)
    link: str = ""  # the person's page, set by the view (reversed once per person, not per mention)

    @property
    def reasons(self) -> list[Reason]:
        return explain(self.verdict)

    @property
    def first_reason(self) -> Reason | None:
        reasons = self.reasons
        return reasons[0] if reasons else None


@dataclass
class TitleRow:
    code: str
    name: str
    eligible: list[Judged] = field(default_factory=list)
    review: list[Judged] = field(default_factory=list)
    not_eligible: list[Judged] = field(default_factory=list)
    quota: QuotaCheck | None = None
    awarded: int = 0  # how many already hold the title for the year


@dataclass
class CollectiveRow:
    unit: Unit
    figures: CollectiveFigures
    verdicts: dict[str, Verdict]
    history: list[AwardRecord]


@dataclass
class AgencyEligibility:
    agency: Unit
    year: int
    rule_set: RuleSetPeriod | None
    criteria: CriteriaInForce | None
    titles: list[TitleRow]
    next_year: list[TitleRow]  # only `eligible` is filled: who would reach the title next year
    next_rule_set: RuleSetPeriod | None
    collectives: list[CollectiveRow]
    headcount: int
    years: list[int]


def evaluation_years(staff: QuerySet[Staff]) -> list[int]:
    """Years with ratings among `staff`, latest first (one query)."""
    return list(Rating.objects.filter(staff_id__in=staff.values("pk")).order_by("-year")
                .values_list("year", flat=True).distinct())


def latest_rated_year(staff: QuerySet[Staff], default: int | None = None) -> int:
    """The year being judged by default: the latest year with ratings (results come after ratings)."""
    year = Rating.objects.filter(staff_id__in=staff.values("pk")).aggregate(y=Max("year"))["y"]
    return year or default or dt.date.today().year


def _names(codes: Iterable[str]) -> dict[str, str]:
    return {c: award_name(c) for c in codes}


def agency_eligibility(agency: Unit, year: int) -> AgencyEligibility:
    """Who in `agency` is eligible for each individual title of `year`, who needs review, who is
    not; the quotas over the eligible counts; who would reach a streak title next year; and the
    departments' collective titles from their members' verdicts. A fixed number of queries."""
    staff = staff_in_scope(year=year, agency=agency)
    people = [Person(pk, name, dept or "", position, dept_id) for pk, name, dept, position, dept_id in staff.order_by(
        "department__position", "full_name").values_list("pk", "full_name", "department__name", "position",
                                                         "department_id")]
    dept_of = {p.id: p.department_id for p in people}
    # The history both this year's rules and next year's forecast read (two queries).
    _, rules_now = rules_for_year(year, province_id=agency.province_id)
    _, rules_next = rules_for_year(year + 1, province_id=agency.province_id)
    firsts = [first_year_read(INDIVIDUAL_TITLES, year, rules_now.criteria) if rules_now else None,
              first_year_read(STREAK_TITLES, year + 1, rules_next.criteria) if rules_next else None]
    since = None if None in firsts else min(firsts)
    evaluation = evaluate_staff(staff, year, province_id=agency.province_id, staff_ids=[p.id for p in people],
                                since=since)
    names = _names(INDIVIDUAL_TITLES)
    titles = []
    now = {pid: next((r for r in h if r.year == year), None) for pid, h in evaluation.histories.items()}
    for code in INDIVIDUAL_TITLES:
        row = TitleRow(code, names[code])
        for person in people:
            verdict = evaluation.verdict(person.id, code)
            bucket = {ELIGIBLE: row.eligible, REVIEW: row.review, NOT_ELIGIBLE: row.not_eligible}[verdict.status]
            rec = now.get(person.id)
            awarded = rec is not None and code in rec.titles
            bucket.append(Judged(person, verdict, AWARDED if awarded else "", awarded))
            row.awarded += awarded
        titles.append(row)
    counts = {row.code: len(row.eligible) for row in titles}
    for check in quota_checks(province_id=agency.province_id, year=year, counts=counts):
        next(r for r in titles if r.code == check.code).quota = check

    nxt, assumed_now = forecast_next_year(evaluation, province_id=agency.province_id, rules=rules_next)
    next_rows = []
    crit_next = nxt.criteria.criteria if nxt.criteria else nxt.law.criteria_for("")
    for code in STREAK_TITLES:
        row = TitleRow(code, names[code])
        for person in people:
            now = evaluation.verdict(person.id, code)
            then = nxt.verdict(person.id, code)
            if then is None or then.status != ELIGIBLE or (now is not None and now.status != NOT_ELIGIBLE):
                continue  # not reached next year, or already a candidate this year
            history = evaluation.histories.get(person.id, ())
            if already_holds(code, history, title_window(code, year + 1, crit_next)):
                continue  # those years were already rewarded with this title
            cstdcs = award_name("CSTDCS")
            note = (f"giả định đạt {cstdcs} năm {year} và năm {year + 1}" if assumed_now[person.id]
                    else f"giả định đạt {cstdcs} năm {year + 1}")
            row.eligible.append(Judged(person, then, note))
        next_rows.append(row)

    collectives = _collectives(agency, year, evaluation, dept_of)
    return AgencyEligibility(
        agency=agency, year=year, rule_set=evaluation.rule_set, criteria=evaluation.criteria, titles=titles,
        next_year=next_rows, next_rule_set=nxt.rule_set, collectives=collectives, headcount=len(people),
        years=evaluation_years(Staff.objects.filter(agency=agency)),
    )


def _collectives(agency: Unit, year: int, evaluation: StaffEvaluation, dept_of: dict[int, int | None]
                 ) -> list[CollectiveRow]:
    """Each department's Tập thể LĐTT and LĐXS from its members' records and verdicts: members
    counted are the staff in the department in `year`; LĐTT / CSTĐCS count people eligible for (or
    already awarded) the title; "completed" counts ratings from HTNV up and is unknown while any
    member lacks a rating. Three queries (departments, collective ratings, awards)."""
    departments = list(Unit.objects.filter(parent=agency, kind=UnitKind.DEPARTMENT).active_on(dt.date(year, 12, 31))
                       .order_by("position", "name"))
    ratings = dict(CollectiveRating.objects.filter(unit__in=departments, year=year).values_list("unit_id", "rating"))
    lineages = lineages_of([d.pk for d in departments])
    owner = {former: dept for dept, family in lineages.items() for former in family}
    awards: dict[int, list[AwardRecord]] = defaultdict(list)
    for record in AwardRecord.objects.filter(unit_id__in=list(owner)).order_by("-year", "code"):
        awards[owner[record.unit_id]].append(record)
    members: dict[int, list[int]] = defaultdict(list)
    for pid, dept in dept_of.items():
        if dept is not None:
            members[dept].append(pid)
    canh_cao = DISCIPLINE_SEVERITY["canh_cao"]
    cases = []
    for dept in departments:
        ids = members.get(dept.pk, [])
        records = [next((r for r in evaluation.histories.get(pid, ()) if r.year == year), None) for pid in ids]
        rated = [r.rating for r in records if r is not None and r.rating is not None]

        def reached(code: str, ids: list[int] = ids) -> int:
            return sum(1 for pid in ids if (v := evaluation.verdict(pid, code)) is not None and v.status == ELIGIBLE)

        figures = CollectiveFigures(
            rating=ratings.get(dept.pk),
            members=Members(
                total=len(ids),
                completed=(sum(1 for r in rated if RATING_RANK[r] >= RATING_RANK["HTNV"])
                           if len(rated) == len(ids) else None),
                ldtt=reached("LDTT"), cstdcs=reached("CSTDCS"),
                disciplined_canh_cao_or_above=sum(
                    1 for r in records if r is not None and r.discipline is not None
                    and DISCIPLINE_SEVERITY.get(r.discipline, 99) >= canh_cao),
            ),
        )
        cases.append((dept, figures))
    rows = []
    crit = evaluation.criteria.criteria if evaluation.criteria else evaluation.law.criteria_for("")
    for dept, figures in cases:
        result = evaluate(IndexedCase(id=str(dept.pk), subject=COLLECTIVE, year=year, ask=COLLECTIVE_TITLES,
                                      collective=figures), evaluation.law, crit)
        rows.append(CollectiveRow(dept, figures, result.verdicts, awards.get(dept.pk, [])))
    return rows


# --- one person's page ------------------------------------------------------------------------


@dataclass
class StaffProfile:
    staff: Staff
    year: int
    rule_set: RuleSetPeriod | None
    criteria: CriteriaInForce | None
    verdicts: list[tuple[str, str, Verdict]]  # code, name, verdict
    ratings: list[Rating]
    awards: list[AwardRecord]
    achievements: list[Achievement]
    disciplines: list[Discipline]
    award_names: dict[str, str]
    years: list[int]


PROFILE_CODES: tuple[str, ...] = (*INDIVIDUAL_TITLES, "HCLD3")


def staff_profile(staff: Staff, year: int | None = None) -> StaffProfile:
    """A person's records and, for `year` (default: their latest rated year), the verdict of each
    individual title with reasons and legal basis."""
    one = Staff.objects.filter(pk=staff.pk)
    ratings = list(Rating.objects.filter(staff=staff).order_by("-year"))
    years = [r.year for r in ratings]
    year = year or (years[0] if years else dt.date.today().year)
    evaluation = evaluate_staff(one, year, province_id=staff.agency.province_id, codes=PROFILE_CODES,
                                staff_ids=[staff.pk])
    result = evaluation.results[staff.pk]
    awards = list(AwardRecord.objects.filter(staff=staff).order_by("-year", "code"))
    names = dict(AwardType.objects.values_list("code", "name"))
    return StaffProfile(
        staff=staff, year=year, rule_set=evaluation.rule_set, criteria=evaluation.criteria,
        verdicts=[(code, award_name(code), result.verdicts[code]) for code in PROFILE_CODES],
        ratings=ratings, awards=awards,
        achievements=list(Achievement.objects.filter(staff=staff).order_by("-year", "title")),
        disciplines=list(Discipline.objects.filter(staff=staff).order_by("-year")),
        award_names=names, years=years,
    )


def lineages_of(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """`organizations.services.lineage_ids` for many units at once: each unit with every unit it
    continues. One query per generation of merges, for all units together."""
    family = {uid: {uid} for uid in unit_ids}
    frontier = {uid: {uid} for uid in family}
    while any(frontier.values()):
        wanted = set().union(*frontier.values())
        parents: dict[int, set[int]] = defaultdict(set)
        for successor, predecessor in UnitSuccession.objects.filter(successor_id__in=wanted).values_list(
                "successor_id", "predecessor_id"):
            parents[successor].add(predecessor)
        for uid, current in frontier.items():
            found = set().union(*(parents.get(u, set()) for u in current)) - family[uid]
            family[uid] |= found
            frontier[uid] = found
    return family


def collective_awards(unit: Unit) -> list[AwardRecord]:
    """A collective's award history, including that of the units it continues (renames, merges)."""
    return list(AwardRecord.objects.filter(unit_id__in=lineage_ids(unit.pk)).select_related("unit")
                .order_by("-year", "code"))
