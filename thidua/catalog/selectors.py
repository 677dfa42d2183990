"""Read the law-as-data tables and hand back the plain values of thidua.rules, so the rules stay
pure and an administrator's correction of a row takes effect without a release."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from thidua.catalog.models import AwardType, BaseSalary, LegalText, RewardCoefficient, RuleSet
from thidua.rules import regimes
from thidua.rules.reward import BaseSalaryPeriod
from thidua.rules.reward import base_salary_on as _base_salary_on
from thidua.rules.types import RuleSetPeriod


def rule_set_periods() -> tuple[RuleSetPeriod, ...]:
    """Every rule set with its period, oldest first."""
    return tuple(
        RuleSetPeriod(code=rs.code, valid_from=rs.valid_from, valid_to=rs.valid_to, name=rs.name,
                      ldtt_min_months=rs.ldtt_min_months, ldtt_min_months_basis=rs.ldtt_min_months_basis)
        for rs in RuleSet.objects.order_by("valid_from")
    )


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


def legal_citations(rule_set: str) -> list[str]:
    """The "Căn cứ …;" lines of a rule set's texts that decisions cite, in order (catalog data)."""
    return [t.citation_line() for t in LegalText.objects.filter(rule_set__code=rule_set, cited_in_decisions=True)
            .order_by("position", "id")]


def rule_set_codes() -> list[str]:
    return list(RuleSet.objects.order_by("valid_from").values_list("code", flat=True))
