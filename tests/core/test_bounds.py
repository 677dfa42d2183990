"""The shared parsers and checks of thidua.core.bounds: strict digits, real dates, a year window,
finite numbers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from thidua.core import bounds

THIS_YEAR = dt.date.today().year


@pytest.mark.parametrize("text", ["²", "١٢", "1e3", "0x10", "1_000", "12.5", "9" * 25, " - 3"])
def test_parse_int_refuses_what_int_would_misread_or_the_database_cannot_hold(text):
    with pytest.raises(ValidationError) as info:
        bounds.parse_int(text)
    assert "phải" in " ".join(info.value.messages)


def test_parse_int_reads_plain_digits_and_checks_the_range():
    assert bounds.parse_int(" 42 ") == 42 and bounds.parse_int("") is None and bounds.parse_int("-3") == -3
    with pytest.raises(ValidationError, match="từ 1 đến 99999"):
        bounds.parse_int("100000", min_value=1, max_value=99999)


@pytest.mark.parametrize("text", ["²", "9999999999999999999999", "0", "-1", "abc", None, "9223372036854775808"])
def test_parse_id_gives_none_for_anything_that_is_not_a_storable_id(text):
    assert bounds.parse_id(text) is None


def test_years_outside_the_window_fall_back_to_the_default():
    assert bounds.parse_year("2022") == 2022
    assert bounds.parse_year("²", default=2021) == 2021
    assert bounds.parse_year("1800", default=None) is None
    assert bounds.parse_year(str(THIS_YEAR + 6)) is None and bounds.parse_year(str(THIS_YEAR + 5)) == THIS_YEAR + 5


def test_the_year_window_is_a_setting(settings):
    settings.THIDUA_YEAR_MIN, settings.THIDUA_YEAR_AHEAD = 2000, 1
    assert bounds.parse_year("1999") is None and bounds.parse_year(str(THIS_YEAR + 1)) == THIS_YEAR + 1
    assert bounds.parse_year(str(THIS_YEAR + 2)) is None


@pytest.mark.parametrize("text", ["30/02/2024", "2024-02-30", "31/04/2023", "29/02/2023", "00/01/2024", "1/13/2024"])
def test_impossible_dates_are_refused_naming_what_was_typed(text):
    with pytest.raises(ValidationError) as info:
        bounds.parse_date(text, "Ngày ký")
    assert text in info.value.messages[0] and "Ngày ký" in info.value.messages[0]


def test_real_dates_in_both_spellings_are_read():
    assert bounds.parse_date("29/02/2024") == dt.date(2024, 2, 29) == bounds.parse_date("2024-02-29")
    assert bounds.parse_date("  ") is None
    with pytest.raises(ValidationError, match="ngoài khoảng"):
        bounds.parse_date("01/01/1800")


@pytest.mark.parametrize("text", ["NaN", "nan", "inf", "-Infinity", "1e999", "sNaN", "1,2,3"])
def test_decimals_must_be_finite_numbers(text):
    with pytest.raises(ValidationError):
        bounds.parse_decimal(text)


def test_decimals_accept_a_comma_and_are_bounded():
    assert bounds.parse_decimal("2,5") == Decimal("2.50")
    with pytest.raises(ValidationError, match="quá lớn"):
        bounds.parse_decimal("123456789", max_digits=5, decimal_places=2)


def test_partial_dates_are_checked_as_far_as_they_are_known():
    assert bounds.partial_date_error(None, 2, 2022) is None  # "ngày    tháng 02 năm 2022"
    assert bounds.partial_date_error(29, 2, None) is None  # the year is not known yet
    assert bounds.partial_date_error(29, 2, 2023) == "tháng 2 không có ngày 29."
    assert bounds.partial_date_error(31, 4, 2024) == "tháng 4 không có ngày 31."
    assert bounds.partial_date_error(1, 13, 2024) == "không có tháng 13."


@given(st.text(max_size=40))
def test_parsers_never_raise_anything_but_a_validation_error(text):
    for parse, kind in ((bounds.parse_int, int), (bounds.parse_date, dt.date), (bounds.parse_decimal, Decimal)):
        try:
            value = parse(text)
        except ValidationError as exc:
            assert exc.messages
        else:
            assert value is None or isinstance(value, kind)
    assert bounds.parse_id(text) is None or 1 <= bounds.parse_id(text) <= bounds.BIGINT_MAX
