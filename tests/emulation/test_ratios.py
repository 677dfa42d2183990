from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.emulation.ratios import Ratio, parse_ratio


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("> 95%", ">", "95"), ("15 %", "=", "15"), ("30", "=", "30"), ("100%", "=", "100"),
        ("≥ 90%", ">=", "90"), (">=90", ">=", "90"), ("trên 95%", ">", "95"), ("12,5%", "=", "12.5"),
        ("dưới 10 %", "<", "10"),
    ],
)
def test_ratios_are_read_as_people_write_them(text, op, value):
    assert parse_ratio(text) == Ratio(op, Decimal(value))


@pytest.mark.parametrize("text", ["", "   ", "khoảng một nửa", "150%", "95%%", "-5"])
def test_unreadable_or_impossible_ratios_give_nothing(text):
    assert parse_ratio(text) is None


def test_an_exact_ratio_tolerates_rounding_but_not_a_real_gap():
    assert Ratio("=", Decimal(15)).accepts(Decimal("15.07"))
    assert not Ratio("=", Decimal(30)).accepts(Decimal("28.6"))
    assert Ratio(">", Decimal(95)).accepts(Decimal("95.9"))
    assert not Ratio(">", Decimal(95)).accepts(Decimal("95"))


@given(st.integers(min_value=0, max_value=100), st.sampled_from(["", " ", "%", " %"]))
def test_any_whole_percentage_round_trips(number, suffix):
    assert parse_ratio(f"{number}{suffix}") == Ratio("=", Decimal(number))
