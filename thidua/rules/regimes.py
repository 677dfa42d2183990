"""Which legal regime (rule set) applies: a title for year Y is judged under the rule set in force
at the end of Y; reward money under the one in force on the decision date (law.md §1).

The periods are passed in: from the database in the application (catalog.selectors), from
thidua/catalog/reference.py (`reference_periods`) without one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from thidua.rules.types import RuleSetPeriod


def rule_set_on(day: dt.date, periods: Iterable[RuleSetPeriod]) -> RuleSetPeriod | None:
    """The rule set in force on `day` (the latest-starting one if periods overlap by mistake)."""
    in_force = [p for p in periods if p.in_force_on(day)]
    if not in_force:
        return None
    return max(in_force, key=lambda p: p.valid_from or dt.date.min)


def rule_set_for_year(year: int, periods: Iterable[RuleSetPeriod]) -> RuleSetPeriod | None:
    """The rule set under which a title for `year` is judged: the one in force on 31/12 of it."""
    return rule_set_on(dt.date(year, 12, 31), periods)


def find_rule_set(code: str, periods: Iterable[RuleSetPeriod]) -> RuleSetPeriod | None:
    for p in periods:
        if p.code == code:
            return p
    return None
