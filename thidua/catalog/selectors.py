"""Read the law-as-data tables and hand back the plain values of thidua.rules, so the rules stay
pure and an administrator's correction of a row takes effect without a release."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from thidua.catalog.models import AwardType, BaseSalary, RewardCoefficient, RuleSet
from thidua.rules import regimes
from thidua.rules.reward import BaseSalaryPeriod
from thidua.rules.reward import base_salary_on as _base_salary_on
from thidua.rules.types import RuleSetPeriod


def rule_set_periods() -> tuple[RuleSetPeriod, ...]:
    """Every rule set with its period, oldest first."""
    return tuple(
        RuleSetPeriod(code=rs.code, valid_from=rs.valid_from, valid_to=rs.valid_to, name=rs.name)
        for rs in RuleSet.objects.order_by("valid_from")
    )


def rule_set_on(day: dt.date) -> RuleSetPeriod | None:
    """The rule set in force on `day` (reward money: the decision date)."""
    return regimes.rule_set_on(day, rule_set_periods())


def rule_set_for_year(year: int) -> RuleSetPeriod | None:
    """The rule set under which titles for `year` are judged (in force on 31/12)."""
    return regimes.rule_set_for_year(year, rule_set_periods())


def award_subject(code: str) -> str | None:
    """'individual', 'collective' or 'both' for a catalog code; None if the code is unknown."""
    return AwardType.objects.filter(code=code).values_list("subject", flat=True).first()


def reward_coefficient(code: str, *, rule_set: str, on: dt.date | None = None,
                       subject: str = "individual", province_id: int | None = None) -> Decimal | None:
    """The coefficient of `code` for `subject` under `rule_set`, in force on `on` when given.
    A province's own row wins over the national row; then a row for the exact subject wins over a
    row for "both" (which serves either subject); then the latest-starting row."""
    rows = RewardCoefficient.objects.filter(rule_set__code=rule_set, code=code, subject__in=[subject, "both"])
    rows = rows.filter(Q(province__isnull=True) | Q(province_id=province_id)) if province_id else rows.filter(
        province__isnull=True)
    if on is not None:
        rows = rows.in_force_on(on)
    rows = sorted(rows, key=lambda r: (r.province_id is None, r.subject != subject, -r.valid_from.toordinal()))
    return rows[0].coefficient if rows else None


def base_salaries() -> tuple[BaseSalaryPeriod, ...]:
    return tuple(
        BaseSalaryPeriod(amount=s.amount, valid_from=s.valid_from, valid_to=s.valid_to,
                         confirmed=s.confirmed, basis=s.basis)
        for s in BaseSalary.objects.order_by("valid_from")
    )


def base_salary_on(day: dt.date) -> BaseSalaryPeriod | None:
    """Mức lương cơ sở in force on `day`, or None if none is recorded for it."""
    return _base_salary_on(day, base_salaries())
