"""Validation of the records and of the province-editable rules, as the admin runs it (full_clean)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from thidua.accounts.models import Role, User
from thidua.audit.models import AuditEvent
from thidua.catalog import services as catalog
from thidua.catalog.models import CriteriaSetting, RewardCoefficient, RuleSet
from thidua.evaluation.models import AwardRecord, Rating
from thidua.organizations.models import Province, Staff, Unit, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def nd91():
    return RuleSet.objects.get(code="ND91-2017")


@pytest.fixture
def province():
    return Province.objects.create(code="T-LC", name="Lào Cai (thử)", parent_body="UBND TỈNH LÀO CAI",
                                   place_name="Lào Cai")


def setting(rule_set, key, value, province=None, start=dt.date(2020, 1, 1), end=None):
    return CriteriaSetting(rule_set=rule_set, province=province, key=key, value=value, valid_from=start, valid_to=end,
                           basis="QĐ 14/2024/QĐ-UBND")


def test_the_delegated_criteria_of_ttldtt_are_loaded_with_their_basis_for_every_rule_set():
    rows = CriteriaSetting.objects.filter(key="ttldtt_ldtt_above_percent", province__isnull=True)
    assert {r.rule_set.code: r.value for r in rows} == {"ND91-2017": "50", "LUAT2022-ND98": "50",
                                                       "LUAT2022-ND152": "50"}
    assert "Điều 28 giao bộ, ngành, tỉnh" in rows.get(rule_set__code="LUAT2022-ND98").basis


def test_a_criteria_value_is_checked_against_the_type_of_its_field(nd91):
    with pytest.raises(ValidationError) as error:
        setting(nd91, "ttldtt_ldtt_above_percent", "năm mươi").full_clean()
    assert "số nguyên" in str(error.value.message_dict["value"])
    with pytest.raises(ValidationError, match="không được âm"):
        setting(nd91, "cstd_tinh_streak_years", "-3").full_clean()
    with pytest.raises(ValidationError, match="xếp loại"):
        setting(nd91, "ttldtt_min_rating", "TOT").full_clean()
    with pytest.raises(ValidationError) as error:
        setting(nd91, "khong_co", "1").full_clean()
    assert "key" in error.value.message_dict


def test_a_rule_set_list_must_name_rule_sets_that_exist(nd91):
    with pytest.raises(ValidationError, match="ND99"):
        setting(nd91, "cstdcs_initiative_mandatory_in", "ND91-2017, ND99").full_clean()
    row = setting(nd91, "cstdcs_initiative_mandatory_in", "ND91-2017 ;LUAT2022-ND98", start=dt.date(2018, 1, 1))
    row.full_clean()
    assert row.value == "ND91-2017, LUAT2022-ND98"  # written back in one canonical form


def test_a_clean_value_is_written_in_canonical_form(nd91, province):
    row = setting(nd91, "ttldtt_min_rating", " htxsnv ", province)
    row.full_clean()
    assert row.value == "HTXSNV"


def test_overlapping_periods_of_the_same_criterion_are_refused_but_a_province_may_add_its_own(nd91, province):
    national = CriteriaSetting.objects.get(rule_set=nd91, key="ttldtt_ldtt_above_percent", province__isnull=True)
    with pytest.raises(ValidationError, match="trùng"):
        setting(nd91, "ttldtt_ldtt_above_percent", "60", start=national.valid_from).full_clean()
    setting(nd91, "ttldtt_ldtt_above_percent", "60", province).full_clean()  # the province's override
    own = setting(nd91, "ttldtt_ldtt_above_percent", "60", province, end=dt.date(2021, 12, 31))
    own.full_clean()
    own.save()
    with pytest.raises(ValidationError, match="trùng"):
        setting(nd91, "ttldtt_ldtt_above_percent", "55", province, start=dt.date(2021, 6, 1)).full_clean()
    setting(nd91, "ttldtt_ldtt_above_percent", "55", province, start=dt.date(2022, 1, 1)).full_clean()


def test_criteria_edits_keep_history(nd91, province):
    """A province's own criterion edited twice through the product: both edits are in the audit
    trail with the value before and after (django-simple-history is gone: one trail)."""
    board = Unit.objects.create(code="BTDKT-LC", name="Ban Thi đua – Khen thưởng (thử)",
                                kind=UnitKind.PROVINCE_BODY, province=province)
    officer = User.objects.create(username="ban.lc", first_name="Cán bộ Ban", role=Role.PROVINCE_OFFICER,
                                  unit=board)
    row = catalog.override_save(actor=officer, row=setting(nd91, "ttldtt_ldtt_above_percent", "60", province))
    for value in ("65", "70"):
        row.value = value
        catalog.override_save(actor=officer, row=row)
    events = AuditEvent.objects.filter(object_type="catalog.criteriasetting", object_id=str(row.pk)).order_by("id")
    assert [e.changes["value"] for e in events] == [[None, "60"], ["60", "65"], ["65", "70"]]
    assert {e.actor_id for e in events} == {officer.pk}


def test_a_province_coefficient_is_validated_like_the_national_one(nd91, province):
    with pytest.raises(ValidationError, match="không được âm"):
        RewardCoefficient(rule_set=nd91, province=province, code="LDTT", coefficient=Decimal("-0.1"),
                          valid_from=dt.date(2020, 1, 1)).full_clean()
    # The national LDTT row covers the whole period: a province's own row does not clash with it ...
    own = RewardCoefficient(rule_set=nd91, province=province, code="LDTT", coefficient=Decimal("0.4"),
                            valid_from=dt.date(2020, 1, 1))
    own.full_clean()
    own.save()
    # ... but two rows of the same province do.
    with pytest.raises(ValidationError, match="trùng"):
        RewardCoefficient(rule_set=nd91, province=province, code="LDTT", coefficient=Decimal("0.5"),
                          valid_from=dt.date(2021, 1, 1)).full_clean()


def _staff(code="A1"):
    province = Province.objects.create(code=f"T-P{code}", name="Tỉnh", parent_body="UBND", place_name="X")
    agency = Unit.objects.create(code=code, name="Sở A", kind="agency", province=province)
    return agency, Staff.objects.create(agency=agency, full_name="Nguyễn Văn A", kind="cong_chuc")


def test_an_award_is_for_exactly_one_person_or_one_collective():
    agency, staff = _staff()
    with pytest.raises(ValidationError, match="đúng một"):
        AwardRecord(staff=staff, unit=agency, year=2022, code="LDTT").full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        AwardRecord.objects.create(staff=staff, unit=agency, year=2022, code="LDTT")
    with transaction.atomic(), pytest.raises(IntegrityError):
        AwardRecord.objects.create(year=2022, code="LDTT")
    AwardRecord.objects.create(unit=agency, year=2022, code="TTLDTT")


def test_a_decision_cannot_come_before_the_year_it_rewards():
    _, staff = _staff("A2")
    with pytest.raises(ValidationError, match="trước năm thành tích"):
        AwardRecord(staff=staff, year=2022, code="LDTT", awarded_on=dt.date(2021, 12, 1)).full_clean()


def test_one_rating_per_person_and_year():
    _, staff = _staff("A3")
    Rating.objects.create(staff=staff, year=2022, rating="HTTNV")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Rating.objects.create(staff=staff, year=2022, rating="HTXSNV")
