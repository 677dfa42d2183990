"""Writes to ratings and award history: permission-checked, validated, audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.audit.models import AuditEvent
from thidua.evaluation import services
from thidua.evaluation.models import AwardRecord, Rating, RatingLevel
from thidua.organizations.models import Staff, Unit


@pytest.fixture
def person(demo):
    return Staff.objects.filter(agency__code="SKHCN").order_by("pk").last()


def test_the_agency_officer_rates_its_staff_and_a_correction_is_audited_with_before_and_after(users, person):
    services.rating_set(actor=users["skhcn"], staff=person, year=2023, rating="HTTNV")
    services.rating_set(actor=users["skhcn"], staff=person, year=2023, rating="HTXSNV")
    assert Rating.objects.get(staff=person, year=2023).rating == "HTXSNV"
    event = AuditEvent.objects.filter(action="rating.set").first()
    assert event.actor == users["skhcn"]
    assert event.changes["rating"] == [RatingLevel("HTTNV").label, RatingLevel("HTXSNV").label]


@pytest.mark.parametrize("username", ["snv", "truongkhoi", "skhcn.lanhdao", "bantdkt"])
def test_others_cannot_rate_an_agency_staff(users, person, username):
    with pytest.raises(PermissionDenied):
        services.rating_set(actor=users[username], staff=person, year=2023, rating="HTTNV")


def test_a_rating_outside_the_scale_is_refused(users, person):
    with pytest.raises(ValidationError):
        services.rating_set(actor=users["skhcn"], staff=person, year=2023, rating="GIOI")


def test_a_ratings_grid_is_saved_all_or_nothing(users, person):
    stranger = Staff.objects.filter(agency__code="SNV").first()
    with pytest.raises(ValidationError, match="Không phải cán bộ"):
        services.ratings_bulk_set(actor=users["skhcn"], agency=person.agency, year=2023,
                                  ratings={person.pk: "HTTNV", stranger.pk: "HTTNV"})
    assert not Rating.objects.filter(year=2023).exists()
    services.ratings_bulk_set(actor=users["skhcn"], agency=person.agency, year=2023, ratings={person.pk: "HTNV"})
    assert Rating.objects.get(staff=person, year=2023).rating == "HTNV"


def test_the_province_board_records_a_provincial_title_and_a_title_is_given_once_a_year(users, person):
    record = services.award_record_add(actor=users["bantdkt"], staff=person, code="cstd_tinh", year=2022,
                                       awarded_on=dt.date(2023, 3, 1), decision_number="512/QĐ-UBND",
                                       issuer="Chủ tịch UBND tỉnh Thái Nguyên")
    assert record.code == "CSTD_TINH" and AuditEvent.objects.filter(action="award_record.add").exists()
    with pytest.raises(ValidationError, match="đã có danh hiệu"):
        services.award_record_add(actor=users["skhcn"], staff=person, code="CSTD_TINH", year=2022)
    # A form of commendation may be given more than once in a year.
    services.award_record_add(actor=users["bantdkt"], staff=person, code="BK_TINH", year=2022)
    services.award_record_add(actor=users["bantdkt"], staff=person, code="BK_TINH", year=2022)


def test_an_award_must_fit_its_subject_and_exist_in_the_catalog(users, person):
    department = Unit.objects.get(code="SKHCN-P1")
    with pytest.raises(ValidationError, match="chỉ xét tặng cho tập thể"):
        services.award_record_add(actor=users["skhcn"], staff=person, code="TTLDTT", year=2022)
    with pytest.raises(ValidationError, match="chỉ xét tặng cho cá nhân"):
        services.award_record_add(actor=users["skhcn"], unit=department, code="CSTDCS", year=2022)
    with pytest.raises(ValidationError, match="không có trong danh mục"):
        services.award_record_add(actor=users["skhcn"], staff=person, code="XYZ", year=2022)
    with pytest.raises(ValidationError, match="đúng một"):
        services.award_record_add(actor=users["skhcn"], staff=person, unit=department, code="BK_TINH", year=2022)
    services.award_record_add(actor=users["skhcn"], unit=department, code="TTLDTT", year=2023)


def test_another_agency_cannot_record_awards_and_a_deletion_keeps_its_reason(users, person):
    record = AwardRecord.objects.filter(staff__agency__code="SKHCN").first()
    with pytest.raises(PermissionDenied):
        services.award_record_add(actor=users["snv"], staff=person, code="LDTT", year=2023)
    with pytest.raises(PermissionDenied):
        services.award_record_delete(actor=users["snv"], record=record, reason="nhầm")
    with pytest.raises(ValidationError, match="lý do"):
        services.award_record_delete(actor=users["skhcn"], record=record, reason=" ")
    pk = record.pk
    services.award_record_delete(actor=users["skhcn"], record=record, reason="Ghi nhầm người")
    assert not AwardRecord.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action="award_record.delete", object_id=str(pk))
    assert event.changes["reason"] == [None, "Ghi nhầm người"]
    assert event.changes["code"][1] is None and event.object_label  # what was removed, by name


def test_an_initiative_scope_known_later_changes_the_verdict(users, person):
    achievement = services.achievement_add(actor=users["skhcn"], staff=person, year=2023, kind="initiative",
                                           title="Sáng kiến mới", scope="")
    services.achievement_set_scope(actor=users["skhcn"], achievement=achievement, scope="tinh")
    achievement.refresh_from_db()
    assert achievement.scope == "tinh"
    services.discipline_add(actor=users["skhcn"], staff=person, year=2023, form="khien_trach")
    with pytest.raises(ValidationError):
        services.discipline_add(actor=users["skhcn"], staff=person, year=2023, form="phat_tien")
