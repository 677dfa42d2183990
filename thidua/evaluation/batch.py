"""Judging many people at once: the same verdicts as `thidua.rules.eligibility.evaluate` case by
case, with each distinct situation judged once.

A title's rule reads only some of a history (see `window_key`): LĐTT and CSTĐCS the year judged;
CSTĐ cấp tỉnh the N years of its streak; CSTĐ toàn quốc the N×k years its titles cover, plus
which earlier years hold a CSTĐ cấp tỉnh — and of the years before the one judged only the
streak titles, whether there is a rating, and the initiatives. People whose histories agree on
that get the same verdict, so it is computed once and shared (verdicts are immutable). Codes without a
known window (Huân chương, qualitative forms) are judged on the whole case. Pure: no ORM.

`tests/evaluation/test_batch.py` checks with hypothesis that the batch gives exactly what
`evaluate` gives; a rule that starts reading other years must update `window_key` with it."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import replace
from typing import Any

from thidua.rules.eligibility import evaluate
from thidua.rules.law import Law
from thidua.rules.types import Case, CaseResult, Criteria, Verdict, YearRecord

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


# Titles read from years before a rule's window: CSTĐ toàn quốc names earlier CSTĐ cấp tỉnh.
EARLIER_TITLES: frozenset[str] = frozenset({"CSTD_TINH"})


def _span(code: str, criteria: Criteria) -> int | None:
    """How many years, ending with the year judged, the rule for `code` reads; None if not known."""
    if code in ("LDTT", "CSTDCS"):
        return 1
    if code == "CSTD_TINH":
        return criteria.cstd_tinh_streak_years
    if code == "CSTD_TQ":
        return criteria.cstd_tinh_streak_years * criteria.cstd_tq_consecutive_tinh
    return None


def first_year_read(codes: Iterable[str], year: int, criteria: Criteria) -> int | None:
    """The earliest year whose record the rules for `codes` read when judging `year`; before it they
    read only which years hold a title of EARLIER_TITLES. None when a code's reach is not known
    (then the whole history is needed)."""
    spans = [_span(code, criteria) for code in codes]
    if not spans or None in spans:
        return None
    return year - max(spans) + 1


def _window(code: str, case: Case, criteria: Criteria) -> tuple[range, tuple[int, ...]] | None:
    """The years the rule for `code` reads (always ending with the year judged), and the earlier
    years holding a CSTĐ cấp tỉnh (read by CSTĐ toàn quốc); None when the rule's reach is not known."""
    span = _span(code, criteria)
    if span is None:
        return None
    first = case.year - span + 1
    # Earlier CSTĐ cấp tỉnh titles decide between "not adjoining" and "no data" and are named.
    extra = tuple(r.year for r in case.history if r.year < first and "CSTD_TINH" in r.titles
                  ) if code == "CSTD_TQ" else ()
    return range(first, case.year + 1), extra


def _earlier(rec: YearRecord | None) -> Hashable:
    """What the streak rules read of a year before the one judged: whether there is a record, the
    streak titles it holds, whether it says anything (a rating or a title: `_informative`), and
    its initiatives and research, an earlier award of the same multi-year title (years are counted
    once) and the discipline (one in a counted year sends the title to review). Not the rating
    itself, nor other titles."""
    if rec is None:
        return None
    return (rec.year, "CSTDCS" in rec.titles, "CSTD_TINH" in rec.titles, "CSTD_TQ" in rec.titles,
            rec.rating is not None or bool(rec.titles), rec.initiatives, rec.research, rec.discipline)


def _content_key(code: str, case: Case, extra: tuple[int, ...], records: tuple[YearRecord | None, ...]
                 ) -> Hashable:
    *before, judged = records
    return (code, case.subject, case.year, case.rule_set, case.service_start, judged, tuple(map(_earlier, before)),
            extra)


def window_key(code: str, case: Case, criteria: Criteria) -> Hashable | None:
    """What the rule for `code` reads of `case`, as a hashable value: the year judged in full, the
    earlier years of the window as `_earlier` sees them; None when the rule's reach is not known
    (the whole case is then judged)."""
    window = _window(code, case, criteria)
    if window is None:
        return None
    years, extra = window
    return _content_key(code, case, extra, tuple(case.record(t) for t in years))


def evaluate_batch(cases: Iterable[Case], law: Law, criteria: Criteria,
                   ) -> list[CaseResult]:
    """`[evaluate(c, law, criteria) for c in cases]`, judging each distinct window once.

    Every window ends with the year judged, so each case's records are read once for the widest
    window and the others are its tails. Look-ups go first by the identity of those records
    (records loaded together are shared objects — see selectors.histories — so this is cheap and
    exact), then by their content as the rules read it (`window_key`)."""
    memo: dict[Hashable, tuple[str | None, Verdict]] = {}
    # identity key -> (rule set, verdict, the records): holding the records keeps their ids unique.
    by_identity: dict[Hashable, tuple[str | None, Verdict, Any]] = {}
    results = []
    for case in cases:
        if not case.ask:
            results.append(evaluate(case, law, criteria))
            continue
        windows = {code: _window(code, case, criteria) for code in case.ask}
        known = [w for w in windows.values() if w is not None]
        if known:
            first = min(years.start for years, _ in known)
            index = {r.year: r for r in reversed(case.history)}  # the first record of a year, as Case.record
            full = tuple([index.get(t) for t in range(first, case.year + 1)])
            ids = tuple(map(id, full))
        verdicts: dict[str, Verdict] = {}
        rule_set = case.rule_set
        whole: list[str] = []
        for code in case.ask:
            window = windows[code]
            if window is None:
                whole.append(code)
                continue
            years, extra = window
            span = len(years)
            fast = (code, case.subject, case.year, case.rule_set, ids[-span:], extra)
            hit = by_identity.get(fast)
            if hit is None:
                records = full[-span:]
                key = _content_key(code, case, extra, records)
                found = memo.get(key)
                if found is None:
                    one = evaluate(replace(case, ask=(code,)), law, criteria)
                    found = memo[key] = (one.rule_set, one.verdicts[code])
                hit = by_identity[fast] = (*found, records)
            rule_set, verdicts[code] = hit[0], hit[1]
        if whole:
            one = evaluate(replace(case, ask=tuple(whole)), law, criteria)
            rule_set = one.rule_set
            verdicts.update(one.verdicts)
        results.append(CaseResult(case.id, rule_set, {code: verdicts[code] for code in case.ask}))
    return results
