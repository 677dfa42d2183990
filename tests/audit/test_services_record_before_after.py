"""The services write the one audit trail with who, what, which object (type, id and its name) and
the fields that changed, before and after — in words (names, labels, dates), never raw codes."""

import datetime as dt
from decimal import Decimal

import pytest

from thidua.accounts import services as accounts
from thidua.api import services as api
from thidua.audit.labels import OTHER, field_label
from thidua.audit.models import AuditEvent
from thidua.blocks import services as blocks
from thidua.catalog import services as catalog
from thidua.catalog.models import QuotaRule
from thidua.councils import services as councils
from thidua.decisions import services as decisions
from thidua.emulation import services as emulation
from thidua.evaluation import services as evaluation
from thidua.evaluation.models import RatingLevel
from thidua.organizations import services as organizations
from thidua.organizations.models import BlockYear, Staff, Unit
from thidua.yearend import services as yearend

pytestmark = pytest.mark.django_db


def _row(obj, action: str) -> AuditEvent:
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk),
                                     action=action).latest("id")


def test_the_main_writes_of_every_area_record_their_before_and_after(users, seed_registration):
    first = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    skhcn, board, admin = users["skhcn"], users["bantdkt"], users["admin"]
    agency = Unit.objects.get(code="SKHCN")
    department = agency.children.order_by("position").first()

    person = organizations.staff_create(actor=skhcn, agency=agency, department=department,
                                        full_name="Nguyễn Thị Kiểm", position="Chuyên viên", kind="cong_chuc",
                                        active_from=dt.date(2015, 3, 1))
    assert _row(person, "staff.create").changes["full_name"] == [None, "Nguyễn Thị Kiểm"]
    organizations.staff_update(actor=skhcn, staff=person, position="Chuyên viên chính")
    assert _row(person, "staff.update").changes == {"position": ["Chuyên viên", "Chuyên viên chính"]}

    old_name = department.name
    organizations.unit_rename(actor=skhcn, unit=department, new_name="Phòng Thử nghiệm", on=dt.date(2024, 1, 1))
    assert _row(department, "unit.rename").changes["name"] == [old_name, "Phòng Thử nghiệm"]

    evaluation.rating_set(actor=skhcn, staff=person, year=2023, rating="HTTNV")
    rating = evaluation.rating_set(actor=skhcn, staff=person, year=2023, rating="HTXSNV")
    assert _row(rating, "rating.set").changes == {
        "rating": [RatingLevel("HTTNV").label, RatingLevel("HTXSNV").label]}

    addressee = seed_registration.addressee
    emulation.registration_update(actor=skhcn, registration=seed_registration,
                                  expected_version=seed_registration.version, header={"addressee": "Người nhận mới"},
                                  targets=[], solutions=[s.text for s in seed_registration.solutions.all()],
                                  movements=[m.text for m in seed_registration.movements.all()])
    assert _row(seed_registration, "registration.edit").changes == {"addressee": [addressee, "Người nhận mới"]}

    decision = decisions.decision_create(actor=skhcn, issuer=agency, title="Về việc khen thưởng thử", award_year=2023,
                                         lines=[decisions.LineSpec(code="LDTT", staff=person)])
    assert _row(decision, "decision.create").changes["title"] == [None, "Về việc khen thưởng thử"]
    decisions.decision_update(actor=skhcn, decision=decision, title="Về việc khen thưởng năm 2023")
    assert _row(decision, "decision.edit").changes == {"title": ["Về việc khen thưởng thử",
                                                                 "Về việc khen thưởng năm 2023"]}

    nomination = yearend.nomination_create(actor=skhcn, unit=agency, year=2023)
    assert _row(nomination, "nomination.create").changes["status"][0] is None
    yearend.nomination_update(actor=skhcn, nomination=nomination, title="Tờ trình thử")
    assert _row(nomination, "nomination.edit").changes["title"][1] == "Tờ trình thử"
    yearend.nomination_add_line(actor=skhcn, nomination=nomination, code="CSTDCS", staff=person)
    assert _row(nomination, "nomination.add_line").changes["line"][0] is None

    council = councils.council_create(actor=skhcn, owner=agency)
    councils.council_add_member(actor=skhcn, council=council, full_name="Trần Văn Hội", role="chair")
    assert "Trần Văn Hội" in _row(council, "council.add_member").changes["member"][1]

    block_year = BlockYear.objects.get(block__code="KHOI-TMTH", year=2022)
    members = list(block_year.memberships.order_by("position").values_list("unit_id", flat=True))
    old_head = block_year.head
    new_head = Unit.objects.filter(pk__in=members).exclude(pk__in=[block_year.head_id, block_year.deputy_id]).first()
    blocks.block_year_save(actor=board, block=block_year.block, year=2022, head=new_head, deputy=block_year.deputy,
                           member_ids=members)
    assert _row(block_year, "block_year.update").changes["head"] == [old_head.name, new_head.name]

    national = QuotaRule.objects.filter(code="CSTDCS", province__isnull=True).order_by("-valid_from").first()
    own = catalog.override_save(actor=board, row=QuotaRule(
        rule_set=national.rule_set, code="CSTDCS", base_code=national.base_code, ratio=Decimal("12"),
        rounding=national.rounding, valid_from=national.valid_from, basis="Quyết định của UBND tỉnh"))
    assert _row(own, "create").changes["ratio"] == [None, "12"]
    own.ratio = Decimal("13")
    catalog.override_save(actor=board, row=own)
    assert _row(own, "update").changes == {"ratio": ["12", "13"]}

    salary = catalog.base_salary_add(actor=admin, amount=2_900_000, valid_from=dt.date(2031, 1, 1),
                                     basis="Nghị định thử")
    assert _row(salary, "save").changes["amount"] == [None, 2_900_000]

    token, _ = api.token_create(actor=admin, user=skhcn, name="Khóa thử")
    api.token_revoke(actor=admin, token=token)
    assert list(_row(token, "api_token.revoke").changes) == ["revoked_at"]
    accounts.password_change(actor=skhcn, new_password="Mật-khẩu-mới-2024")
    assert _row(skhcn, "account.password_change").changes == {"password": [None, "đã đổi"]}

    rows = list(AuditEvent.objects.filter(id__gt=first))
    assert len(rows) >= 18
    unnamed = sorted({(row.object_type, key) for row in rows for key in row.changes
                      if field_label(row.object_type, key) == OTHER})
    assert unnamed == []
    for row in rows:  # every row: who, which object by name, and pairs with a Vietnamese label each
        assert row.actor_id and row.object_label, row
        assert all(isinstance(pair, list) and len(pair) == 2 for pair in row.changes.values()), row.changes
        assert "password" not in str(row.changes).lower() or row.action.startswith("account.")
    assert Staff.objects.filter(pk=person.pk).exists()
