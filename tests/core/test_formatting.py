from hypothesis import given
from hypothesis import strategies as st

from thidua.core.formatting import place_date_line, short_date, vn_number


def test_place_date_lines_follow_nd30():
    assert place_date_line("Thái Nguyên", 5, 2, 2022) == "Thái Nguyên, ngày 05 tháng 02 năm 2022"
    assert place_date_line("Thái Nguyên", 15, 3, 2022) == "Thái Nguyên, ngày 15 tháng 3 năm 2022"
    assert place_date_line("Thái Nguyên", 1, 12, 2022) == "Thái Nguyên, ngày 01 tháng 12 năm 2022"
    assert place_date_line("Thái Nguyên", None, 2, 2022) == "Thái Nguyên, ngày      tháng 02 năm 2022"


def test_short_dates_leave_unknown_days_blank():
    assert short_date(None, 2, 2022) == "/02/2022" and short_date(5, 11, 2022) == "05/11/2022"


@given(st.integers(0, 10**12))
def test_numbers_group_by_thousands_with_dots(n):
    text = vn_number(n)
    assert int(text.replace(".", "")) == n and all(len(g) == 3 for g in text.split(".")[1:])
