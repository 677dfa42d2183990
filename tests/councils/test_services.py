"""Council services: thresholds as data, attendance, secret-ballot counts, closing with the minutes'
number, permissions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from thidua.audit.models import AuditEvent
from thidua.catalog.models import RuleSet, VoteThreshold
from thidua.catalog.selectors import threshold_for
from thidua.councils import selectors, services
from thidua.councils.models import BallotResult, Presence, SessionStatus


def test_the_seeded_thresholds_follow_nd91_and_the_common_defaults(db):
    nd91 = RuleSet.objects.get(code="ND91-2017")
    highest = threshold_for("CSTD_TINH", rule_set=nd91, on=dt.date(2022, 12, 26))
    assert (highest.approval_numerator, highest.approval_denominator, highest.approval_base) == (90, 100, "all")
    assert "Điều 45 khoản 8" in highest.basis
    assert threshold_for("CSTD_TQ", rule_set=nd91, on=dt.date(2022, 12, 26)) == highest
    unit = threshold_for("CSTDCS", rule_set=nd91, on=dt.date(2022, 12, 12))
    assert (unit.quorum_numerator, unit.quorum_denominator, unit.approval_numerator, unit.approval_base) == (
        2, 3, 70, "present")
    other = threshold_for("BK_TINH", rule_set=nd91, on=dt.date(2022, 12, 26))
    assert other.level == "higher" and other.codes == "" and other.approval_numerator == 70
    # Under the 2022 law the values are unknown: the same defaults, said to be unchecked.
    nd98 = RuleSet.objects.get(code="LUAT2022-ND98")
    assert "cần kiểm tra" in threshold_for("CSTDCS", rule_set=nd98, on=dt.date(2024, 12, 1)).basis


def test_a_province_row_overrides_the_national_threshold(org):
    nd91 = RuleSet.objects.get(code="ND91-2017")
    VoteThreshold.objects.create(rule_set=nd91, province=org.province, level="unit", quorum_numerator=1,
                                 quorum_denominator=2, approval_numerator=3, approval_denominator=4,
                                 approval_base="all", valid_from=nd91.valid_from, basis="Quy chế tỉnh")
    row = threshold_for("LDTT", rule_set=nd91, on=dt.date(2022, 12, 1), province_id=org.province.pk)
    assert row.basis == "Quy chế tỉnh"
    assert threshold_for("LDTT", rule_set=nd91, on=dt.date(2022, 12, 1)).basis != "Quy chế tỉnh"


def test_a_session_lists_every_member_of_the_day_as_present_and_takes_the_rule_set_of_the_day(session):
    assert session.rule_set.code == "ND91-2017"
    att = selectors.attendance(session)
    assert (att.members, att.present, att.written) == (10, 10, 0)


def test_ballots_store_counts_only_never_who_voted_how(org, session):
    candidate = services.session_add_candidate(actor=org.users["admin"], session=session, code="CSTDCS",
                                               staff=org.staff[5])
    ballot = services.ballot_record(actor=org.users["admin"], candidate=candidate, yes=7, no=2, invalid=1)
    assert (ballot.yes, ballot.no, ballot.invalid, ballot.passed, ballot.required_yes) == (7, 2, 1, True, 7)
    # No field of the ballot points to a member, and attendance says who came, not how they voted.
    member_links = [f.name for f in BallotResult._meta.get_fields()
                    if getattr(f, "related_model", None) and f.related_model.__name__ in ("CouncilMember", "Staff")]
    assert member_links == []
    assert {f.name for f in BallotResult._meta.concrete_fields} == {
        "id", "candidate", "yes", "no", "invalid", "passed", "required_yes", "base", "threshold",
        "threshold_text", "basis", "recorded_by", "recorded_at"}
    assert AuditEvent.objects.filter(action="ballot.record").exists()


def test_seventy_percent_of_those_taking_part_at_the_boundary(org, session):
    admin = org.users["admin"]
    members = list(session.attendance.order_by("member_id"))
    services.session_set_attendance(actor=admin, session=session,
                                    presence={members[-1].member_id: Presence.ABSENT,
                                              members[-2].member_id: Presence.ABSENT})
    # 8 take part: 70% of 8 is 5.6, so 6 votes.
    a = services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[10])
    b = services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[11])
    assert services.ballot_record(actor=admin, candidate=a, yes=6, no=2).passed
    failed = services.ballot_record(actor=admin, candidate=b, yes=5, no=3)
    assert not failed.passed and failed.required_yes == 6 and failed.base == 8
    with pytest.raises(services.CouncilError, match="nhiều hơn"):
        services.ballot_record(actor=admin, candidate=b, yes=9, no=0)


def test_changing_attendance_judges_the_recorded_ballots_again(org, session):
    admin = org.users["admin"]
    rows = list(session.attendance.order_by("member_id"))
    services.session_set_attendance(actor=admin, session=session,
                                    presence={a.member_id: Presence.ABSENT for a in rows[:3]})
    candidate = services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[11])
    assert services.ballot_record(actor=admin, candidate=candidate, yes=6, no=0).passed  # 7 of 10 attend
    services.session_set_attendance(actor=admin, session=session, presence={rows[3].member_id: Presence.ABSENT})
    candidate.ballot.refresh_from_db()
    assert not candidate.ballot.passed  # 6 of 10 is below 2/3: no quorum
    # Fewer voters than ballots already counted cannot be right.
    with pytest.raises(services.CouncilError, match="sửa số phiếu"):
        services.session_set_attendance(actor=admin, session=session, presence={rows[4].member_id: Presence.ABSENT})


def test_the_provincial_council_needs_ninety_percent_of_all_members_for_cstd_tinh(org):
    admin = org.users["admin"]
    council = services.council_create(actor=admin, owner=org.ubnd)
    for i in range(11):
        services.council_add_member(actor=admin, council=council, full_name=f"Thành viên {i + 1}",
                                    role="chair" if i == 0 else "member")
    session = services.session_create(actor=admin, council=council, date=dt.date(2022, 12, 26), year=2022)
    written = session.attendance.order_by("-member_id").first()
    services.session_set_attendance(actor=admin, session=session, presence={written.member_id: Presence.WRITTEN})
    a = services.session_add_candidate(actor=admin, session=session, code="CSTD_TINH", staff=org.staff[0])
    b = services.session_add_candidate(actor=admin, session=session, code="CSTD_TINH", staff=org.staff[1])
    assert services.ballot_record(actor=admin, candidate=a, yes=10, no=1).passed  # 90.91%
    failed = services.ballot_record(actor=admin, candidate=b, yes=9, no=2)  # 81.82%
    assert not failed.passed and failed.required_yes == 10 and failed.base == 11
    assert "Điều 45 khoản 8" in failed.basis and "tổng số thành viên" in failed.threshold_text


def test_closing_numbers_the_minutes_and_freezes_the_results(org, session):
    admin = org.users["admin"]
    candidate = services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[5])
    with pytest.raises(services.CouncilError, match="Chưa nhập kết quả"):
        services.session_close(actor=admin, session=session)
    services.ballot_record(actor=admin, candidate=candidate, yes=8, no=2)
    closed = services.session_close(actor=admin, session=session, end_time=dt.time(10, 30))
    assert closed.status == SessionStatus.CLOSED and closed.minutes_number_display == "01/BB-HĐTĐKT"
    with pytest.raises(services.CouncilError, match="đã kết thúc"):
        services.ballot_record(actor=admin, candidate=candidate, yes=2, no=8)
    with pytest.raises(services.CouncilError):
        services.session_add_candidate(actor=admin, session=closed, code="LDTT", staff=org.staff[6])
    # The next session of the same owner that year gets the next number.
    second = services.session_create(actor=admin, council=session.council, date=dt.date(2022, 12, 20), year=2022)
    c2 = services.session_add_candidate(actor=admin, session=second, code="TTLDTT", unit=org.departments[0])
    services.ballot_record(actor=admin, candidate=c2, yes=10, no=0)
    assert services.session_close(actor=admin, session=second).minutes_number_display == "02/BB-HĐTĐKT"


def test_an_agency_council_considers_only_its_own_people_and_fitting_codes(org, session):
    admin = org.users["admin"]
    with pytest.raises(services.CouncilError, match="của cơ quan mình"):
        services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.snv_staff[0])
    with pytest.raises(services.CouncilError, match="chỉ xét tặng cho tập thể"):
        services.session_add_candidate(actor=admin, session=session, code="TTLDTT", staff=org.staff[3])
    with pytest.raises(services.CouncilError, match="không có trong danh mục"):
        services.session_add_candidate(actor=admin, session=session, code="XYZ", staff=org.staff[3])
    services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[3])
    with pytest.raises(services.CouncilError, match="đã có trong chương trình"):
        services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[3])


def test_who_may_run_which_council(org, session):
    users = org.users
    candidate = services.session_add_candidate(actor=users["skhcn"], session=session, code="CSTDCS",
                                               staff=org.staff[4])
    for name in ("snv", "skhcn.lanhdao", "bantdkt"):
        with pytest.raises(PermissionDenied):
            services.ballot_record(actor=users[name], candidate=candidate, yes=5, no=5)
    with pytest.raises(PermissionDenied):
        services.council_create(actor=users["skhcn"], owner=org.ubnd)
    assert services.council_create(actor=users["bantdkt"], owner=org.ubnd).owner == org.ubnd
