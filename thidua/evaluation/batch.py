"""Judging many people at once: the same verdicts as `thidua.rules.eligibility.evaluate` case by
case, with each distinct situation judged once.

A title's rule reads only some years of a history (see `window_key`): LĐTT and CSTĐCS the year
judged; CSTĐ cấp tỉnh the N years of its streak; CSTĐ toàn quốc the N×k years its titles cover,
plus which earlier years hold a CSTĐ cấp tỉnh. People whose histories agree on those years get
the same verdict, so it is computed once and shared (verdicts are immutable). Codes without a
known window (Huân chương, qualitative forms) are judged on the whole case. Pure: no ORM.

`tests/evaluation/test_batch.py` checks with hypothesis that the batch gives exactly what
`evaluate` gives; a rule that starts reading other years must update `window_key` with it."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace

from thidua.rules.eligibility import evaluate
from thidua.rules.types import Case, CaseResult, Criteria, RuleSetPeriod, Verdict, YearRecord

INDIVIDUAL_TITLES: tuple[str, ...] = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ")


class IndexedCase(Case):
    """A `Case` whose `record(year)` is a dictionary look-up instead of a scan (same answers)."""

    def record(self, year: int) -> YearRecord | None:
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for rec in self.history:
                index.setdefault(rec.year, rec)  # the first record of a year, as Case.record
            object.__setattr__(self, "_index", index)
        return index.get(year)


def window_key(code: str, case: Case, criteria: Criteria) -> Hashable | None:
    """What the rule for `code` reads of `case`, as a hashable value; None when not known (the
    whole case is then judged)."""
    y = case.year
    if code in ("LDTT", "CSTDCS"):
        years = range(y, y + 1)
        extra: tuple[int, ...] = ()
    elif code == "CSTD_TINH":
        years = range(y - criteria.cstd_tinh_streak_years + 1, y + 1)
        extra = ()
    elif code == "CSTD_TQ":
        first = y - criteria.cstd_tinh_streak_years * criteria.cstd_tq_consecutive_tinh + 1
        years = range(first, y + 1)
        # Earlier CSTĐ cấp tỉnh titles decide between "not adjoining" and "no data" and are named.
        extra = tuple(r.year for r in case.history if r.year < first and "CSTD_TINH" in r.titles)
    else:
        return None
    return code, case.subject, y, case.rule_set, tuple(case.record(t) for t in years), extra


def evaluate_batch(cases: Iterable[Case], periods: Sequence[RuleSetPeriod], criteria: Criteria,
                   ) -> list[CaseResult]:
    """`[evaluate(c, periods, criteria) for c in cases]`, judging each distinct window once."""
    periods = tuple(periods)
    memo: dict[Hashable, tuple[str | None, Verdict]] = {}
    results = []
    for case in cases:
        if not case.ask:
            results.append(evaluate(case, periods, criteria))
            continue
        verdicts: dict[str, Verdict] = {}
        rule_set = case.rule_set
        whole: list[str] = []
        for code in case.ask:
            key = window_key(code, case, criteria)
            if key is None:
                whole.append(code)
                continue
            hit = memo.get(key)
            if hit is None:
                one = evaluate(replace(case, ask=(code,)), periods, criteria)
                hit = memo[key] = (one.rule_set, one.verdicts[code])
            rule_set, verdicts[code] = hit
        if whole:
            one = evaluate(replace(case, ask=tuple(whole)), periods, criteria)
            rule_set = one.rule_set
            verdicts.update(one.verdicts)
        results.append(CaseResult(case.id, rule_set, {code: verdicts[code] for code in case.ask}))
    return results
