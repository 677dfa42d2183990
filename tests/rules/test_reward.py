"""Reward money (law.md §5) and the amount in words, without a database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial

import pytest

from thidua.catalog import reference
from thidua.core.money import amount_in_words, format_vnd
from thidua.rules.reward import BaseSalaryPeriod, RewardRules, base_salary_on, round_up
from thidua.rules.reward import reward_amount as _reward_amount

# law.md §5: rounded up to the next 10,000 đồng (the rule set's money_rounding_step).
reward_amount = partial(_reward_amount, rules=RewardRules(rounding_step=10_000))

SALARIES = [
    BaseSalaryPeriod(1_490_000, dt.date(2019, 7, 1), dt.date(2023, 6, 30)),
    BaseSalaryPeriod(1_800_000, dt.date(2023, 7, 1), dt.date(2024, 6, 30)),
    BaseSalaryPeriod(2_340_000, dt.date(2024, 7, 1), None),
]


def test_ldtt_decided_on_15_august_2024_is_710000():
    result = reward_amount("LDTT", Decimal("0.3"), 2_340_000)
    assert result.exact == Decimal("702000")
    assert result.amount == 710_000


def test_the_base_salary_changes_on_1_july_2024():
    assert base_salary_on(dt.date(2024, 6, 30), SALARIES).amount == 1_800_000
    assert base_salary_on(dt.date(2024, 7, 1), SALARIES).amount == 2_340_000
    assert reward_amount("LDTT", Decimal("0.3"), 1_800_000).amount == 540_000


def test_no_base_salary_before_the_first_period():
    assert base_salary_on(dt.date(2019, 6, 30), SALARIES) is None


def test_an_exact_multiple_of_ten_thousand_is_not_rounded_further():
    assert reward_amount("TTLDXS", Decimal("1.5"), 2_340_000).amount == 3_510_000
    assert round_up(Decimal("720000"), 10_000) == 720_000
    assert round_up(Decimal("720000.01"), 10_000) == 730_000


def test_a_collective_receives_the_multiplier_times_the_individual_amount():
    individual = reward_amount("HCLD3", Decimal("4.5"), 2_340_000)
    collective = reward_amount("HCLD3", Decimal("4.5"), 2_340_000, collective_multiplier=Decimal(2))
    assert individual.amount == 10_530_000
    assert collective.coefficient == Decimal("9.0")
    assert collective.amount == 21_060_000


def test_a_collective_bang_khen_is_twice_the_rounded_individual_amount():
    # Bình Phước QĐ 335/2022: a collective Bằng khen tỉnh, 2 × 1,490,000.
    assert reward_amount("BK_TINH", Decimal("1.0"), 1_490_000, collective_multiplier=2).amount == 2_980_000
    # 0.3 × 2,340,000 = 702,000 → 710,000 for a person; a collective gets exactly twice that.
    assert reward_amount("GK", Decimal("0.3"), 2_340_000, collective_multiplier=2).amount == 1_420_000


def test_a_collective_title_with_its_own_coefficient_is_not_multiplied():
    assert reward_amount("TTLDXS", Decimal("1.5"), 2_340_000).amount == 3_510_000


def test_the_rounding_step_is_data():
    assert reward_amount("LDTT", Decimal("0.3"), 2_340_000, rules=RewardRules(rounding_step=1_000)).amount == 702_000


def test_money_is_never_computed_with_floats():
    with pytest.raises(TypeError):
        reward_amount("LDTT", 0.3, 2_340_000)


@pytest.mark.parametrize("row", reference.coefficient_rows(),
                         ids=lambda r: f"{r['rule_set']}-{r['code']}-{r['issuer_level'] or 'any'}")
def test_every_reference_coefficient_gives_a_whole_amount_in_tens_of_thousands(row):
    result = reward_amount(row["code"], row["coefficient"], 2_340_000,
                           collective_multiplier=row["collective_multiplier"])
    assert result.amount % 10_000 == 0
    assert result.amount >= result.exact


@pytest.mark.parametrize(("amount", "words"), [
    (1_015_000, "Một triệu không trăm mười lăm nghìn đồng"),
    (21_060_000, "Hai mươi mốt triệu không trăm sáu mươi nghìn đồng"),
    (105_000_000, "Một trăm linh năm triệu đồng"),
    (710_000, "Bảy trăm mười nghìn đồng"),
    (0, "Không đồng"),
    (540_000, "Năm trăm bốn mươi nghìn đồng"),
    (1_005, "Một nghìn không trăm linh năm đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_005_000_000, "Một tỷ không trăm linh năm triệu đồng"),
    (2_000_021_000, "Hai tỷ không trăm hai mươi mốt nghìn đồng"),
    (Decimal("3510000"), "Ba triệu năm trăm mười nghìn đồng"),
])
def test_amount_in_words_as_official_documents_write_it(amount, words):
    assert amount_in_words(amount) == words


def test_amount_in_words_uses_linh_and_nghin_never_le_or_ngan():
    for n in (101, 1_001, 105_000, 1_000_005_000, 3_009_000):
        words = amount_in_words(n)
        assert " lẻ " not in words and "ngàn" not in words


def test_amount_in_words_refuses_fractions_and_negatives():
    with pytest.raises(ValueError):
        amount_in_words(Decimal("10.5"))
    with pytest.raises(ValueError):
        amount_in_words(-5)


@pytest.mark.parametrize(("amount", "text"), [(0, "0"), (710_000, "710.000"), (1_234_567, "1.234.567"),
                                               (Decimal("21060000"), "21.060.000"), (-5_000, "-5.000")])
def test_format_vnd_groups_thousands_with_dots(amount, text):
    assert format_vnd(amount) == text
