"""Reward money (law.md §5): coefficient × base salary in force on the decision date, rounded up
to the next 10,000 đồng (ND 98/2023); a collective receives 2× the individual amount for a Huân
chương (ND 98/2023 Điều 55 khoản 2). Decimal throughout: money is never a float."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal


@dataclass(frozen=True)
class RewardRules:
    """The knobs of §5 as data (a later decree may change them)."""

    rounding_step: int = 10_000  # "làm tròn lên hàng chục nghìn đồng"
    collective_multiplier: Decimal = Decimal(2)
    collective_multiplied_prefix: str = "HC"  # Huân chương codes


@dataclass(frozen=True)
class RewardAmount:
    code: str
    collective: bool
    individual_coefficient: Decimal
    coefficient: Decimal  # applied: × 2 for a collective's Huân chương
    base_salary: int
    exact: Decimal  # coefficient × base salary, before rounding
    amount: int  # đồng, rounded up to the step


@dataclass(frozen=True)
class BaseSalaryPeriod:
    """Mức lương cơ sở (đồng per month) in force from `valid_from` to `valid_to` (inclusive)."""

    amount: int
    valid_from: dt.date
    valid_to: dt.date | None = None
    confirmed: bool = True
    basis: str = ""

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def round_up(value: Decimal, step: int) -> int:
    """Up to the next multiple of `step` (a multiple stays as it is)."""
    if step <= 0:
        raise ValueError("step must be positive")
    steps = (Decimal(value) / step).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * step


def applied_coefficient(code: str, coefficient: Decimal | str, *, collective: bool = False,
                        rules: RewardRules | None = None) -> Decimal:
    rules = rules or RewardRules()
    coefficient = Decimal(coefficient)
    if collective and code.upper().startswith(rules.collective_multiplied_prefix):
        return coefficient * rules.collective_multiplier
    return coefficient


def reward_amount(code: str, coefficient: Decimal | str, base_salary: int | Decimal, *,
                  collective: bool = False, rules: RewardRules | None = None) -> RewardAmount:
    """Reward for `code` given its individual coefficient and the base salary in force on the
    decision date. The collective multiplier applies before rounding: the decree rounds the
    money actually paid."""
    rules = rules or RewardRules()
    if isinstance(coefficient, float) or isinstance(base_salary, float):
        raise TypeError("money must not be computed with floats; pass Decimal, int or str")
    individual = Decimal(coefficient)
    if individual < 0 or Decimal(base_salary) < 0:
        raise ValueError("coefficient and base salary must not be negative")
    applied = applied_coefficient(code, individual, collective=collective, rules=rules)
    exact = applied * Decimal(base_salary)
    return RewardAmount(
        code=code, collective=collective, individual_coefficient=individual, coefficient=applied,
        base_salary=int(base_salary), exact=exact, amount=round_up(exact, rules.rounding_step),
    )


def base_salary_on(day: dt.date, salaries: Iterable[BaseSalaryPeriod]) -> BaseSalaryPeriod | None:
    """The base salary in force on `day` (the latest-starting one if periods overlap)."""
    in_force = [s for s in salaries if s.in_force_on(day)]
    return max(in_force, key=lambda s: s.valid_from) if in_force else None
