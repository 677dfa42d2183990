"""One policy decides what each role sees: agencies their own, the block head its members of the
year it heads, the province board its province."""

from django.contrib.auth.models import AnonymousUser

from thidua.emulation.policy import can, registrations_for
from thidua.organizations.models import BlockYear, Unit
from thidua.organizations.policy import units_for


def seen(user):
    return set(registrations_for(user).values_list("unit__code", flat=True))


def test_an_agency_sees_only_its_own_registration(users):
    assert seen(users["skhcn"]) == {"SKHCN"}
    assert seen(users["skhcn.lanhdao"]) == {"SKHCN"}
    assert seen(users["snv"]) == {"SNV"}


def test_the_block_head_sees_every_member_of_the_block_it_heads(users):
    assert seen(users["truongkhoi"]) == {"SKHCN", "STC", "STP", "SKHDT", "SNV", "VPUBND", "TTT"}


def test_the_block_head_loses_the_members_when_the_head_rotates(users):
    BlockYear.objects.filter(year=2022).update(head=Unit.objects.get(code="STP"))
    assert seen(users["truongkhoi"]) == {"STC"}


def test_the_province_board_and_admin_see_all(users):
    assert len(seen(users["bantdkt"])) == 7 and len(seen(users["admin"])) == 7


def test_anonymous_sees_nothing_and_may_do_nothing(seed_registration):
    anonymous = AnonymousUser()
    assert not registrations_for(anonymous).exists()
    assert not any(can(anonymous, a, seed_registration) for a in ("view", "edit", "submit", "receive", "export"))


def test_another_agency_may_neither_view_nor_export(users, seed_registration):
    assert not can(users["snv"], "view", seed_registration)
    assert not can(users["snv"], "export", seed_registration)
    assert can(users["skhcn"], "export", seed_registration)


def test_organisation_data_is_scoped_too(users):
    assert set(units_for(users["snv"]).values_list("code", flat=True)) == {"SNV", "SNV-P1", "SNV-P2", "SNV-P3",
                                                                            "SNV-P4"}
