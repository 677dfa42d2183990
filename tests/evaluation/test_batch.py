"""Judging many people at once gives exactly what judging them one by one gives (hypothesis)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.catalog.reference import default_criteria, reference_law
from thidua.evaluation.batch import (
    EARLIER_TITLES,
    INDIVIDUAL_TITLES,
    IndexedCase,
    evaluate_batch,
    first_year_read,
    window_key,
)
from thidua.rules.eligibility import evaluate
from thidua.rules.types import Achievement, Case, YearRecord

LAW = reference_law()

RATINGS = ["KHTNV", "HTNV", "HTTNV", "HTXSNV", None]
SCOPES = ["co_so", "tinh", "toan_quoc", None]
TITLES = ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TTG"]
ASK = (*INDIVIDUAL_TITLES, "HCLD3", "BK_TINH")


titles = st.one_of(st.just(frozenset()), st.sets(st.sampled_from(TITLES), max_size=3).map(frozenset))
initiatives = st.lists(st.sampled_from(SCOPES), max_size=2).map(
    lambda s: tuple(Achievement("initiative", x) for x in s))
research = st.lists(st.sampled_from(SCOPES), max_size=1).map(lambda s: tuple(Achievement("research", x) for x in s))
FIELDS = {
    "rating": st.sampled_from(RATINGS),
    "titles": titles,
    "initiatives": initiatives,
    "research": research,
    "discipline": st.sampled_from([None] * 6 + ["khien_trach", "canh_cao"]),
}


@st.composite
def records(draw, year: int) -> YearRecord:
    return YearRecord(year=year, **{name: draw(strategy) for name, strategy in FIELDS.items()})


@st.composite
def people(draw):
    """People judged in the same year, then near-twins of them — one field of one year changed,
    or one year dropped — so the batch both reuses verdicts and must not reuse them wrongly."""
    judged = draw(st.integers(2018, 2027))
    out = []
    for i in range(draw(st.integers(1, 3))):
        history = {y: draw(records(y)) for y in range(judged - 8, judged + 2) if draw(st.integers(0, 5))}
        out.append(IndexedCase(id=f"p{i}", subject="individual", year=judged, ask=ASK,
                               history=tuple(history[y] for y in sorted(history))))
    for i in range(draw(st.integers(0, 10))):
        twin = draw(st.sampled_from(out))
        history = {r.year: r for r in twin.history}
        year = draw(st.integers(judged - 6, judged))  # the years the streak rules read
        rec = history.get(year)
        change = draw(st.sampled_from(["add", "drop", "rating", "discipline", "title", "initiative", "research"]))
        if rec is None or change == "add":
            history[year] = draw(records(year))
        elif change == "drop":
            del history[year]
        elif change == "title":
            history[year] = dataclasses.replace(rec, titles=rec.titles ^ {draw(st.sampled_from(TITLES))})
        elif change in ("initiative", "research"):
            items = getattr(rec, f"{change}" if change == "research" else "initiatives")
            extra = (Achievement(change, draw(st.sampled_from(SCOPES))),)
            field = "research" if change == "research" else "initiatives"
            history[year] = dataclasses.replace(rec, **{field: items[1:] if items and draw(st.booleans())
                                                        else items + extra})
        else:
            history[year] = dataclasses.replace(rec, **{change: draw(FIELDS[change])})
        out.append(dataclasses.replace(twin, id=f"t{i}", history=tuple(history[y] for y in sorted(history))))
    return out


criteria = st.builds(lambda **kw: dataclasses.replace(default_criteria(), **kw),
                     cstd_tinh_streak_years=st.integers(1, 4), cstd_tq_consecutive_tinh=st.integers(1, 3),
                     discipline_bars_individual=st.booleans())


@settings(max_examples=200, deadline=None)
@given(people(), criteria)
def test_the_batch_gives_the_verdicts_of_evaluate_one_by_one(cases, crit):
    expected = [evaluate(dataclasses.replace(c), LAW, crit).to_dict() for c in cases]
    assert [r.to_dict() for r in evaluate_batch(cases, LAW, crit)] == expected


@settings(max_examples=60, deadline=None)
@given(people())
def test_an_indexed_case_finds_the_same_records_as_a_plain_case(cases):
    for case in cases:
        plain = Case(**{f.name: getattr(case, f.name) for f in dataclasses.fields(Case)})
        for year in range(case.year - 12, case.year + 3):
            assert case.record(year) == plain.record(year)


def test_people_with_the_same_recent_years_share_one_judgement():
    recent = (YearRecord(2022, "HTTNV", frozenset()),)
    a = IndexedCase(id="a", subject="individual", year=2022, ask=("LDTT",),
                    history=(YearRecord(2015, "KHTNV"), *recent))
    b = IndexedCase(id="b", subject="individual", year=2022, ask=("LDTT",), history=recent)
    assert window_key("LDTT", a, default_criteria()) == window_key("LDTT", b, default_criteria())
    ra, rb = evaluate_batch([a, b], LAW, default_criteria())
    assert ra.verdicts["LDTT"] is rb.verdicts["LDTT"] and (ra.id, rb.id) == ("a", "b")


def test_an_earlier_provincial_title_keeps_national_candidates_apart():
    base = [YearRecord(y, "HTXSNV", frozenset({"LDTT", "CSTDCS"})) for y in range(2017, 2023)]
    with_title = IndexedCase(id="x", subject="individual", year=2022, ask=("CSTD_TQ",),
                             history=(YearRecord(2014, titles=frozenset({"CSTD_TINH"})), *base))
    without = IndexedCase(id="y", subject="individual", year=2022, ask=("CSTD_TQ",), history=tuple(base))
    assert window_key("CSTD_TQ", with_title, default_criteria()) != window_key("CSTD_TQ", without, default_criteria())


def test_a_provincial_title_inside_the_window_is_not_shared_away():
    """Two candidates for CSTĐ toàn quốc alike but for the CSTĐ cấp tỉnh of three years ago."""
    national = (Achievement("initiative", "toan_quoc"),)
    years = [YearRecord(y, "HTXSNV", frozenset({"LDTT", "CSTDCS"}), initiatives=national) for y in range(2017, 2023)]
    holder = list(years)
    holder[2] = dataclasses.replace(years[2], titles=years[2].titles | {"CSTD_TINH"})  # 2019
    cases = [IndexedCase(id=i, subject="individual", year=2022, ask=("CSTD_TQ",), history=tuple(h))
             for i, h in (("without", years), ("holder", holder))]
    expected = [evaluate(c, LAW, default_criteria()).to_dict() for c in cases]
    assert expected[0] != expected[1]
    assert [r.to_dict() for r in evaluate_batch(cases, LAW, default_criteria())] == expected


def trimmed(case: Case, first: int) -> Case:
    """The history as selectors.histories loads it from `first`: earlier years only as the titles of
    EARLIER_TITLES they hold."""
    kept = []
    for rec in case.history:
        if rec.year >= first:
            kept.append(rec)
        elif rec.titles & EARLIER_TITLES:
            kept.append(YearRecord(rec.year, titles=rec.titles & EARLIER_TITLES))
    return dataclasses.replace(case, history=tuple(kept))


@settings(max_examples=100, deadline=None)
@given(people(), criteria)
def test_the_years_before_the_first_one_read_do_not_change_the_titles_verdicts(cases, crit):
    cases = [dataclasses.replace(c, ask=INDIVIDUAL_TITLES) for c in cases]
    first = first_year_read(INDIVIDUAL_TITLES, cases[0].year, crit)
    expected = [evaluate(c, LAW, crit).to_dict() for c in cases]
    got = evaluate_batch([trimmed(c, first) for c in cases], LAW, crit)
    assert [r.to_dict() for r in got] == expected


def test_a_code_without_a_known_reach_needs_the_whole_history():
    assert first_year_read(("LDTT", "HCLD3"), 2022, default_criteria()) is None
    assert first_year_read(INDIVIDUAL_TITLES, 2022, default_criteria()) == 2017
