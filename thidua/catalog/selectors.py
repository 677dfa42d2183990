"""Read the law-as-data tables and hand back the plain values of thidua.rules, so the rules stay
pure and an administrator's correction of a row takes effect without a release."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, Subquery

from thidua.catalog import criteria as criteria_fields
from thidua.catalog import names, reference
from thidua.catalog.models import (
    AwardType,
    BaseSalary,
    CriteriaSetting,
    LegalText,
    ProvinceSetting,
    QuotaRule,
    RewardCoefficient,
    RuleSet,
    ThresholdLevel,
    VoteThreshold,
)
from thidua.rules import regimes
from thidua.rules.law import Award, Law, Quota
from thidua.rules.reward import BaseSalaryPeriod
from thidua.rules.reward import base_salary_on as _base_salary_on
from thidua.rules.types import Criteria, RuleSetPeriod


def _short_name(kind: str) -> Subquery:
    return Subquery(LegalText.objects.filter(rule_set=OuterRef("pk"), kind=kind, people_committee_only=False)
                    .order_by("position", "id")
                    .values("short_name")[:1])


def rule_set_periods() -> tuple[RuleSetPeriod, ...]:
    """Every rule set with its period and the short names of its law and decree (one query), oldest
    first."""
    rows = RuleSet.objects.annotate(law_name=_short_name("Luật"), decree_name=_short_name("Nghị định"))
    return tuple(
        RuleSetPeriod(code=rs.code, valid_from=rs.valid_from, valid_to=rs.valid_to, name=rs.name,
                      ldtt_min_months=rs.ldtt_min_months, ldtt_min_months_basis=rs.ldtt_min_months_basis,
                      law_name=rs.law_name or "", decree_name=rs.decree_name or "",
                      money_rounding_step=rs.money_rounding_step,
                      citations=tuple((rs.citations or {}).items()))
        for rs in rows.order_by("valid_from")
    )


def awards() -> dict[str, Award]:
    """Every title and form of the catalog, as the rules read them (one query, once per request: the
    names module drops its copy when a request starts or an administrator saves a title)."""
    return {code: Award(code, name, subject, kind, note)
            for code, (name, subject, kind, note) in names.award_rows().items()}


class _Lazy(Sequence):
    """A tuple read from the database the first time it is looked at: most judgements never need
    the quotas, so a page that judges people does not pay their query."""

    def __init__(self, load: Callable[[], Iterable]) -> None:
        self._load, self._items = load, None

    def _get(self) -> tuple:
        if self._items is None:
            self._items = tuple(self._load())
        return self._items

    def __getitem__(self, index):  # type: ignore[override]
        return self._get()[index]

    def __len__(self) -> int:
        return len(self._get())


def _national_quotas() -> list[Quota]:
    return [Quota(q.rule_set.code, q.code, q.base_code, q.ratio, q.basis)
            for q in QuotaRule.objects.filter(province__isnull=True).select_related("rule_set").order_by("valid_from")]


def law_snapshot(*, periods: tuple[RuleSetPeriod, ...] | None = None,
                 criteria: Mapping[str, Criteria] | None = None) -> Law:
    """The law as the rules read it (`thidua.rules.law.Law`): the catalog's awards, the rule sets,
    the national quotas (read when first needed) and the criteria given (else the built-in ones;
    `thidua.catalog.law.snapshot` adds the criteria settings in force). Two queries."""
    return Law(awards=awards(), periods=rule_set_periods() if periods is None else periods,
               default_criteria=reference.default_criteria(), criteria=dict(criteria or {}),
               quotas=_Lazy(_national_quotas))  # type: ignore[arg-type]


def quotas_for_year(province_id: int | None, year: int) -> tuple[RuleSet | None, list[Quota]]:
    """The rule set for year Y (in force on 31/12/Y) and its quotas in force then, a province's row
    overriding the national row for the same code; rounding from the row, else the province
    setting, else down. Three queries."""
    rule_set = RuleSet.for_year(year)
    if rule_set is None:
        return None, []
    rows = QuotaRule.objects.in_force_on(dt.date(year, 12, 31)).filter(rule_set=rule_set)
    rows = rows.filter(province__isnull=True) | rows.filter(province_id=province_id)
    chosen: dict[str, QuotaRule] = {}
    for row in rows:
        current = chosen.get(row.code)
        if current is None or (current.province_id is None and row.province_id is not None):
            chosen[row.code] = row  # a province's own row wins over the national one
    setting = ProvinceSetting.objects.filter(province_id=province_id).first()
    default_rounding = setting.quota_rounding if setting else "down"
    return rule_set, [Quota(rule_set.code, r.code, r.base_code, r.ratio, r.basis, r.rounding or default_rounding)
                      for r in chosen.values()]


def rule_set_on(day: dt.date) -> RuleSetPeriod | None:
    """The rule set in force on `day` (reward money: the decision date)."""
    return regimes.rule_set_on(day, rule_set_periods())


def rule_set_for_year(year: int) -> RuleSetPeriod | None:
    """The rule set under which titles for `year` are judged (in force on 31/12)."""
    return regimes.rule_set_for_year(year, rule_set_periods())


def award_name(code: str) -> str:
    """The catalog name of a code (the code itself if unknown)."""
    return AwardType.objects.filter(code=code).values_list("name", flat=True).first() or code


def award_subject(code: str) -> str | None:
    """'individual', 'collective' or 'both' for a catalog code; None if the code is unknown."""
    return AwardType.objects.filter(code=code).values_list("subject", flat=True).first()


@dataclass(frozen=True)
class Coefficient:
    """The coefficient row that applies, with what a collective receives and its legal basis."""

    code: str
    rule_set: str
    subject: str
    issuer_level: str
    coefficient: Decimal
    collective_multiplier: Decimal | None  # set when a collective is paid N × the individual amount
    basis: str
    certainty: str
    province_id: int | None


def coefficient_for(code: str, *, rule_set: str, on: dt.date | None = None, collective: bool = False,
                    province_id: int | None = None, issuer_level: str = "") -> Coefficient | None:
    """The coefficient of `code` under `rule_set` in force on `on`.

    For a collective: a row recorded for collectives (the collective titles' own coefficient) or
    else an individual row that carries a collective multiplier; for an individual: the individual
    row. Then, most specific first: a row for the issuer's level over a row for any level; a
    province's own row over the national row; the latest-starting row."""
    rows = RewardCoefficient.objects.filter(rule_set__code=rule_set, code=code)
    rows = rows.filter(Q(province__isnull=True) | Q(province_id=province_id)) if province_id else rows.filter(
        province__isnull=True)
    rows = rows.filter(issuer_level__in=["", issuer_level]) if issuer_level else rows.filter(issuer_level="")
    if on is not None:
        rows = rows.in_force_on(on)
    if collective:
        rows = [r for r in rows if r.subject == "collective" or r.collective_multiplier is not None]
        subjects = ["collective", "both", "individual"]
    else:
        rows = [r for r in rows if r.subject != "collective"]
        subjects = ["individual", "both"]
    rows.sort(key=lambda r: (r.issuer_level == "", r.province_id is None, subjects.index(r.subject),
                             -r.valid_from.toordinal()))
    if not rows:
        return None
    row = rows[0]
    return Coefficient(
        code=code, rule_set=rule_set, subject=row.subject, issuer_level=row.issuer_level,
        coefficient=row.coefficient,
        collective_multiplier=row.collective_multiplier if collective and row.subject != "collective" else None,
        basis=row.basis, certainty=row.certainty, province_id=row.province_id,
    )


def reward_coefficient(code: str, *, rule_set: str, on: dt.date | None = None,
                       subject: str = "individual", province_id: int | None = None) -> Decimal | None:
    """The coefficient row's own value for `subject`; a collective title (no individual row) answers
    with its collective coefficient."""
    found = coefficient_for(code, rule_set=rule_set, on=on, collective=subject == "collective",
                            province_id=province_id)
    if found is None and subject != "collective":
        found = coefficient_for(code, rule_set=rule_set, on=on, collective=True, province_id=province_id)
    return found.coefficient if found else None


def base_salaries() -> tuple[BaseSalaryPeriod, ...]:
    return tuple(
        BaseSalaryPeriod(amount=s.amount, valid_from=s.valid_from, valid_to=s.valid_to,
                         confirmed=s.confirmed, basis=s.basis)
        for s in BaseSalary.objects.order_by("valid_from")
    )


def base_salary_on(day: dt.date) -> BaseSalaryPeriod | None:
    """Mức lương cơ sở in force on `day`, or None if none is recorded for it."""
    return _base_salary_on(day, base_salaries())


def legal_citations(rule_set: str, *, people_committee: bool = False) -> list[str]:
    """The "Căn cứ …;" lines of a rule set's texts that decisions cite, in order (catalog data): for a
    People's Committee, the law on local government first."""
    texts = LegalText.objects.filter(rule_set__code=rule_set, cited_in_decisions=True)
    if not people_committee:
        texts = texts.filter(people_committee_only=False)
    return [t.citation_line() for t in texts.order_by("-people_committee_only", "position", "id")]


def rule_set_codes() -> list[str]:
    return list(RuleSet.objects.order_by("valid_from").values_list("code", flat=True))


# --- criteria settings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriteriaInForce:
    """The criteria for a rule set and province on a day, with the rows that changed the defaults."""

    rule_set: str
    criteria: Criteria
    settings: tuple[CriteriaSetting, ...]  # the rows applied (province rows win over national ones)


def criteria_in_force(*, rule_set: str, province_id: int | None, on: dt.date) -> CriteriaInForce:
    """One query. A row whose value no longer parses (e.g. saved around the admin's validation) is
    skipped, so the default stays in force rather than a page failing."""
    rows = (CriteriaSetting.objects.in_force_on(on).filter(rule_set__code=rule_set)
            .filter(Q(province__isnull=True) | Q(province_id=province_id)).select_related("province"))
    chosen: dict[str, CriteriaSetting] = {}
    for row in sorted(rows, key=lambda r: (r.province_id is not None, r.valid_from)):
        chosen[row.key] = row  # national first, then the province's own row replaces it
    values: dict[str, Any] = {}
    used = []
    for key, row in chosen.items():
        try:
            values[key] = criteria_fields.parse(key, row.value)
        except ValueError:
            continue
        used.append(row)
    return CriteriaInForce(rule_set, criteria_fields.apply(values), tuple(used))


def criteria_for(*, rule_set: str, province_id: int | None, on: dt.date) -> Criteria:
    return criteria_in_force(rule_set=rule_set, province_id=province_id, on=on).criteria


# --- council vote thresholds ---------------------------------------------------------------------


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
