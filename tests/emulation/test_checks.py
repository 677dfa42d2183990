"""The registration check on plain values (no database)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from thidua.emulation.checks import (
    QuotaInput,
    RegistrationInput,
    TargetInput,
    UnitFacts,
    check_registration,
    has_errors,
)

QUOTA_ND91 = QuotaInput("CSTDCS", "LDTT", Decimal(15), "down", "Nghị định 91/2017/NĐ-CP Điều 9 khoản 3")
FACTS = UnitFacts(headcount=73, departments=7)


def individual(code, count, ratio="", label=None):
    return TargetInput(code, label or code, True, False, "any", individual_count=count, individual_ratio=ratio)


def collective(code, count, ratio="", scope="department"):
    return TargetInput(code, code, False, True, scope, collective_count=count, collective_ratio=ratio)


def codes(findings):
    return {f.code for f in findings}


def test_seed_numbers_exceed_the_cstdcs_quota_under_the_old_decree():
    data = RegistrationInput(2022, 2022, [individual("LDTT", 70, "> 95%"), individual("CSTDCS", 11, "15 %")])
    findings = check_registration(data, FACTS, rule_set="ND91-2017", quotas=[QUOTA_ND91])
    quota = next(f for f in findings if f.code == "QUOTA_EXCEEDED")
    assert quota.target == "CSTDCS" and quota.level == "warning"
    assert "tối đa 10 người" in quota.message and "15,7%" in quota.message
    assert quota.basis == "Nghị định 91/2017/NĐ-CP Điều 9 khoản 3"
    assert "RATIO_INCONSISTENT" not in codes(findings)  # 11/73 = 15,1% agrees with "15 %"


def test_rounding_up_lets_the_seed_through():
    data = RegistrationInput(2022, 2022, [individual("LDTT", 70), individual("CSTDCS", 11)])
    up = QuotaInput("CSTDCS", "LDTT", Decimal(15), "up", "x")
    assert "QUOTA_EXCEEDED" not in codes(check_registration(data, FACTS, rule_set="ND91-2017", quotas=[up]))


def test_a_heading_year_that_is_not_the_registered_year_is_an_error():
    findings = check_registration(RegistrationInput(2022, 2021, []), FACTS, rule_set="ND91-2017", quotas=[])
    (finding,) = findings
    assert finding.code == "HEADING_YEAR_MISMATCH" and finding.level == "error"
    assert "NĂM 2021" in finding.message and "2022" in finding.message and finding.basis


def test_more_people_than_the_agency_has_is_an_error():
    findings = check_registration(RegistrationInput(2022, 2022, [individual("LDTT", 74)]), FACTS,
                                  rule_set="ND91-2017", quotas=[])
    assert codes(findings) == {"COUNT_OVER_HEADCOUNT"} and has_errors(findings)


def test_more_departments_than_exist_is_an_error_but_all_of_them_is_fine():
    ok = check_registration(RegistrationInput(2022, 2022, [collective("TTLDTT", 7, "100%")]), FACTS,
                            rule_set="ND91-2017", quotas=[])
    too_many = check_registration(RegistrationInput(2022, 2022, [collective("TTLDTT", 8)]), FACTS,
                                  rule_set="ND91-2017", quotas=[])
    assert ok == [] and codes(too_many) == {"COUNT_OVER_COLLECTIVES"}


def test_the_agency_itself_is_one_collective_for_a_flag():
    findings = check_registration(RegistrationInput(2022, 2022, [collective("CO_TINH", 2, scope="agency")]), FACTS,
                                  rule_set="ND91-2017", quotas=[])
    assert codes(findings) == {"COUNT_OVER_COLLECTIVES"}


def test_a_title_on_the_wrong_subject_is_an_error():
    wrong = TargetInput("LDTT", "Lao động tiên tiến", True, False, "any", collective_count=3)
    findings = check_registration(RegistrationInput(2022, 2022, [wrong]), FACTS, rule_set="ND91-2017", quotas=[])
    assert codes(findings) == {"WRONG_SUBJECT"} and "chỉ xét cho cá nhân" in findings[0].message


def test_a_ratio_that_disagrees_with_the_count_is_a_warning():
    findings = check_registration(RegistrationInput(2022, 2022, [collective("TTLDXS", 2, "30")]), FACTS,
                                  rule_set="ND91-2017", quotas=[])
    (finding,) = findings
    assert finding.code == "RATIO_INCONSISTENT" and finding.level == "warning" and "28,6%" in finding.message


def test_a_ratio_without_a_count_and_an_unreadable_ratio_are_reported():
    data = RegistrationInput(2022, 2022, [individual("LDTT", None, "90%"), individual("CSTDCS", 5, "phần lớn")])
    assert codes(check_registration(data, FACTS, rule_set="ND91-2017", quotas=[])) >= {
        "RATIO_WITHOUT_COUNT", "RATIO_UNREADABLE"}


def test_a_higher_title_cannot_outnumber_the_one_below_it():
    data = RegistrationInput(2022, 2022, [individual("CSTDCS", 5), individual("CSTD_TINH", 6)])
    findings = check_registration(data, FACTS, rule_set="ND91-2017", quotas=[])
    assert "TITLE_LADDER" in codes(findings)


def test_no_rule_set_in_force_is_said_not_silently_ignored():
    findings = check_registration(RegistrationInput(1990, 1990, []), FACTS, rule_set=None, quotas=[])
    assert codes(findings) == {"NO_RULE_SET"}


@given(headcount=st.integers(1, 500), data=st.data())
def test_counts_within_the_agency_and_the_quota_never_give_an_error(headcount, data):
    ldtt = data.draw(st.integers(0, headcount))
    cstdcs = data.draw(st.integers(0, ldtt * 15 // 100))
    findings = check_registration(
        RegistrationInput(2022, 2022, [individual("LDTT", ldtt), individual("CSTDCS", cstdcs)]),
        UnitFacts(headcount, 3), rule_set="ND91-2017", quotas=[QUOTA_ND91])
    assert findings == []


@given(st.integers(1, 300), st.integers(1, 400))
def test_every_count_above_headcount_is_flagged(headcount, extra):
    findings = check_registration(RegistrationInput(2022, 2022, [individual("LDTT", headcount + extra)]),
                                  UnitFacts(headcount, 3), rule_set="ND91-2017", quotas=[])
    assert "COUNT_OVER_HEADCOUNT" in codes(findings)
