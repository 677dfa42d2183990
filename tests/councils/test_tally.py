"""The council's arithmetic at its boundaries: integers only, count ≥ ceil(ratio × base)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.rules.tally import ALL_MEMBERS, PRESENT, Attendance, Ratio, Threshold, check_counts, tally

ND91_HIGHEST = Threshold(quorum=Ratio(2, 3), approval=Ratio(90, 100), base=ALL_MEMBERS)
DEFAULT = Threshold(quorum=Ratio(2, 3), approval=Ratio(70, 100), base=PRESENT)


def test_nine_of_ten_members_is_ninety_percent_and_passes():
    result = tally(9, 1, 0, attendance=Attendance(members=10, present=10), threshold=ND91_HIGHEST)
    assert result.passed and result.required_yes == 9 and result.yes_percent == "90%"


def test_eight_of_ten_is_eighty_percent_and_fails_with_the_reason():
    result = tally(8, 2, 0, attendance=Attendance(members=10, present=10), threshold=ND91_HIGHEST)
    assert not result.passed
    assert "8/10" in result.reasons[0] and "cần ít nhất 9" in result.reasons[0]


def test_eighty_nine_percent_never_rounds_up_to_ninety():
    # 89 of 100 members: 89% < 90%; 90 of 100 passes.
    att = Attendance(members=100, present=100)
    assert not tally(89, 11, 0, attendance=att, threshold=ND91_HIGHEST).passed
    assert tally(90, 10, 0, attendance=att, threshold=ND91_HIGHEST).passed


def test_ninety_percent_of_eleven_needs_ten_votes():
    att = Attendance(members=11, present=10, written=1)
    assert tally(10, 1, 0, attendance=att, threshold=ND91_HIGHEST).passed  # 90.91%
    result = tally(9, 2, 0, attendance=att, threshold=ND91_HIGHEST)
    assert not result.passed and result.required_yes == 10 and result.yes_percent == "81,82%"


def test_the_ninety_percent_rule_counts_all_members_not_only_those_present():
    # 8 present out of 10, all 8 approve: 80% of the council, not enough (absent members count).
    result = tally(8, 0, 0, attendance=Attendance(members=10, present=8), threshold=ND91_HIGHEST)
    assert not result.passed and result.base == 10


def test_quorum_two_thirds_is_exact():
    # 2/3 of 9 is 6 exactly (a decimal 0.6667 would wrongly ask for 7).
    assert Ratio(2, 3).required(9) == 6
    assert tally(6, 0, 0, attendance=Attendance(members=9, present=6), threshold=DEFAULT).quorum_met
    below = tally(5, 0, 0, attendance=Attendance(members=9, present=5), threshold=DEFAULT)
    assert not below.quorum_met and not below.passed and "5/9" in below.reasons[0]
    # 2/3 of 10 is 6.67: 7 are needed.
    assert Ratio(2, 3).required(10) == 7
    assert not tally(6, 0, 0, attendance=Attendance(members=10, present=6), threshold=DEFAULT).quorum_met


def test_seventy_percent_of_those_taking_part_including_written_votes():
    att = Attendance(members=10, present=7, written=1)  # 8 take part: 5.6, so 6 votes
    assert tally(6, 2, 0, attendance=att, threshold=DEFAULT).passed
    failed = tally(5, 3, 0, attendance=att, threshold=DEFAULT)
    assert not failed.passed and failed.required_yes == 6 and failed.base == 8


def test_more_ballots_than_voters_or_negative_counts_are_refused():
    att = Attendance(members=10, present=8)
    with pytest.raises(ValueError, match="nhiều hơn"):
        check_counts(8, 1, 0, att)
    with pytest.raises(ValueError, match="âm"):
        check_counts(-1, 0, 0, att)
    with pytest.raises(ValueError):
        Attendance(members=5, present=5, written=1)


def test_ratio_labels_read_like_the_rule():
    assert Ratio(2, 3).label() == "2/3" and Ratio(90, 100).label() == "90%"
    with pytest.raises(ValueError):
        Ratio(3, 2)


@given(st.integers(0, 60), st.integers(1, 60), st.integers(1, 100), st.integers(1, 100))
def test_required_is_the_least_count_that_reaches_the_ratio(extra, base, num, den):
    if num > den:
        num, den = den, num
    ratio = Ratio(num, den)
    need = ratio.required(base)
    assert ratio.met_by(need, base)
    assert need == 0 or not ratio.met_by(need - 1, base)
    assert need * den >= num * base > (need - 1) * den
