"""Reward money of a decision line (law.md §5): the coefficient and the base salary in force on the
decision date (catalog data), through the pure rule in thidua.rules.reward (rounded up to 10,000;
a collective's Huân chương × 2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from thidua.catalog import selectors as catalog
from thidua.catalog.models import RewardCoefficient
from thidua.rules.reward import reward_amount


class MoneyError(ValueError):
    """The money cannot be computed (no rule set, coefficient or base salary for the date)."""


@dataclass(frozen=True)
class LineMoney:
    coefficient: Decimal  # applied: a collective's Huân chương is already × 2
    base_salary: int
    amount: int
    rule_set: str
    coefficient_basis: str
    salary_basis: str
    salary_confirmed: bool


def _coefficient_row(code: str, *, rule_set: str, on: dt.date, collective: bool,
                     province_id: int | None) -> RewardCoefficient | None:
    """A province's own row over the national one; for a collective, a row recorded for collectives
    over a row for both over the individual's; then the latest-starting row."""
    rows = RewardCoefficient.objects.filter(rule_set__code=rule_set, code=code).in_force_on(on)
    if any(f.name == "province" for f in RewardCoefficient._meta.fields):
        rows = rows.filter(Q(province__isnull=True) | Q(province_id=province_id))
    order = ["collective", "both", "individual"] if collective else ["individual", "both"]
    rows = [r for r in rows if r.subject in order]
    rows.sort(key=lambda r: (getattr(r, "province_id", None) is None, order.index(r.subject),
                             -r.valid_from.toordinal()))
    return rows[0] if rows else None


def line_money(code: str, *, collective: bool, on: dt.date, province_id: int | None = None) -> LineMoney:
    rule_set = catalog.rule_set_on(on)
    if rule_set is None:
        raise MoneyError(f"Không có bộ quy định nào có hiệu lực vào ngày {on:%d/%m/%Y}.")
    salary = catalog.base_salary_on(on)
    if salary is None:
        raise MoneyError(f"Không có mức lương cơ sở áp dụng vào ngày {on:%d/%m/%Y}.")
    row = _coefficient_row(code, rule_set=rule_set.code, on=on, collective=collective, province_id=province_id)
    if row is None:
        raise MoneyError(f"Chưa có hệ số tiền thưởng của {code} theo bộ quy định {rule_set.code} "
                         f"vào ngày {on:%d/%m/%Y}.")
    # A row recorded for collectives is the collective's own coefficient; otherwise the rule doubles
    # the individual's for a Huân chương (ND 98/2023 Điều 55 khoản 2).
    result = reward_amount(code, row.coefficient, salary.amount,
                           collective=collective and row.subject != "collective")
    return LineMoney(coefficient=result.coefficient, base_salary=result.base_salary, amount=result.amount,
                     rule_set=rule_set.code, coefficient_basis=row.basis, salary_basis=salary.basis,
                     salary_confirmed=salary.confirmed)
