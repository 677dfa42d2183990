"""Selectors: rules in force (province over national over default), history of many people in a
fixed number of queries, collective history through renames and merges."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.catalog.models import CriteriaSetting, QuotaRule, RewardCoefficient, RuleSet
from thidua.catalog.selectors import criteria_for, reward_coefficient
from thidua.evaluation.models import Achievement, AwardRecord, Discipline, Rating
from thidua.evaluation.selectors import (
    agency_eligibility,
    collective_awards,
    evaluate_staff,
    histories,
    lineages_of,
    quota_checks,
    staff_in_scope,
)
from thidua.organizations.models import Province, Staff, Unit
from thidua.organizations.services import unit_merge, unit_rename
from thidua.rules.types import Achievement as AchievementValue

pytestmark = pytest.mark.django_db
END_2022 = dt.date(2022, 12, 31)


@pytest.fixture
def two_provinces():
    tn = Province.objects.create(code="T-TN", name="Thái Nguyên (thử)", parent_body="UBND", place_name="Thái Nguyên")
    lc = Province.objects.create(code="T-LC", name="Lào Cai (thử)", parent_body="UBND", place_name="Lào Cai")
    return tn, lc


def test_a_province_criteria_row_wins_over_the_national_row_which_wins_over_the_default(two_provinces):
    tn, lc = two_provinces
    nd91 = RuleSet.objects.get(code="ND91-2017")
    CriteriaSetting.objects.filter(rule_set=nd91, key="ttldtt_ldtt_above_percent").update(value="55")
    CriteriaSetting.objects.create(rule_set=nd91, province=lc, key="ttldtt_ldtt_above_percent", value="65",
                                   valid_from=dt.date(2020, 1, 1), basis="QĐ 14/2024/QĐ-UBND")
    assert criteria_for(rule_set="ND91-2017", province_id=lc.pk, on=END_2022).ttldtt_ldtt_above_percent == 65
    assert criteria_for(rule_set="ND91-2017", province_id=tn.pk, on=END_2022).ttldtt_ldtt_above_percent == 55
    # Not yet in force in 2019: the national row applies to Lào Cai too.
    assert criteria_for(rule_set="ND91-2017", province_id=lc.pk, on=dt.date(2019, 12, 31)
                        ).ttldtt_ldtt_above_percent == 55
    assert criteria_for(rule_set="ND91-2017", province_id=None, on=END_2022).cstd_tinh_streak_years == 3  # default


def test_a_row_that_no_longer_parses_leaves_the_default_in_force(two_provinces):
    _, lc = two_provinces
    nd91 = RuleSet.objects.get(code="ND91-2017")
    CriteriaSetting.objects.create(rule_set=nd91, province=lc, key="cstd_tinh_streak_years", value="ba",
                                   valid_from=dt.date(2020, 1, 1))  # saved around the admin's validation
    assert criteria_for(rule_set="ND91-2017", province_id=lc.pk, on=END_2022).cstd_tinh_streak_years == 3


def test_a_province_coefficient_wins_for_that_province_only(two_provinces):
    tn, lc = two_provinces
    nd98 = RuleSet.objects.get(code="LUAT2022-ND98")
    RewardCoefficient.objects.create(rule_set=nd98, province=lc, code="LDTT", coefficient=Decimal("0.4"),
                                     valid_from=nd98.valid_from, valid_to=nd98.valid_to, basis="QĐ riêng")
    day = dt.date(2024, 8, 15)
    assert reward_coefficient("LDTT", rule_set="LUAT2022-ND98", on=day, province_id=lc.pk) == Decimal("0.4")
    assert reward_coefficient("LDTT", rule_set="LUAT2022-ND98", on=day, province_id=tn.pk) == Decimal("0.3")
    assert reward_coefficient("LDTT", rule_set="LUAT2022-ND98", on=day) == Decimal("0.3")


def test_quota_checks_follow_a_province_quota_with_its_rounding(two_provinces):
    tn, _ = two_provinces
    counts = {"LDTT": 70, "CSTDCS": 11}
    (check,) = quota_checks(province_id=tn.pk, year=2022, counts=counts)
    assert (check.cap, check.exceeded) == (10, True)
    QuotaRule.objects.create(rule_set=RuleSet.objects.get(code="ND91-2017"), province=tn, code="CSTDCS",
                             base_code="LDTT", ratio=Decimal(10), rounding="up", valid_from=dt.date(2022, 1, 1))
    (check,) = quota_checks(province_id=tn.pk, year=2022, counts=counts)
    assert (check.cap, check.ratio_percent, check.exceeded) == (7, Decimal(10), True)
    assert quota_checks(province_id=tn.pk, year=2022, counts={"CSTDCS": 3}) == []  # base not counted


def _people(agency: Unit, n: int, first: int = 0) -> list[Staff]:
    staff = Staff.objects.bulk_create(Staff(agency=agency, full_name=f"Người {first + i}", kind="cong_chuc")
                                      for i in range(n))
    Rating.objects.bulk_create(Rating(staff=s, year=y, rating="HTTNV") for s in staff for y in range(2018, 2023))
    AwardRecord.objects.bulk_create(AwardRecord(staff=s, year=y, code="LDTT") for s in staff for y in range(2018, 2022))
    Achievement.objects.bulk_create(Achievement(staff=s, year=2022, kind="initiative", scope="co_so", title="SK")
                                    for s in staff[::2])
    Discipline.objects.bulk_create(Discipline(staff=s, year=2021, form="khien_trach") for s in staff[::5])
    return staff


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_evaluating_an_agency_takes_the_same_queries_for_ten_or_a_hundred_people(two_provinces):
    tn, _ = two_provinces
    agency = Unit.objects.create(code="SA", name="Sở A", kind="agency", province=tn)
    _people(agency, 10)

    def run():
        return evaluate_staff(staff_in_scope(year=2022, agency=agency), 2022, province_id=tn.pk)

    run()  # the catalog's names, read once per request by the law snapshot (catalog.names)
    few = _queries(run)
    _people(agency, 90, first=10)
    assert _queries(run) == few <= 7
    result = run()
    assert len(result.results) == 100
    assert {v.verdicts["LDTT"].status for v in result.results.values()} == {"eligible"}
    assert sum(v.verdicts["CSTDCS"].status == "eligible" for v in result.results.values()) == 50


def test_the_agency_page_data_takes_the_same_queries_for_ten_or_a_hundred_people(two_provinces):
    tn, _ = two_provinces
    agency = Unit.objects.create(code="SB", name="Sở B", kind="agency", province=tn)
    dept = Unit.objects.create(code="SB-P1", name="Phòng 1", kind="department", parent=agency, province=tn)
    for s in _people(agency, 10):
        s.department = dept
        s.save()
    few = _queries(lambda: agency_eligibility(agency, 2022))
    _people(agency, 90, first=10)
    assert _queries(lambda: agency_eligibility(agency, 2022)) == few


def test_histories_group_every_table_by_person_and_year(two_provinces):
    tn, _ = two_provinces
    agency = Unit.objects.create(code="SC", name="Sở C", kind="agency", province=tn)
    ann, bob = Staff.objects.bulk_create([Staff(agency=agency, full_name="An", kind="cong_chuc"),
                                          Staff(agency=agency, full_name="Bình", kind="cong_chuc")])
    Rating.objects.create(staff=ann, year=2021, rating="HTXSNV")
    Rating.objects.create(staff=ann, year=2023, rating="HTNV")  # after the year judged: not read
    Achievement.objects.create(staff=ann, year=2021, kind="research", scope="", title="Đề tài")
    Discipline.objects.create(staff=bob, year=2021, form="canh_cao")
    Discipline.objects.create(staff=bob, year=2021, form="khien_trach")
    AwardRecord.objects.create(staff=ann, year=2021, code="CSTDCS")
    found = histories(Staff.objects.filter(agency=agency), until=2022)
    (rec,) = found[ann.pk]
    assert (rec.year, rec.rating, rec.titles, rec.research) == (2021, "HTXSNV", frozenset({"CSTDCS"}),
                                                                (AchievementValue("research", None),))
    assert found[bob.pk][0].discipline == "canh_cao"  # the most severe form of the year


def test_a_collective_keeps_its_awards_through_a_rename_and_a_merge(two_provinces, django_user_model):
    tn, _ = two_provinces
    actor = django_user_model.objects.create(username="x", role="admin")
    old = Unit.objects.create(code="STTTT", name="Sở Thông tin và Truyền thông", kind="agency", province=tn)
    new = Unit.objects.create(code="SKHCN2", name="Sở Khoa học và Công nghệ", kind="agency", province=tn)
    AwardRecord.objects.create(unit=old, year=2023, code="CO_TINH", decision_number="99/QĐ-UBND")
    AwardRecord.objects.create(unit=new, year=2024, code="TTLDXS")
    unit_merge(actor=actor, predecessors=[old], successor=new, on=dt.date(2025, 3, 1))
    unit_rename(actor=actor, unit=new, new_name="Sở Khoa học, Công nghệ và Truyền thông", on=dt.date(2025, 7, 1))
    assert [(a.code, a.year) for a in collective_awards(new)] == [("TTLDXS", 2024), ("CO_TINH", 2023)]
    assert lineages_of([new.pk, old.pk]) == {new.pk: {new.pk, old.pk}, old.pk: {old.pk}}
