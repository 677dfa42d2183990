"""The one scope model (accounts.scope): `Model.objects.for_user(user, action)` is the rule; the old
`*_for(user)` helpers are wrappers of it, and the report pages use the same rule as the block
pages (before, reports/views.py had its own copy that forgot the block head)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from thidua.accounts.scope import Scope
from thidua.blocks.policy import block_years_for
from thidua.councils.models import Council
from thidua.decisions.models import Decision
from thidua.emulation.models import Registration
from thidua.emulation.policy import registrations_for
from thidua.organizations.models import Block, BlockYear, Province, Staff, Unit
from thidua.organizations.policy import can_govern, staff_for, units_for
from thidua.yearend.models import Nomination

pytestmark = pytest.mark.django_db

SCOPED = [Province, Unit, Staff, BlockYear, Registration, Decision, Council, Nomination]


@pytest.mark.parametrize("model", SCOPED, ids=lambda m: m.__name__)
def test_anonymous_users_reach_nothing_and_unknown_actions_are_denied(model, users):
    assert not model.objects.for_user(AnonymousUser()).exists()
    assert not model.objects.for_user(users["skhcn"], "no-such-action").exists()


@pytest.mark.parametrize("model", SCOPED, ids=lambda m: m.__name__)
def test_administrators_reach_everything(model, users):
    assert model.objects.for_user(users["admin"]).count() == model.objects.count()


def test_the_scope_is_derived_from_the_user_unit_and_role(users):
    board = Scope.of(users["bantdkt"])
    assert board.province_board and not board.agency_officer and board.province_id == users["bantdkt"].unit.province_id
    officer = Scope.of(users["skhcn"])
    assert officer.agency_officer and officer.agency_id == users["skhcn"].unit_id
    assert Scope.of(users["truongkhoi"]).block_head and Scope.of(AnonymousUser()) is None


def test_the_old_helpers_give_exactly_what_for_user_gives(users):
    for user in users.values():
        assert set(registrations_for(user)) == set(Registration.objects.for_user(user))
        assert set(units_for(user)) == set(Unit.objects.for_user(user))
        assert set(staff_for(user)) == set(Staff.objects.for_user(user))
        assert set(block_years_for(user)) == set(BlockYear.objects.for_user(user))


def test_an_agency_sees_only_its_own_staff_and_the_board_its_province(users):
    assert {s.agency.code for s in Staff.objects.for_user(users["skhcn"])} == {"SKHCN"}
    board = Staff.objects.for_user(users["bantdkt"])
    assert board.count() == Staff.objects.filter(agency__province=users["bantdkt"].unit.province).count()


def test_who_governs_a_unit(users):
    skhcn = Unit.objects.get(code="SKHCN")
    department = Unit.objects.filter(parent=skhcn).first()
    assert can_govern(users["bantdkt"], skhcn) and can_govern(users["bantdkt"], department)
    assert can_govern(users["skhcn"], department) and not can_govern(users["skhcn"], skhcn)
    assert not can_govern(users["snv"], department) and not can_govern(users["skhcn.lanhdao"], department)


def test_the_block_head_officer_reads_the_report_of_a_block_it_heads_without_being_a_member(client, users):
    head = users["truongkhoi"].unit.agency
    block = Block.objects.create(code="KHOI-X", name="Khối thử", province=head.province)
    BlockYear.objects.create(block=block, year=2022, head=head)
    assert BlockYear.objects.for_user(users["truongkhoi"]).filter(block=block).exists()
    client.force_login(users["truongkhoi"])
    url = reverse("targets_block", args=["KHOI-X"])
    assert client.get(url, {"nam": 2022}).status_code == 200
    client.force_login(users["snv"])
    assert client.get(url, {"nam": 2022}).status_code == 404
