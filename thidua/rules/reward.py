"""Reward money (law.md §5): coefficient × base salary in force on the decision date, rounded up
to the next 10,000 đồng (ND 98/2023). Where the law gives a coefficient per individual and pays a
collective "gấp 02 lần mức tiền thưởng đối với cá nhân" (HC*, BK_*, GK …), the
collective receives the multiplier times the individual amount; the multiplier is catalog data.
Decimal throughout: money is never a float."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal


@dataclass(frozen=True)
class RewardRules:
    """The knobs of §5 as data (a later decree may change them): the rule set's
    `money_rounding_step` (catalog RuleSet), e.g. "làm tròn lên hàng chục nghìn đồng"."""

    rounding_step: int


@dataclass(frozen=True)
class RewardAmount:
    code: str
    collective: bool
    individual_coefficient: Decimal
    coefficient: Decimal  # applied: × the collective multiplier for a collective
    base_salary: int
    exact: Decimal  # coefficient × base salary, before rounding
    amount: int  # đồng: rounded up to the step, then × the collective multiplier
    multiplier: Decimal = Decimal(1)


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


def reward_amount(code: str, coefficient: Decimal | str, base_salary: int | Decimal, *, rules: RewardRules,
                  collective_multiplier: Decimal | str | None = None) -> RewardAmount:
    """Reward for `code` given its coefficient and the base salary in force on the decision date.

    `collective_multiplier` (a collective paid N times the individual amount) multiplies the
    individual amount as rounded: the decree fixes the individual's amount and pays the collective
    "gấp 02 lần" that amount, so a collective's money is always exactly twice an individual's
    (Bình Phước QĐ 335/2022: 2 × 1,490,000 = 2,980,000). A collective title with its own
    coefficient passes no multiplier."""
    if isinstance(coefficient, float) or isinstance(base_salary, float) or isinstance(collective_multiplier, float):
        raise TypeError("money must not be computed with floats; pass Decimal, int or str")
    individual = Decimal(coefficient)
    multiplier = Decimal(collective_multiplier) if collective_multiplier is not None else Decimal(1)
    if individual < 0 or Decimal(base_salary) < 0 or multiplier <= 0:
        raise ValueError("coefficient and base salary must not be negative, a multiplier must be positive")
    exact = individual * Decimal(base_salary)
    amount = round_up(exact, rules.rounding_step) * multiplier
    if amount != amount.to_integral_value():
        raise ValueError("a collective multiplier must give whole đồng")
    return RewardAmount(
        code=code, collective=collective_multiplier is not None, individual_coefficient=individual,
        coefficient=individual * multiplier, base_salary=int(base_salary), exact=exact * multiplier,
        amount=int(amount), multiplier=multiplier,
    )


def base_salary_on(day: dt.date, salaries: Iterable[BaseSalaryPeriod]) -> BaseSalaryPeriod | None:
    """The base salary in force on `day` (the latest-starting one if periods overlap)."""
    in_force = [s for s in salaries if s.in_force_on(day)]
    return max(in_force, key=lambda s: s.valid_from) if in_force else None
