"""Reward money of a decision line (law.md §5): the coefficient and the base salary in force on the
decision date (catalog data), through the pure rule in thidua.rules.reward (rounded up to 10,000;
a collective's Huân chương × 2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from thidua.catalog import selectors as catalog
from thidua.rules.reward import RewardRules, reward_amount


class MoneyError(ValueError):
    """The money cannot be computed (no rule set, coefficient or base salary for the date)."""


@dataclass(frozen=True)
class LineMoney:
    coefficient: Decimal  # applied: a collective paid N × the individual amount shows N × the coefficient
    base_salary: int
    amount: int
    rule_set: str
    coefficient_basis: str
    salary_basis: str
    salary_confirmed: bool
    salary_from: dt.date | None = None


def line_money(code: str, *, collective: bool, on: dt.date, province_id: int | None = None,
               issuer_level: str = "") -> LineMoney:
    """The money of one line of a decision dated `on`, by the issuer's province and level."""
    rule_set = catalog.rule_set_on(on)
    if rule_set is None:
        raise MoneyError(f"Không có bộ quy định nào có hiệu lực vào ngày {on:%d/%m/%Y}.")
    salary = catalog.base_salary_on(on)
    if salary is None:
        raise MoneyError(f"Không có mức lương cơ sở áp dụng vào ngày {on:%d/%m/%Y}.")
    found = catalog.coefficient_for(code, rule_set=rule_set.code, on=on, collective=collective,
                                    province_id=province_id, issuer_level=issuer_level)
    if found is None:
        raise MoneyError(f"Chưa có hệ số tiền thưởng của {catalog.award_name(code)} theo "
                         f"{rule_set.name or rule_set.code} vào ngày {on:%d/%m/%Y}.")
    result = reward_amount(code, found.coefficient, salary.amount, rules=RewardRules(rule_set.money_rounding_step or 1),
                           collective_multiplier=found.collective_multiplier)
    # The line keeps two decimals (DecisionLine.coefficient): 1.00 × 2.0 is 2.000 until quantised, and
    # saving validates the field's decimal places.
    return LineMoney(coefficient=result.coefficient.quantize(Decimal("0.01")), base_salary=result.base_salary,
                     amount=result.amount,
                     rule_set=rule_set.code, coefficient_basis=found.basis, salary_basis=salary.basis,
                     salary_confirmed=salary.confirmed, salary_from=salary.valid_from)
