"""The second legal review (law.md §3, issue 11): years counted once, the 10-month rule for new
recruits, discipline over a counted period, HCLĐ hạng Ba's unassessed grounds, Cờ thi đua của
Chính phủ under ND 91/2017. Each reason names its article."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.eligibility import service_months

from .builders import evaluate, person, status, streak, team, verdict, year

ARTICLE = re.compile(r"Điều \d+")


def _cstd_tinh_2023_then(history_until: int):
    history = streak(2021, history_until, initiative_in={2022: "tinh", 2025: "tinh", 2026: "tinh"})
    history[2]["titles"].append("CSTD_TINH")  # awarded for 2023, counting 2021–2023
    return history


def test_years_counted_for_an_earlier_cstd_tinh_are_not_counted_again():
    v = verdict(person(2025, _cstd_tinh_2023_then(2025), "CSTD_TINH"), "CSTD_TINH")
    assert v.status == "not_eligible"
    assert any("2021–2023" in r and "2024–2026" in r and "cuối năm 2026" in r for r in v.reasons)
    assert status(person(2026, _cstd_tinh_2023_then(2026), "CSTD_TINH"), "CSTD_TINH") == "eligible"


@settings(max_examples=60, deadline=None)
@given(st.integers(2019, 2030), st.integers(1, 2))
def test_no_year_is_used_twice_for_cstd_tinh(awarded, gap):
    # A CSTĐ cấp tỉnh for `awarded` used its 3 years; judged `gap` years later (< 3) it cannot use them again.
    history = streak(awarded - 2, awarded + gap, initiative_in={y: "tinh" for y in range(awarded - 2, awarded + 4)})
    next(r for r in history if r["year"] == awarded)["titles"].append("CSTD_TINH")
    assert status(person(awarded + gap, history, "CSTD_TINH"), "CSTD_TINH") == "not_eligible"
    history += streak(awarded + gap + 1, awarded + 3, initiative_in={awarded + 3: "tinh"})
    assert status(person(awarded + 3, history, "CSTD_TINH"), "CSTD_TINH") == "eligible"


def test_years_counted_for_an_earlier_cstd_tq_are_not_counted_again():
    history = streak(2018, 2026, initiative_in={2020: "toan_quoc", 2026: "toan_quoc"})
    for r in history:
        if r["year"] in (2020, 2023, 2026):
            r["titles"].append("CSTD_TINH")
    history[5]["titles"].append("CSTD_TQ")  # 2023: used 2018–2023
    assert status(person(2026, history, "CSTD_TQ"), "CSTD_TQ") == "not_eligible"


@pytest.mark.parametrize(("start", "expected"), [
    ("2022-03-01", "eligible"),       # March–December: 10 whole months
    ("2022-03-02", "not_eligible"),   # 9 whole months
    ("2021-11-15", "eligible"),       # recruited the year before
])
def test_the_ten_month_rule_under_nd91(start, expected):
    case = person(2022, [year(2022, "HTXSNV", ())], "LDTT", service_start=start)
    v = verdict(case, "LDTT")
    assert v.status == expected
    if expected == "not_eligible":
        assert any("10 tháng" in r and "Nghị định 91/2017/NĐ-CP Điều 6" in r for r in v.reasons)


def test_the_ten_month_rule_is_kept_by_default_for_later_regimes():
    case = person(2025, [year(2025, "HTXSNV", ())], "LDTT", "CSTDCS", service_start="2025-06-01")
    result = evaluate(case)
    assert result.verdicts["LDTT"].status == "not_eligible"
    assert result.verdicts["CSTDCS"].status == "not_eligible"


def test_service_months():
    assert service_months(dt.date(2022, 3, 1), 2022) == 10
    assert service_months(dt.date(2022, 12, 31), 2022) == 0
    assert service_months(dt.date(2023, 2, 1), 2022) < 0


def test_a_discipline_in_a_counted_year_sends_a_multi_year_title_to_review():
    history = streak(2022, 2024, initiative_in={2023: "tinh"})
    history[0]["discipline"] = "khien_trach"
    v = verdict(person(2024, history, "CSTD_TINH"), "CSTD_TINH")
    assert v.status == "review"
    assert any("2022" in r and "khiển trách" in r for r in v.reasons)


def test_hcld3_says_grounds_a_to_dd_were_not_assessed_when_ground_e_fails():
    v = verdict(person(2024, [year(2024)], "HCLD3"), "HCLD3")
    assert v.status == "not_eligible"
    assert any("điểm a, b, c, d, đ" in r and "chưa được xét" in r for r in v.reasons)


def test_co_cp_under_nd91_uses_nd91_article_11_and_names_the_province_wide_cap():
    v = verdict(team(2022, "CO_CP", leads_block=True), "CO_CP")
    assert v.status == "eligible"
    assert all("Nghị định 91/2017/NĐ-CP" in r and "Điều 11" in r for r in v.reasons)
    assert any("20%" in r and "cả bộ, ngành, tỉnh" in r for r in v.reasons)
    # The 2022 law's ground of a Prime-Minister movement is not an ND 91 ground.
    assert status(team(2022, "CO_CP", leads_block=False, led_pm_movement=True), "CO_CP") == "not_eligible"
    assert status(team(2024, "CO_CP", leads_block=False, led_pm_movement=True), "CO_CP") == "eligible"


@pytest.mark.parametrize("code", ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "HCLD3"])
def test_every_individual_reason_names_its_article(code):
    history = streak(2019, 2024, initiative_in={2022: "tinh"})
    for v in evaluate(person(2024, history, code)).verdicts.values():
        assert all(ARTICLE.search(r) for r in v.reasons), v.reasons
