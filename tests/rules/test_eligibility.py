"""One test per rule and regime, at its boundary (law.md §3)."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.catalog import reference
from thidua.rules import regimes

from .builders import LAW, criteria_with, evaluate, person, status, streak, team, verdict, year

# --- which rule set --------------------------------------------------------------------------


@pytest.mark.parametrize(("y", "code"), [(2017, "ND91-2017"), (2023, "ND91-2017"), (2024, "LUAT2022-ND98"),
                                         (2025, "LUAT2022-ND152"), (2030, "LUAT2022-ND152")])
def test_a_year_is_judged_under_the_rule_set_in_force_on_its_last_day(y, code):
    assert regimes.rule_set_for_year(y, LAW.periods).code == code


def test_the_decision_date_picks_the_rule_set_at_its_boundaries():
    assert regimes.rule_set_on(dt.date(2023, 12, 31), LAW.periods).code == "ND91-2017"
    assert regimes.rule_set_on(dt.date(2024, 1, 1), LAW.periods).code == "LUAT2022-ND98"
    assert regimes.rule_set_on(dt.date(2025, 6, 30), LAW.periods).code == "LUAT2022-ND98"
    assert regimes.rule_set_on(dt.date(2025, 7, 1), LAW.periods).code == "LUAT2022-ND152"
    assert regimes.rule_set_on(dt.date(2017, 9, 30), LAW.periods) is None


def test_default_periods_mirror_the_reference_data():
    assert [(p.code, p.valid_from, p.valid_to) for p in LAW.periods] == [
        (r["code"], r["valid_from"], r["valid_to"]) for r in reference.RULE_SETS
    ]


def test_a_year_before_any_rule_set_needs_review():
    result = evaluate(person(2015, [year(2015)], "LDTT"))
    assert result.rule_set is None
    assert result.verdicts["LDTT"].status == "review"
    assert "31/12/2015" in result.verdicts["LDTT"].reasons[0]


def test_a_case_can_force_the_old_rule_set():
    case = person(2024, [year(2024, "HTXSNV")], "CSTDCS", rule_set="ND91-2017")
    result = evaluate(case)
    assert result.rule_set == "ND91-2017"
    assert result.verdicts["CSTDCS"].status == "not_eligible"


def test_forcing_an_unknown_rule_set_needs_review():
    assert status(person(2024, [year(2024)], "LDTT", rule_set="ND00-1999"), "LDTT") == "review"


# --- LĐTT ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rating", "expected"), [("HTXSNV", "eligible"), ("HTTNV", "eligible"),
                                                  ("HTNV", "not_eligible"), ("KHTNV", "not_eligible")])
@pytest.mark.parametrize("y", [2022, 2024, 2025])
def test_ldtt_needs_a_rating_of_at_least_httnv(rating, expected, y):
    assert status(person(y, [year(y, rating, ())], "LDTT"), "LDTT") == expected


def test_ldtt_without_a_rating_needs_review_saying_the_rating_is_missing():
    v = verdict(person(2024, [year(2024, None, ())], "LDTT"), "LDTT")
    assert v.status == "review"
    assert "chưa có xếp loại" in v.reasons[0]
    assert "Điều 24" in v.reasons[0]


def test_ldtt_without_a_record_of_the_year_needs_review():
    v = verdict(person(2024, [year(2023)], "LDTT"), "LDTT")
    assert v.status == "review"
    assert "2024" in v.reasons[0]


def test_ldtt_already_awarded_stands_for_a_missing_rating():
    assert status(person(2024, [year(2024, None, ("LDTT",))], "LDTT"), "LDTT") == "eligible"


# --- discipline ------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["khien_trach", "canh_cao", "ha_bac_luong", "cach_chuc", "buoc_thoi_viec"])
def test_a_person_disciplined_in_the_year_gets_nothing_under_nd152(form):
    case = person(2025, [year(2025, "HTXSNV", initiatives=("co_so",), discipline=form)], "LDTT", "CSTDCS", "BK_TINH")
    result = evaluate(case)
    for code in ("LDTT", "CSTDCS", "BK_TINH"):
        v = result.verdicts[code]
        assert v.status == "not_eligible"
        assert any("Nghị định 152/2025/NĐ-CP" in r and "kỷ luật" in r for r in v.reasons)


@pytest.mark.parametrize(("y", "basis"), [(2022, "Luật Thi đua, khen thưởng 2003"),
                                          (2024, "Nghị định 98/2023/NĐ-CP")])
def test_a_person_disciplined_in_the_year_is_not_proposed_under_earlier_regimes_either(y, basis):
    v = verdict(person(y, [year(y, "HTXSNV", discipline="khien_trach")], "LDTT"), "LDTT")
    assert v.status == "not_eligible"
    assert any(basis in r and "kỷ luật" in r for r in v.reasons)


def test_a_discipline_of_an_earlier_year_does_not_bar_this_year():
    history = [year(2024, discipline="canh_cao"), year(2025, "HTTNV")]
    assert status(person(2025, history, "LDTT"), "LDTT") == "eligible"


def test_a_discipline_is_decisive_even_when_the_rating_is_missing():
    assert status(person(2025, [year(2025, None, discipline="canh_cao")], "LDTT"), "LDTT") == "not_eligible"


def test_the_discipline_bar_is_data():
    case = person(2024, [year(2024, "HTTNV", discipline="khien_trach")], "LDTT")
    assert status(case, "LDTT", criteria=criteria_with(discipline_bars_individual=False)) == "eligible"


# --- CSTĐCS ----------------------------------------------------------------------------------


def test_cstdcs_needs_an_initiative_under_the_old_decree():
    assert status(person(2023, [year(2023, "HTXSNV")], "CSTDCS"), "CSTDCS") == "not_eligible"
    assert status(person(2023, [year(2023, "HTTNV", initiatives=("co_so",))], "CSTDCS"), "CSTDCS") == "eligible"


def test_cstdcs_accepts_accepted_research_instead_of_an_initiative_under_the_old_decree():
    assert status(person(2023, [year(2023, "HTTNV", research=("co_so",))], "CSTDCS"), "CSTDCS") == "eligible"


@pytest.mark.parametrize("y", [2024, 2025])
def test_cstdcs_accepts_htxsnv_without_an_initiative_under_the_2022_law(y):
    v = verdict(person(y, [year(y, "HTXSNV")], "CSTDCS"), "CSTDCS")
    assert v.status == "eligible"
    assert any("Luật Thi đua, khen thưởng 2022, Điều 23" in r for r in v.reasons)


@pytest.mark.parametrize("y", [2024, 2025])
def test_cstdcs_with_httnv_needs_an_initiative_or_research_under_the_2022_law(y):
    assert status(person(y, [year(y, "HTTNV")], "CSTDCS"), "CSTDCS") == "not_eligible"
    assert status(person(y, [year(y, "HTTNV", initiatives=("co_so",))], "CSTDCS"), "CSTDCS") == "eligible"
    assert status(person(y, [year(y, "HTTNV", research=("tinh",))], "CSTDCS"), "CSTDCS") == "eligible"


@pytest.mark.parametrize("y", [2023, 2024])
def test_cstdcs_requires_the_ldtt_standard_even_with_an_initiative(y):
    assert status(person(y, [year(y, "HTNV", (), initiatives=("tinh",))], "CSTDCS"), "CSTDCS") == "not_eligible"


def test_cstdcs_initiative_of_unknown_scope_still_counts_because_any_scope_does():
    assert status(person(2023, [year(2023, "HTTNV", initiatives=(None,))], "CSTDCS"), "CSTDCS") == "eligible"


def test_cstdcs_without_rating_or_initiative_needs_review():
    v = verdict(person(2024, [year(2024, None, ())], "CSTDCS"), "CSTDCS")
    assert v.status == "review"


# --- CSTĐ cấp bộ, ngành, tỉnh ----------------------------------------------------------------


@pytest.mark.parametrize("y", [2023, 2024, 2025])
def test_cstd_tinh_needs_three_consecutive_cstdcs_and_a_provincial_initiative(y):
    case = person(y, streak(y - 2, y, initiative_in={y - 1: "tinh"}), "CSTD_TINH")
    v = verdict(case, "CSTD_TINH")
    assert v.status == "eligible"
    assert all("Điều 22" in r for r in v.reasons)


def test_cstd_tinh_two_years_of_cstdcs_are_not_enough():
    history = [year(2022, "HTTNV", ("LDTT",))] + streak(2023, 2024, initiative_in={2024: "tinh"})
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH") == "not_eligible"


def test_cstd_tinh_a_year_absent_from_the_history_breaks_the_streak_naming_it():
    # cases/README.md: a year not listed has no record, so a streak that needs it is broken.
    v = verdict(person(2024, streak(2023, 2024, initiative_in={2024: "tinh"}), "CSTD_TINH"), "CSTD_TINH")
    assert v.status == "not_eligible"
    assert any("2022" in r and "gián đoạn" in r for r in v.reasons)


def test_cstd_tinh_a_gap_in_the_middle_of_the_streak_blocks():
    history = streak(2022, 2024, initiative_in={2022: "tinh"})
    history[1] = year(2023, "HTXSNV", ("LDTT",))
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH") == "not_eligible"


def test_cstd_tinh_a_year_with_neither_rating_nor_titles_needs_review():
    history = streak(2022, 2024, initiative_in={2024: "tinh"})
    history[0] = year(2022, None, ())
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH") == "review"


def test_cstd_tinh_initiative_outside_the_three_years_does_not_count():
    history = streak(2021, 2024, initiative_in={2021: "tinh"})
    v = verdict(person(2024, history, "CSTD_TINH"), "CSTD_TINH")
    assert v.status == "not_eligible"
    assert any("2022–2024" in r for r in v.reasons)


def test_cstd_tinh_grassroots_initiative_is_too_narrow():
    history = streak(2022, 2024, initiative_in={2023: "co_so"})
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH") == "not_eligible"


def test_cstd_tinh_national_initiative_is_wide_enough():
    history = streak(2022, 2024, initiative_in={2022: "toan_quoc"})
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH") == "eligible"


def test_cstd_tinh_provincial_research_counts_like_an_initiative():
    history = streak(2022, 2024)
    history[2] = year(2024, "HTXSNV", ("LDTT", "CSTDCS"), research=("tinh",))
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH") == "eligible"


def test_cstd_tinh_initiative_of_unknown_scope_needs_review():
    history = streak(2022, 2024, initiative_in={2023: None})
    v = verdict(person(2024, history, "CSTD_TINH"), "CSTD_TINH")
    assert v.status == "review"
    assert any("phạm vi ảnh hưởng" in r for r in v.reasons)


def test_cstd_tinh_year_judged_meeting_cstdcs_but_not_yet_awarded_needs_review():
    history = streak(2022, 2023, initiative_in={2023: "tinh"}) + [year(2024, "HTXSNV", ("LDTT",))]
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH") == "review"


def test_cstd_tinh_year_judged_failing_cstdcs_breaks_the_streak():
    history = streak(2022, 2023, initiative_in={2023: "tinh"}) + [year(2024, "HTTNV", ("LDTT",))]
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH") == "not_eligible"


def test_cstd_tinh_streak_length_is_data():
    history = streak(2023, 2024, initiative_in={2024: "tinh"})
    criteria = criteria_with(cstd_tinh_streak_years=2)
    assert status(person(2024, history, "CSTD_TINH"), "CSTD_TINH", criteria=criteria) == "eligible"


# --- CSTĐ toàn quốc --------------------------------------------------------------------------


def _two_provincial_periods(first_end: int = 2021, national_in: int | None = 2023) -> list[dict]:
    history = streak(2019, 2024, initiative_in={2020: "tinh", 2023: "tinh"})
    for rec in history:
        if rec["year"] in (first_end, 2024):
            rec["titles"].append("CSTD_TINH")
        if rec["year"] == national_in:
            rec["initiatives"] = [{"scope": "toan_quoc"}]
    return history


def test_cstd_tq_needs_two_adjoining_provincial_titles_and_a_national_initiative():
    v = verdict(person(2024, _two_provincial_periods(), "CSTD_TQ"), "CSTD_TQ")
    assert v.status == "eligible"
    assert all("Điều 21" in r for r in v.reasons)


def test_cstd_tq_provincial_periods_that_do_not_adjoin_are_not_consecutive():
    assert status(person(2024, _two_provincial_periods(first_end=2020), "CSTD_TQ"), "CSTD_TQ") == "not_eligible"


def test_cstd_tq_one_provincial_title_is_not_enough():
    history = _two_provincial_periods()
    history[2]["titles"].remove("CSTD_TINH")  # 2021
    assert status(person(2024, history, "CSTD_TQ"), "CSTD_TQ") == "not_eligible"


def test_cstd_tq_a_provincial_initiative_is_too_narrow():
    assert status(person(2024, _two_provincial_periods(national_in=None), "CSTD_TQ"), "CSTD_TQ") == "not_eligible"


def test_cstd_tq_without_a_record_of_the_earlier_period_is_not_eligible():
    # cases/README.md: a year not listed has no record, so no CSTĐ cấp tỉnh for 2021: the run is broken.
    history = [r for r in _two_provincial_periods() if r["year"] >= 2022]
    assert status(person(2024, history, "CSTD_TQ"), "CSTD_TQ") == "not_eligible"
    # A record of 2021 that says nothing (no rating, no title) cannot tell: a person looks.
    history.append(year(2021, None, ()))
    assert status(person(2024, history, "CSTD_TQ"), "CSTD_TQ") == "review"


def test_cstd_tq_under_the_old_regime_uses_the_same_rule():
    history = [dict(r, year=r["year"] - 1) for r in _two_provincial_periods()]
    assert status(person(2023, history, "CSTD_TQ"), "CSTD_TQ") == "eligible"


# --- Tập thể LĐXS ----------------------------------------------------------------------------


@pytest.mark.parametrize("y", [2023, 2024, 2025])
@pytest.mark.parametrize(("ldtt", "total", "expected"), [(70, 100, "eligible"), (69, 100, "not_eligible"),
                                                         (14, 20, "eligible"), (13, 20, "not_eligible")])
def test_ttldxs_needs_at_least_70_percent_ldtt(y, ldtt, total, expected):
    assert status(team(y, "TTLDXS", total=total, ldtt=ldtt), "TTLDXS") == expected


def test_ttldxs_needs_every_member_to_complete_their_tasks():
    assert status(team(2024, "TTLDXS", completed=19), "TTLDXS") == "not_eligible"


def test_ttldxs_needs_at_least_one_cstdcs():
    assert status(team(2024, "TTLDXS", cstdcs=0), "TTLDXS") == "not_eligible"


def test_ttldxs_needs_the_collective_rated_htxsnv():
    assert status(team(2024, "TTLDXS", rating="HTTNV"), "TTLDXS") == "not_eligible"


def test_ttldxs_without_the_collective_rating_needs_review():
    assert status(team(2024, "TTLDXS", rating=None), "TTLDXS") == "review"


def test_ttldxs_member_discipline_blocks_only_under_the_old_law():
    assert status(team(2023, "TTLDXS", disciplined=1), "TTLDXS") == "not_eligible"
    assert status(team(2024, "TTLDXS", disciplined=1), "TTLDXS") == "eligible"


def test_ttldxs_threshold_is_data():
    criteria = criteria_with(ttldxs_ldtt_min_percent=80)
    assert status(team(2024, "TTLDXS", ldtt=15), "TTLDXS", criteria=criteria) == "not_eligible"


def test_a_collective_title_is_not_for_an_individual():
    assert status(person(2024, [year(2024)], "TTLDXS"), "TTLDXS") == "not_eligible"
    assert status(team(2024, "LDTT"), "LDTT") == "not_eligible"


def test_a_collective_without_a_member_total_needs_review():
    case = team(2024, "TTLDXS", "TTLDTT")
    del case["members"]["total"]
    result = evaluate(case)
    assert {v.status for v in result.verdicts.values()} == {"review"}


# --- Tập thể LĐTT ----------------------------------------------------------------------------


@pytest.mark.parametrize("y", [2023, 2024, 2025])
@pytest.mark.parametrize(("ldtt", "expected"), [(50, "not_eligible"), (51, "eligible")])
def test_ttldtt_needs_more_than_half_ldtt(y, ldtt, expected):
    assert status(team(y, "TTLDTT", total=100, ldtt=ldtt, cstdcs=0, rating="HTTNV"), "TTLDTT") == expected


@pytest.mark.parametrize("y", [2023, 2024])
def test_ttldtt_member_disciplined_at_canh_cao_blocks_in_both_regimes(y):
    assert status(team(y, "TTLDTT", disciplined=1), "TTLDTT") == "not_eligible"


def test_ttldtt_under_the_2022_law_cites_the_delegation():
    v = verdict(team(2024, "TTLDTT"), "TTLDTT")
    assert all("Điều 28 giao" in r for r in v.reasons)


def test_ttldtt_a_province_may_drop_the_discipline_condition():
    assert status(team(2024, "TTLDTT", disciplined=1), "TTLDTT", criteria=criteria_with(ttldtt_no_discipline=False)) \
        == "eligible"


# --- Huân chương Lao động hạng Ba ------------------------------------------------------------


def _after_bk_ttg(bk: int = 2019, last: int = 2024) -> list[dict]:
    history = [year(bk, "HTXSNV", ("LDTT", "CSTDCS", "BK_TTG"))]
    for y in range(bk + 1, last + 1):
        history.append(year(y, "HTTNV", ("LDTT",)))
    history[1] = year(bk + 1, "HTXSNV", ("LDTT", "CSTDCS"))
    history[2]["titles"].append("CSTDCS")
    history[3]["titles"].append("CSTDCS")
    return history


@pytest.mark.parametrize("y", [2024, 2025])
def test_hcld3_five_years_after_the_prime_ministers_bang_khen(y):
    v = verdict(person(y, _after_bk_ttg(y - 5, y), "HCLD3"), "HCLD3")
    assert v.status == "eligible"
    assert all("Điều 44 khoản 1" in r for r in v.reasons)
    assert any("điểm a, b, c, d, đ" in r and "chưa được xét" in r for r in v.reasons)


def test_hcld3_four_years_are_not_enough():
    assert status(person(2024, _after_bk_ttg(2020, 2024), "HCLD3"), "HCLD3") == "not_eligible"


def test_hcld3_a_year_below_httnv_blocks():
    history = _after_bk_ttg()
    history[5]["rating"] = "HTNV"
    assert status(person(2024, history, "HCLD3"), "HCLD3") == "not_eligible"


def test_hcld3_needs_a_year_of_htxsnv():
    history = _after_bk_ttg()
    history[1]["rating"] = "HTTNV"
    assert status(person(2024, history, "HCLD3"), "HCLD3") == "not_eligible"


def test_hcld3_needs_three_cstdcs():
    history = _after_bk_ttg()
    history[3]["titles"].remove("CSTDCS")
    assert status(person(2024, history, "HCLD3"), "HCLD3") == "not_eligible"


def test_hcld3_cstdcs_of_the_bang_khen_year_does_not_count():
    history = _after_bk_ttg()
    history[3]["titles"].remove("CSTDCS")  # 2019 (the BK year) still holds CSTĐCS
    v = verdict(person(2024, history, "HCLD3"), "HCLD3")
    assert any("chỉ có 2 lần" in r for r in v.reasons)


def test_hcld3_a_year_absent_from_the_history_breaks_the_consecutive_years():
    history = [r for r in _after_bk_ttg() if r["year"] != 2023]
    v = verdict(person(2024, history, "HCLD3"), "HCLD3")
    assert v.status == "not_eligible"
    assert any("điểm a, b, c, d, đ" in r and "chưa được xét" in r for r in v.reasons)


def test_hcld3_without_the_prime_ministers_bang_khen_is_not_eligible():
    history = _after_bk_ttg()
    history[0]["titles"].remove("BK_TTG")
    assert status(person(2024, history, "HCLD3"), "HCLD3") == "not_eligible"


def test_hcld3_under_the_old_decree_needs_review():
    history = [dict(r, year=r["year"] - 1) for r in _after_bk_ttg()]
    assert status(person(2023, history, "HCLD3"), "HCLD3") == "review"


# --- Cờ thi đua của Chính phủ, qualitative codes ---------------------------------------------


def test_co_cp_goes_to_the_leader_of_a_block():
    assert status(team(2024, "CO_CP", leads_block=True), "CO_CP") == "eligible"
    assert status(team(2024, "CO_CP", flags={"leads_central_block": True}), "CO_CP") == "eligible"


def test_co_cp_without_knowing_the_block_ranking_needs_review():
    assert status(team(2024, "CO_CP"), "CO_CP") == "review"


def test_co_cp_not_leading_any_block_is_not_eligible():
    assert status(team(2024, "CO_CP", leads_block=False), "CO_CP") == "not_eligible"


@pytest.mark.parametrize("code", ["BK_TINH", "BK_BO", "BK_TTG", "GK", "HCLD2", "HCDL1", "HCSV", "AHLD"])
def test_qualitative_forms_need_review(code):
    v = verdict(person(2024, [year(2024)], code), code)
    assert v.status == "review"
    assert "Hội đồng" in v.reasons[0]


def test_co_tinh_needs_review():
    assert status(team(2024, "CO_TINH"), "CO_TINH") == "review"


def test_an_unknown_code_needs_review():
    assert status(person(2024, [year(2024)], "XYZ"), "XYZ") == "review"


# --- reasons ---------------------------------------------------------------------------------


def test_every_reason_is_a_sentence_naming_its_title_and_legal_basis():
    cases = [
        person(2024, streak(2022, 2024, initiative_in={2023: "tinh"}), "LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH"),
        person(2022, [year(2022, None, ())], "LDTT", "CSTDCS"),
        team(2023, "TTLDXS", "TTLDTT", "CO_CP", disciplined=2),
    ]
    for case in cases:
        for code, v in evaluate(case).verdicts.items():
            assert v.reasons, code
            for reason in v.reasons:
                assert reason.endswith(").")
                assert "Luật" in reason or "Nghị định" in reason


# --- reading cases ---------------------------------------------------------------------------


def test_reading_a_case_is_lenient_about_spelling():
    case = {"id": "x", "year": 2024, "ask": ["cstd_tinh"], "history": [
        {"year": 2022, "rating": "htxs", "titles": ["ldtt", "cstdcs"], "discipline": "none"},
        {"year": 2023, "rating": "HTXSNV", "titles": ["CSTDCS"], "initiatives": [{"scope": "bo_nganh"}]},
        {"year": 2024, "rating": "HTXSNV", "titles": ["CSTDCS"]},
    ]}
    result = evaluate(case)
    assert result.verdicts["CSTD_TINH"].status == "eligible"


def test_an_unrecognised_rating_counts_as_not_recorded():
    assert status(person(2024, [year(2024, "EXCELLENT", ())], "LDTT"), "LDTT") == "review"


def test_a_case_without_subject_is_read_as_collective_when_it_has_members():
    case = team(2024, "TTLDXS")
    del case["subject"]
    assert status(case, "TTLDXS") == "eligible"
