"""Which legal regime (rule set) applies: a title for year Y is judged under the rule set in force
at the end of Y; reward money under the one in force on the decision date (law.md §1).

The periods are passed in (from the database in the application); DEFAULT_PERIODS mirrors
thidua/catalog/reference.py RULE_SETS for pure use and tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from thidua.rules.types import RuleSetPeriod

ND91_2017 = "ND91-2017"
LUAT2022_ND98 = "LUAT2022-ND98"
LUAT2022_ND152 = "LUAT2022-ND152"

DEFAULT_PERIODS: tuple[RuleSetPeriod, ...] = (
    RuleSetPeriod(ND91_2017, dt.date(2017, 10, 1), dt.date(2023, 12, 31),
                  "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP", 10, "Nghị định 91/2017/NĐ-CP Điều 6"),
    RuleSetPeriod(LUAT2022_ND98, dt.date(2024, 1, 1), dt.date(2025, 6, 30),
                  "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP", 10,
                  "mặc định giữ quy định của Nghị định 91/2017/NĐ-CP Điều 6"),
    RuleSetPeriod(LUAT2022_ND152, dt.date(2025, 7, 1), None,
                  "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP", 10,
                  "mặc định giữ quy định của Nghị định 91/2017/NĐ-CP Điều 6"),
)


def rule_set_on(day: dt.date, periods: Iterable[RuleSetPeriod] = DEFAULT_PERIODS) -> RuleSetPeriod | None:
    """The rule set in force on `day` (the latest-starting one if periods overlap by mistake)."""
    in_force = [p for p in periods if p.in_force_on(day)]
    if not in_force:
        return None
    return max(in_force, key=lambda p: p.valid_from or dt.date.min)


def rule_set_for_year(year: int, periods: Iterable[RuleSetPeriod] = DEFAULT_PERIODS) -> RuleSetPeriod | None:
    """The rule set under which a title for `year` is judged: the one in force on 31/12 of it."""
    return rule_set_on(dt.date(year, 12, 31), periods)


def find_rule_set(code: str, periods: Iterable[RuleSetPeriod] = DEFAULT_PERIODS) -> RuleSetPeriod | None:
    for p in periods:
        if p.code == code:
            return p
    return None
