"""Properties of the rules over generated histories (hypothesis)."""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.quotas import quota_cap
from thidua.rules.reward import RewardRules
from thidua.rules.reward import reward_amount as _reward_amount

from .builders import evaluate, streak, year

# law.md §5: rounded up to the next 10,000 đồng (the rule set's money_rounding_step).
reward_amount = partial(_reward_amount, rules=RewardRules(rounding_step=10_000))

RATINGS = ["KHTNV", "HTNV", "HTTNV", "HTXSNV"]
SCOPES = ["co_so", "tinh", "toan_quoc", None]
INDIVIDUAL_CODES = ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "HCLD3", "BK_TINH"]
FAST = settings(max_examples=150, deadline=None)
HISTORIES = settings(max_examples=60, deadline=None)  # generating a history is the slow part


@st.composite
def histories(draw):
    judged = draw(st.integers(2018, 2028))
    history = []
    for y in range(judged - 7, judged + 1):
        if draw(st.integers(0, 9)) == 0:
            continue  # no record for that year
        history.append(year(
            y,
            draw(st.sampled_from([*RATINGS, None])),
            tuple(draw(st.sets(st.sampled_from(["LDTT", "CSTDCS", "CSTD_TINH", "BK_TTG"])))),
            initiatives=tuple(draw(st.lists(st.sampled_from(SCOPES), max_size=2))),
            research=tuple(draw(st.lists(st.sampled_from(SCOPES), max_size=1))),
            discipline=draw(st.sampled_from([None] * 8 + ["khien_trach", "canh_cao"])),
        ))
    return {"id": "p", "subject": "individual", "year": judged, "history": history, "ask": INDIVIDUAL_CODES}


def _eligible(case) -> set[str]:
    return {code for code, v in evaluate(case).verdicts.items() if v.status == "eligible"}


@HISTORIES
@given(histories(), st.data())
def test_a_better_rating_never_removes_an_eligibility(case, data):
    improvable = [i for i, r in enumerate(case["history"]) if r["rating"] != "HTXSNV"]
    if not improvable:
        return
    i = data.draw(st.sampled_from(improvable))
    better = copy.deepcopy(case)
    current = better["history"][i]["rating"]
    # From a recorded rating to any better one; from "not recorded" to the best.
    options = RATINGS[RATINGS.index(current) + 1:] if current else ["HTXSNV"]
    better["history"][i]["rating"] = data.draw(st.sampled_from(options))
    assert _eligible(case) <= _eligible(better)


@FAST
@given(st.sampled_from(RATINGS[:3] + [None]), st.integers(0, 12), st.integers(0, 100), st.integers(0, 3))
def test_a_better_collective_rating_never_removes_an_eligibility(rating, total, ldtt_share, cstdcs):
    members = {"total": total, "completed": total, "LDTT": total * ldtt_share // 100, "CSTDCS": min(cstdcs, total),
               "disciplined_canh_cao_or_above": 0}
    case = {"id": "t", "subject": "collective", "year": 2024, "rating": rating, "members": members,
            "ask": ["TTLDXS", "TTLDTT"]}
    assert _eligible(case) <= _eligible(dict(case, rating="HTXSNV"))


@FAST
@given(st.integers(2018, 2030), st.integers(0, 2), st.integers(0, 2), st.sampled_from(RATINGS),
       st.sampled_from(["tinh", "toan_quoc"]))
def test_a_streak_broken_anywhere_blocks_cstd_tinh(judged, initiative_at, break_at, rating, scope):
    history = streak(judged - 2, judged, initiative_in={judged - initiative_at: scope})
    assert evaluate({"id": "s", "year": judged, "history": history, "ask": ["CSTD_TINH"]}) \
        .verdicts["CSTD_TINH"].status == "eligible"
    broken = history[2 - break_at]
    broken["titles"].remove("CSTDCS")
    if broken["year"] == judged and rating in ("HTXSNV", "HTTNV"):
        rating = "HTNV"  # the year judged must also fail the CSTĐCS standard itself
    broken["rating"] = rating
    result = evaluate({"id": "s", "year": judged, "history": history, "ask": ["CSTD_TINH"]})
    assert result.verdicts["CSTD_TINH"].status == "not_eligible"


@FAST
@given(st.integers(2018, 2030), st.integers(0, 2))
def test_a_streak_across_an_absent_year_is_broken(judged, missing_at):
    # cases/README.md: a year not listed has no record; a streak that needs it is not_eligible.
    history = streak(judged - 2, judged, initiative_in={judged: "tinh"})
    del history[2 - missing_at]
    status = evaluate({"id": "s", "year": judged, "history": history, "ask": ["CSTD_TINH"]}).verdicts["CSTD_TINH"]
    assert status.status == "not_eligible"


@HISTORIES
@given(histories())
def test_every_asked_code_gets_a_verdict_with_reasons(case):
    result = evaluate(case)
    assert set(result.verdicts) == set(INDIVIDUAL_CODES)
    for v in result.verdicts.values():
        assert v.status in ("eligible", "not_eligible", "review")
        assert v.reasons


@FAST
@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
       st.integers(0, 100_000_000), st.booleans(), st.sampled_from(["LDTT", "HCLD3", "CO_CP", "HCSV"]))
def test_reward_is_a_multiple_of_ten_thousand_and_never_below_coefficient_times_base(coef, base, collective, code):
    result = reward_amount(code, coef, base, collective_multiplier=Decimal(2) if collective else None)
    single = reward_amount(code, coef, base)
    assert result.amount % 10_000 == 0
    assert result.amount >= result.coefficient * base
    assert single.amount - single.coefficient * base < 10_000
    # A collective is paid exactly the multiplier times an individual's amount.
    assert result.amount == (2 if collective else 1) * single.amount


@FAST
@given(st.integers(0, 10_000), st.integers(0, 10_000),
       st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["down", "up", "half_up"]))
def test_quota_cap_is_monotonic_in_the_base(a, b, ratio, rounding):
    low, high = sorted((a, b))
    assert quota_cap(low, ratio, rounding) <= quota_cap(high, ratio, rounding)
    assert quota_cap(high, Decimal(ratio), rounding) <= high
