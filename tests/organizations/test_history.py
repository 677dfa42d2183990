"""Units are renamed, merged and split (2025 reorganisation); their history stays attached."""

import datetime as dt

import pytest

from thidua.accounts.models import Role, User
from thidua.emulation.documents import registration_context
from thidua.emulation.models import Registration
from thidua.emulation.policy import registrations_for
from thidua.organizations.models import Unit, UnitKind
from thidua.organizations.services import lineage_ids, unit_merge, unit_rename, unit_split


@pytest.fixture
def skhcn(demo):
    return Unit.objects.get(code="SKHCN")


def test_a_renamed_agency_prints_its_old_name_on_its_old_documents(skhcn, users):
    unit_rename(actor=users["admin"], unit=skhcn, new_name="Sở Khoa học, Công nghệ và Chuyển đổi số",
                document_name="SỞ KHOA HỌC, CÔNG NGHỆ VÀ CHUYỂN ĐỔI SỐ", on=dt.date(2025, 3, 1))
    old = Registration.objects.get(unit=skhcn, year=2022)
    assert registration_context(old)["issuer"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert skhcn.names_on(dt.date(2025, 6, 1)) == ("Sở Khoa học, Công nghệ và Chuyển đổi số",
                                                    "SỞ KHOA HỌC, CÔNG NGHỆ VÀ CHUYỂN ĐỔI SỐ")
    assert skhcn.former_names.get().name == "Sở Khoa học và Công nghệ tỉnh Thái Nguyên"


def test_a_rename_needs_a_name(skhcn, users):
    with pytest.raises(ValueError):
        unit_rename(actor=users["admin"], unit=skhcn, new_name="  ", on=dt.date(2025, 3, 1))


def test_the_merged_agency_sees_the_registrations_of_those_it_continues(skhcn, users):
    merged = Unit.objects.create(code="SKHCN-2025", name="Sở Khoa học và Công nghệ (hợp nhất)", kind=UnitKind.AGENCY,
                                 province=skhcn.province)
    unit_merge(actor=users["admin"], predecessors=[skhcn, Unit.objects.get(code="STP")], successor=merged,
               on=dt.date(2025, 3, 1), basis="Nghị quyết hợp nhất")
    officer = User.objects.create(username="moi", unit=merged, role=Role.AGENCY_OFFICER)
    assert set(registrations_for(officer).values_list("unit__code", flat=True)) == {"SKHCN", "STP"}
    skhcn.refresh_from_db()
    assert skhcn.active_to == dt.date(2025, 2, 28)
    assert lineage_ids(merged.pk) == {merged.pk, skhcn.pk, Unit.objects.get(code="STP").pk}


def test_lineage_follows_several_generations_and_splits(skhcn, users):
    a = Unit.objects.create(code="A", name="A", kind=UnitKind.AGENCY, province=skhcn.province)
    b = Unit.objects.create(code="B", name="B", kind=UnitKind.AGENCY, province=skhcn.province)
    unit_merge(actor=users["admin"], predecessors=[skhcn], successor=a, on=dt.date(2024, 1, 1))
    unit_split(actor=users["admin"], predecessor=a, successors=[b], on=dt.date(2025, 1, 1))
    assert skhcn.pk in lineage_ids(b.pk)
    with pytest.raises(ValueError):
        unit_merge(actor=users["admin"], predecessors=[b], successor=b, on=dt.date(2025, 1, 1))
