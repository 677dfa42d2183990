"""Properties of the counting rules over generated histories (hypothesis): no year is used twice for a
multi-year title (law.md §3: one achievement is rewarded once), and a streak across a year with no
record is broken — not_eligible, never review (cases/README.md)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from .builders import LAW, evaluate, year

CRIT = LAW.default_criteria
N = CRIT.cstd_tinh_streak_years  # 3
TQ_SPAN = N * CRIT.cstd_tq_consecutive_tinh  # 6
RUNS = settings(max_examples=120, deadline=None)


@st.composite
def careers(draw, absent_chance: int = 8):
    """Mostly good careers, so the multi-year titles are often reached: each year usually LĐTT and
    CSTĐCS with an HTXSNV rating, now and then a provincial or national initiative, a CSTĐ cấp tỉnh,
    a CSTĐ toàn quốc, a Bằng khen của Thủ tướng, an HCLĐ hạng Ba; one year in `absent_chance` missing."""
    judged = draw(st.integers(2019, 2030))
    history = []
    for y in range(judged - 12, judged + 1):
        if draw(st.integers(1, absent_chance)) == 1:
            continue
        titles = ["LDTT", "CSTDCS"] if draw(st.integers(0, 5)) else ["LDTT"]
        for code, chance in (("CSTD_TINH", 3), ("CSTD_TQ", 6), ("BK_TTG", 5), ("HCLD3", 7)):
            if draw(st.integers(1, chance)) == 1:
                titles.append(code)
        scope = draw(st.sampled_from([None, None, "tinh", "toan_quoc"]))
        history.append(year(y, draw(st.sampled_from(["HTXSNV", "HTXSNV", "HTTNV"])), tuple(titles),
                            initiatives=(scope,) if scope else ()))
    return {"id": "p", "subject": "individual", "year": judged, "history": history,
            "ask": ["CSTD_TINH", "CSTD_TQ", "HCLD3"]}


def _held(case, code: str, years) -> list[int]:
    wanted = set(years)
    return [r["year"] for r in case["history"] if r["year"] in wanted and code in r["titles"]]


@RUNS
@given(careers())
def test_no_year_counted_for_an_earlier_title_is_counted_again(case):
    y = case["year"]
    verdicts = evaluate(case).verdicts
    if verdicts["CSTD_TINH"].status == "eligible":
        assert _held(case, "CSTD_TINH", range(y - N + 1, y)) == []
    if verdicts["CSTD_TQ"].status == "eligible":
        assert _held(case, "CSTD_TQ", range(y - TQ_SPAN + 1, y)) == []
    if verdicts["HCLD3"].status == "eligible":
        # The years after the last Bằng khen của Thủ tướng or the last HCLĐ hạng Ba, whichever is later.
        start = max(_held(case, "BK_TTG", range(y - 12, y + 1)) + _held(case, "HCLD3", range(y - 12, y)))
        assert y - start >= CRIT.hcld3_years_after_bk_ttg


@RUNS
@given(careers(absent_chance=3))
def test_a_streak_across_a_year_with_no_record_is_not_eligible(case):
    y = case["year"]
    listed = {r["year"] for r in case["history"]}
    result = evaluate(case)
    verdicts = result.verdicts
    if any(t not in listed for t in range(y - N + 1, y + 1)):
        assert verdicts["CSTD_TINH"].status == "not_eligible"
    if any(t not in listed for t in (y - N, y)):  # the years of the two adjoining provincial titles
        assert verdicts["CSTD_TQ"].status == "not_eligible"
    last_bk = max(_held(case, "BK_TTG", range(y - 12, y + 1)), default=None)
    hcld3_coded = result.rule_set not in CRIT.hcld3_rule_sets_excluded  # ND 91: judged by people (review)
    if hcld3_coded and last_bk is not None and any(t not in listed for t in range(last_bk + 1, y + 1)):
        assert verdicts["HCLD3"].status == "not_eligible"


@RUNS
@given(careers(), st.integers(0, N - 1))
def test_an_earlier_title_inside_the_window_always_blocks_the_next(case, back):
    # Whatever else the history says, a CSTĐ cấp tỉnh recorded `back` + 1 years before the year judged
    # (inside its 3 years) means those years were used: not_eligible, with the next window named.
    y = case["year"]
    earlier = y - 1 - back if back < N - 1 else y - 1
    record = next((r for r in case["history"] if r["year"] == earlier), None)
    if record is None:
        case["history"].append(year(earlier, "HTXSNV", ("LDTT", "CSTDCS", "CSTD_TINH")))
    elif "CSTD_TINH" not in record["titles"]:
        record["titles"].append("CSTD_TINH")
    verdict = evaluate(case).verdicts["CSTD_TINH"]
    assert verdict.status == "not_eligible"
