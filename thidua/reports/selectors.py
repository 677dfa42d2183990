"""Registered targets against results (chỉ tiêu đăng ký và kết quả), per agency, block and province.

Registered: the target rows (`emulation.Target`) of the agency's registration for the year — of the
units it continues too (`lineage_ids`: a merged agency answers for its predecessors' targets).

Achieved: the people and collectives awarded each code FOR the year — the award history
(`evaluation.AwardRecord`) together with the lines in force of issued decisions
(`decisions.selectors.lines_in_force`), each subject counted once whichever records it:
individuals are the staff of the agency (and of the units it continues), collectives the agency
itself and its departments (following their lineages too).

Everything is loaded for many agencies at once, in a fixed number of queries (one per generation
of merges for the lineages, then targets, departments, awards, decision lines, catalog)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from thidua.catalog.models import AwardType
from thidua.decisions.selectors import lines_in_force
from thidua.emulation.models import Registration, Target
from thidua.evaluation.models import AwardRecord
from thidua.evaluation.selectors import lineages_of
from thidua.organizations.models import BlockYear, Staff, Unit, UnitKind

COLLECTIVE, INDIVIDUAL = "collective", "individual"


@dataclass
class Pair:
    registered: int | None = None
    achieved: int = 0

    @property
    def gap(self) -> int | None:
        return None if self.registered is None else self.achieved - self.registered

    def add(self, other: Pair) -> None:
        if other.registered is not None:
            self.registered = (self.registered or 0) + other.registered
        self.achieved += other.achieved

    def as_json(self) -> dict:
        return {"registered": self.registered, "achieved": self.achieved}


@dataclass
class Row:
    code: str
    name: str
    position: int
    collective: Pair = field(default_factory=Pair)
    individual: Pair = field(default_factory=Pair)

    @property
    def shown(self) -> bool:
        """Registered (a count, even 0) or achieved, for either subject."""
        return any(p.registered is not None or p.achieved for p in (self.collective, self.individual))

    def as_json(self) -> dict:
        return {"code": self.code, "collective": self.collective.as_json(), "individual": self.individual.as_json()}


@dataclass
class UnitTargets:
    unit: Unit
    year: int
    rows: list[Row]
    registered: bool  # a registration of the year was found

    def as_json(self) -> dict:
        return {"unit": self.unit.code, "year": self.year, "rows": [r.as_json() for r in self.rows]}


def _catalog() -> list[AwardType]:
    return list(AwardType.objects.all())


def _empty_rows(catalog: list[AwardType]) -> dict[str, Row]:
    return {a.code: Row(a.code, a.name, a.position or 999) for a in catalog}


def targets_for(agencies: list[Unit], year: int) -> list[UnitTargets]:
    """Targets against results of each agency for `year`, in the order given."""
    if not agencies:
        return []
    lineage = lineages_of([a.pk for a in agencies])
    owner: dict[int, int] = {}  # any unit of an agency's lineage -> the agency
    for agency_id, family in lineage.items():
        for uid in family:
            owner.setdefault(uid, agency_id)
    departments = dict(Unit.objects.filter(parent_id__in=list(owner), kind=UnitKind.DEPARTMENT)
                       .values_list("pk", "parent_id"))
    collective_owner = dict(owner)
    for dept_id, family in lineages_of(list(departments)).items():
        for uid in family:
            collective_owner.setdefault(uid, owner[departments[dept_id]])

    catalog = _catalog()
    tables = {a.pk: _empty_rows(catalog) for a in agencies}
    found = set()
    for unit_id, code, cc, ic in Target.objects.filter(
            registration__unit_id__in=list(owner), registration__year=year).values_list(
            "registration__unit_id", "award_type__code", "collective_count", "individual_count"):
        agency_id = owner[unit_id]
        found.add(agency_id)
        row = tables[agency_id].get(code)
        if row is None:
            continue
        row.collective.add(Pair(cc, 0))
        row.individual.add(Pair(ic, 0))

    subjects: dict[tuple[int, str, str], set[int]] = defaultdict(set)
    # People and collectives in separate queries, each through its own index: one OR across the
    # staff join and the unit made SQLite read every award of the year in the nation (0.25 s).
    people = Staff.objects.filter(agency_id__in=list(owner)).values("pk")
    fields = ("code", "staff_id", "staff__agency_id", "unit_id")
    awarded = [
        *AwardRecord.objects.filter(staff_id__in=people, year=year).order_by().values_list(*fields),
        *AwardRecord.objects.filter(unit_id__in=list(collective_owner), year=year).order_by().values_list(*fields),
        *lines_in_force().filter(staff_id__in=people, year=year).order_by().values_list(*fields),
        *lines_in_force().filter(unit_id__in=list(collective_owner), year=year).order_by().values_list(*fields),
    ]
    for code, staff_id, staff_agency, unit_id in awarded:
        if staff_id is not None:
            subjects[(owner[staff_agency], code, INDIVIDUAL)].add(staff_id)
        else:
            subjects[(collective_owner[unit_id], code, COLLECTIVE)].add(unit_id)
    for (agency_id, code, kind), ids in subjects.items():
        row = tables[agency_id].get(code)
        if row is not None:
            getattr(row, kind).achieved += len(ids)

    return [UnitTargets(a, year, sorted((r for r in tables[a.pk].values() if r.shown),
                                        key=lambda r: (r.position, r.code)), a.pk in found) for a in agencies]


def unit_targets(unit: Unit, year: int) -> UnitTargets:
    return targets_for([unit], year)[0]


def has_year(unit: Unit, year: int) -> bool:
    """A registration or an award of the year exists for the unit (else the report has nothing to say)."""
    return (Registration.objects.filter(unit=unit, year=year).exists()
            or AwardRecord.objects.filter(staff_id__in=Staff.objects.filter(agency=unit).values("pk"),
                                          year=year).exists()
            or AwardRecord.objects.filter(Q(unit=unit) | Q(unit__parent=unit), year=year).exists())


@dataclass
class GroupTargets:
    """A block's or the province's members with their tables, and the totals row by row."""

    title: str
    year: int
    members: list[UnitTargets]
    totals: list[Row]


def _totals(members: list[UnitTargets]) -> list[Row]:
    merged: dict[str, Row] = {}
    for member in members:
        for row in member.rows:
            total = merged.setdefault(row.code, Row(row.code, row.name, row.position))
            total.collective.add(row.collective)
            total.individual.add(row.individual)
    return sorted(merged.values(), key=lambda r: (r.position, r.code))


def block_targets(block_year: BlockYear) -> GroupTargets:
    members = [m.unit for m in block_year.memberships.select_related("unit").order_by("position", "unit__name")]
    tables = targets_for(members, block_year.year)
    return GroupTargets(str(block_year.block), block_year.year, tables, _totals(tables))


def province_targets(province, year: int) -> GroupTargets:
    agencies = list(Unit.objects.filter(province=province, kind=UnitKind.AGENCY).order_by("position", "name"))
    tables = [t for t in targets_for(agencies, year) if t.rows]
    return GroupTargets(province.name, year, tables, _totals(tables))
