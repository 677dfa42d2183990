"""Award statistics for charts: how many titles and forms were given, by year, by level, by title or
form and by agency — for a province (every decision issued in it) or for one agency (its people and
collectives, following renames and merges). Counted from decision lines in force."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from thidua.catalog.models import AwardType
from thidua.decisions.models import DecisionLine
from thidua.decisions.selectors import lines_in_force
from thidua.organizations.models import Province, Unit
from thidua.organizations.services import lineage_ids

from .statistics import LEVEL_LABELS, LEVEL_ORDER

YEARS_SHOWN = 10


@dataclass
class Series:
    labels: list[str]
    collective: list[int]
    individual: list[int]

    def rows(self) -> list[tuple[str, int, int, int]]:
        return [(label, c, i, c + i) for label, c, i in zip(self.labels, self.collective, self.individual, strict=True)]

    def as_chart(self) -> dict:
        return {"labels": self.labels, "collective": self.collective, "individual": self.individual}


@dataclass
class AwardStatistics:
    years: list[int]
    year: int | None
    by_year: Series
    by_level: Series
    by_form: Series
    by_unit: Series | None


def province_lines(province: Province) -> QuerySet[DecisionLine]:
    return lines_in_force().filter(decision__issuer__province=province)


def agency_lines(agency: Unit) -> QuerySet[DecisionLine]:
    lineage = lineage_ids(agency.pk)
    return lines_in_force().filter(Q(staff__agency_id__in=lineage) | Q(unit_id__in=lineage)
                                   | Q(unit__parent_id__in=lineage))


def _series(counter: Counter, order: list[str]) -> Series:
    return Series(labels=order, collective=[counter[(key, True)] for key in order],
                  individual=[counter[(key, False)] for key in order])


def award_statistics(lines: QuerySet[DecisionLine], year: int | None, *, by_unit: bool) -> AwardStatistics:
    rows = list(lines.values_list("year", "code", "unit_id", "unit__parent_id", "unit__kind", "staff__agency_id"))
    years = sorted({r[0] for r in rows})[-YEARS_SHOWN:]
    year = year if year in years else (years[-1] if years else None)
    by_year = Counter((str(r[0]), r[2] is not None) for r in rows if r[0] in years)
    awards = {a.code: a for a in AwardType.objects.all()}
    in_year = [r for r in rows if r[0] == year]

    def level(code: str) -> str:
        award = awards.get(code)
        return LEVEL_LABELS.get(award.level, award.level) if award else "Khác"

    def name(code: str) -> str:
        return awards[code].name if code in awards else code

    by_level = Counter((level(r[1]), r[2] is not None) for r in in_year)
    level_order = [LEVEL_LABELS[k] for k in LEVEL_ORDER if any(key == LEVEL_LABELS[k] for key, _ in by_level)]
    level_order += sorted({key for key, _ in by_level} - set(level_order))
    by_form = Counter((name(r[1]), r[2] is not None) for r in in_year)
    form_order = sorted({key for key, _ in by_form}, key=lambda k: -(by_form[(k, True)] + by_form[(k, False)]))
    unit_series = None
    if by_unit:
        def agency_of(r) -> int | None:
            if r[2] is None:
                return r[5]
            return r[3] if r[4] == "department" else r[2]

        by_agency = Counter((agency_of(r), r[2] is not None) for r in in_year)
        names = dict(Unit.objects.filter(pk__in={k for k, _ in by_agency if k}).values_list("pk", "name"))
        named = Counter({(names.get(k, "Khác"), c): n for (k, c), n in by_agency.items()})
        unit_order = sorted({key for key, _ in named}, key=lambda k: -(named[(k, True)] + named[(k, False)]))[:25]
        unit_series = _series(named, unit_order)
    return AwardStatistics(years=years, year=year, by_year=_series(by_year, [str(y) for y in years]),
                           by_level=_series(by_level, level_order), by_form=_series(by_form, form_order),
                           by_unit=unit_series)
