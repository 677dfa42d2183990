"""Reading the one audit trail: the page «Nhật ký» (filters, pages, a fixed number of queries, people
by full name, words not codes) and each object's «Lịch sử thay đổi», scoped like the object."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Role, User
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.blocks import services as blocks
from thidua.councils import services as councils
from thidua.decisions import services as decisions
from thidua.emulation import services as emulation
from thidua.organizations import services as organizations
from thidua.organizations.models import BlockYear, Province, Staff, Unit, UnitKind
from thidua.yearend import services as yearend

pytestmark = pytest.mark.django_db


def _trail(page: str) -> str:
    return page.split('id="audit"', 1)[1]


@pytest.fixture
def acts(users):
    """Rows of two people of the province on two objects, on two days."""
    skhcn, snv = Unit.objects.get(code="SKHCN"), Unit.objects.get(code="SNV")
    person = Staff.objects.filter(agency=skhcn).order_by("pk").first()
    organizations.staff_update(actor=users["skhcn"], staff=person, position="Chuyên viên cao cấp")
    old = audit_record(actor=users["snv"], action="unit.rename", obj=snv, summary="Đổi tên Sở Nội vụ",
                       changes={"name": ["Sở Nội vụ cũ", snv.name]})
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=40))
    return person, snv


def test_the_trail_reads_in_words_with_full_names_and_before_after(client, users, acts):
    person, _ = acts
    client.force_login(users["bantdkt"])
    page = client.get(reverse("audit_log")).content.decode()
    trail = _trail(page)
    assert "Phạm Thị Hồng Nhung" in trail and "Dương Văn Khánh" in trail  # full names
    assert "Chuyên viên cao cấp" in trail and "chức vụ" in trail.lower() or "Chức vụ" in trail
    assert person.full_name in trail and "cán bộ" in trail.lower() or "nhân sự" in trail.lower()
    for code in ("skhcn", "snv", "staff.update", "organizations.", "unit.rename"):
        assert code not in trail, code


@pytest.mark.parametrize(("params", "shown", "hidden"), [
    ({"person": "Hồng Nhung"}, "Chuyên viên cao cấp", "Đổi tên Sở Nội vụ"),
    ({"act": "rename"}, "Đổi tên Sở Nội vụ", "Chuyên viên cao cấp"),
    ({"kind": "organizations.staff"}, "Chuyên viên cao cấp", "Đổi tên Sở Nội vụ"),
    ({"object": "Sở Nội vụ"}, "Đổi tên Sở Nội vụ", "Chuyên viên cao cấp"),
    ({"since": (dt.date.today() - dt.timedelta(days=2)).isoformat()}, "Chuyên viên cao cấp", "Đổi tên Sở Nội vụ"),
    ({"until": (dt.date.today() - dt.timedelta(days=30)).isoformat()}, "Đổi tên Sở Nội vụ", "Chuyên viên cao cấp"),
])
def test_the_filters(client, users, acts, params, shown, hidden):
    client.force_login(users["bantdkt"])
    trail = _trail(client.get(reverse("audit_log"), params).content.decode())
    assert shown in trail and hidden not in trail


def test_the_unit_filter_offers_units_by_name(client, users, acts):
    _, snv = acts
    client.force_login(users["bantdkt"])
    page = client.get(reverse("audit_log")).content.decode()
    assert f'<option value="{snv.pk}">{snv.name}</option>' in page
    trail = _trail(client.get(reverse("audit_log"), {"unit": snv.pk}).content.decode())
    assert "Đổi tên Sở Nội vụ" in trail and "Chuyên viên cao cấp" not in trail


def test_pages_of_fifty_with_the_same_number_of_queries(client, users):
    skhcn = Unit.objects.get(code="SKHCN")
    client.force_login(users["admin"])

    def queries(params):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("audit_log"), params).status_code == 200
        return len(ctx)

    for i in range(5):
        audit_record(actor=users["skhcn"], action="unit.update", obj=skhcn, summary=f"Lần sửa {i}")
    few = queries({})
    for i in range(120):
        audit_record(actor=users["skhcn" if i % 2 else "snv"], action="unit.update", obj=skhcn,
                     summary=f"Lần sửa thêm {i}")
    assert queries({}) == few and queries({"trang": "3"}) == few
    page3 = _trail(client.get(reverse("audit_log"), {"trang": "3"}).content.decode())
    assert page3.count("<li><span class=\"when\">") == AuditEvent.objects.count() - 100
    assert "Trang 3/" in client.get(reverse("audit_log"), {"trang": "3"}).content.decode()


def test_the_board_reads_only_its_province_people_and_agencies_are_refused(client, users, acts):
    other = Province.objects.create(code="BK", name="Bắc Kạn")
    far = Unit.objects.create(code="SNV-BK", name="Sở Nội vụ tỉnh Bắc Kạn", kind=UnitKind.AGENCY, province=other)
    stranger = User.objects.create(username="bk", first_name="Người Bắc Kạn", role=Role.AGENCY_OFFICER, unit=far)
    audit_record(actor=stranger, action="unit.rename", obj=far, summary="Việc ở Bắc Kạn")
    client.force_login(users["bantdkt"])
    assert "Việc ở Bắc Kạn" not in client.get(reverse("audit_log")).content.decode()
    client.force_login(users["admin"])
    assert "Việc ở Bắc Kạn" in client.get(reverse("audit_log")).content.decode()
    for who in ("skhcn", "snv", "truongkhoi"):
        client.force_login(users[who])
        assert client.get(reverse("audit_log")).status_code == 403


def test_bad_filters_are_answered_with_words_not_errors(client, users, acts):
    client.force_login(users["admin"])
    response = client.get(reverse("audit_log"), {"since": "2025-99-99", "kind": "x" * 500, "unit": "abc",
                                                 "trang": "999999999", "act": "<script>", "person": "a" * 300})
    assert response.status_code == 200


# --- each object's own history ----------------------------------------------------------------


def _history(page: str) -> str:
    assert "Lịch sử thay đổi" in page
    return page.split('id="lich-su-thay-doi"', 1)[1]


def test_each_object_page_shows_its_history_with_full_names(client, users, seed_registration):
    skhcn_user, board = users["skhcn"], users["bantdkt"]
    agency = Unit.objects.get(code="SKHCN")
    department = agency.children.order_by("position").first()
    person = Staff.objects.filter(agency=agency).order_by("pk").first()
    organizations.staff_update(actor=skhcn_user, staff=person, position="Phó trưởng phòng phụ trách")
    organizations.unit_rename(actor=skhcn_user, unit=department, new_name="Phòng Đổi Tên Thử",
                              on=dt.date(2024, 1, 1))
    emulation.registration_update(actor=skhcn_user, registration=seed_registration,
                                  expected_version=seed_registration.version, header={"addressee": "Nơi nhận mới"},
                                  targets=[], solutions=[s.text for s in seed_registration.solutions.all()],
                                  movements=[m.text for m in seed_registration.movements.all()])
    nomination = yearend.nomination_create(actor=skhcn_user, unit=agency, year=2023)
    yearend.nomination_update(actor=skhcn_user, nomination=nomination, title="Tờ trình khen thưởng thử")
    council = councils.council_create(actor=skhcn_user, owner=agency)
    councils.council_add_member(actor=skhcn_user, council=council, full_name="Trần Văn Hội", role="chair")
    session = councils.session_create(actor=skhcn_user, council=council, date=dt.date(2023, 1, 5), year=2022)
    decision = decisions.decision_create(actor=skhcn_user, issuer=agency, title="Về việc khen thưởng thử",
                                         award_year=2023)
    block_year = BlockYear.objects.get(block__code="KHOI-TMTH", year=2022)
    members = list(block_year.memberships.order_by("position").values_list("unit_id", flat=True))
    new_head = Unit.objects.filter(pk__in=members).exclude(pk__in=[block_year.head_id, block_year.deputy_id]).first()
    blocks.block_year_save(actor=board, block=block_year.block, year=2022, head=new_head, deputy=block_year.deputy,
                           member_ids=members)

    pages = [
        (skhcn_user, reverse("agency_detail", args=["SKHCN"]), "Phòng Đổi Tên Thử", "Phạm Thị Hồng Nhung"),
        (skhcn_user, reverse("staff_detail", args=[person.pk]), "Phó trưởng phòng phụ trách", "Phạm Thị Hồng Nhung"),
        (skhcn_user, reverse("registration_detail", args=[seed_registration.pk]), "Nơi nhận mới",
         "Phạm Thị Hồng Nhung"),
        (skhcn_user, reverse("nomination_detail", args=[nomination.pk]), "Tờ trình khen thưởng thử",
         "Phạm Thị Hồng Nhung"),
        (skhcn_user, reverse("council_detail", args=[council.pk]), "Trần Văn Hội", "Phạm Thị Hồng Nhung"),
        (skhcn_user, reverse("session_detail", args=[session.pk]), "05/01/2023", "Phạm Thị Hồng Nhung"),
        (skhcn_user, reverse("decision_detail", args=[decision.pk]), "Về việc khen thưởng thử", "Phạm Thị Hồng Nhung"),
        (board, reverse("block_year_detail", args=["KHOI-TMTH", 2022]), new_head.name, "Hoàng Thị Thu Hà"),
    ]
    for user, url, change, name in pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        history = _history(response.content.decode())
        assert change in history and name in history, url
        assert user.username + "<" not in history and "skhcn<" not in history

    # Scope: the history is on the object's page, which another agency's officer cannot open.
    client.force_login(users["snv"])
    for _, url, _, _ in pages[:-1]:
        assert client.get(url).status_code == 404, url
