"""Renaming, merging and splitting units from the product (issue 10): pages and `thidua unit … --user`
for whoever governs the unit (the province board: its province's units; an agency officer: its
departments), through organizations.services, keeping former names and succession."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.organizations.models import Unit, UnitName, UnitSuccession
from thidua.organizations.services import unit_rename

pytestmark = pytest.mark.django_db


def _rename_data(name="Sở Khoa học, Công nghệ và Chuyển đổi số"):
    return {"new_name": name, "document_name": "", "on": "2025-07-01", "basis": "Quyết định số 1/QĐ-UBND"}


def test_an_agency_officer_cannot_rename_another_agency_by_page_service_or_command(client, users):
    snv = Unit.objects.get(code="SNV")
    client.force_login(users["skhcn"])
    assert client.post(reverse("unit_change", args=["SNV", "doi-ten"]), _rename_data("Bị đổi")).status_code == 404
    with pytest.raises(PermissionDenied, match="không có quyền"):
        unit_rename(actor=users["skhcn"], unit=snv, new_name="Bị đổi", on=dt.date(2025, 7, 1))
    with pytest.raises(CommandError, match="Không có đơn vị mã SNV") as refused:  # as the page's 404: no probing
        call_command("unit", "rename", "--user", "skhcn", "--unit", "SNV", "--name", "Bị đổi", "--date", "2025-07-01")
    assert refused.value.returncode == 2
    snv.refresh_from_db()
    assert snv.name != "Bị đổi" and not UnitName.objects.filter(unit=snv).exists()


def test_an_agency_officer_renames_its_department_but_not_its_agency(client, users):
    skhcn = Unit.objects.get(code="SKHCN")
    department = Unit.objects.filter(parent=skhcn).first()
    client.force_login(users["skhcn"])
    assert client.get(reverse("unit_change", args=["SKHCN", "doi-ten"])).status_code == 403
    response = client.post(reverse("unit_change", args=[department.code, "doi-ten"]), _rename_data("Phòng mới"))
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.name == "Phòng mới" and UnitName.objects.filter(unit=department).exists()


def test_the_province_board_renames_an_agency_and_the_former_name_and_audit_are_kept(client, users):
    skhcn = Unit.objects.get(code="SKHCN")
    old = skhcn.name
    client.force_login(users["bantdkt"])
    page = client.get(reverse("agency_detail", args=["SKHCN"])).content.decode()
    assert reverse("unit_change", args=["SKHCN", "doi-ten"]) in page
    assert client.post(reverse("unit_change", args=["SKHCN", "doi-ten"]), _rename_data()).status_code == 302
    skhcn.refresh_from_db()
    assert skhcn.name == "Sở Khoa học, Công nghệ và Chuyển đổi số"
    assert UnitName.objects.get(unit=skhcn).name == old
    assert AuditEvent.objects.filter(action="unit.rename", actor=users["bantdkt"], object_id=str(skhcn.pk)).exists()
    assert old in client.get(reverse("agency_detail", args=["SKHCN"])).content.decode()  # "Tên cũ: …"


def test_the_board_merges_two_agencies_into_a_new_one_by_command_and_history_follows(users):
    call_command("unit", "merge", "--user", "bantdkt", "--from", "SKHCN", "--from", "STP", "--into", "SKHCN-TP",
                 "--name", "Sở Khoa học và Tư pháp", "--date", "2025-07-01", "--basis", "Nghị quyết số 9")
    new = Unit.objects.get(code="SKHCN-TP")
    assert set(UnitSuccession.objects.filter(successor=new).values_list("predecessor__code", flat=True)) == {
        "SKHCN", "STP"}
    assert Unit.objects.get(code="SKHCN").active_to.isoformat() == "2025-06-30"


def test_a_split_by_page_creates_the_new_units_and_records_the_succession(client, users):
    client.force_login(users["bantdkt"])
    response = client.post(reverse("unit_change", args=["SNV", "chia-tach"]), {
        "successors": "SNV-A = Sở Nội vụ A\nSNV-B = Sở Nội vụ B", "on": "2025-07-01", "basis": ""})
    assert response.status_code == 302
    assert set(UnitSuccession.objects.filter(predecessor__code="SNV").values_list("successor__code", flat=True)) == {
        "SNV-A", "SNV-B"}


def test_a_bad_unit_change_says_why_in_vietnamese(client, users):
    client.force_login(users["bantdkt"])
    page = client.post(reverse("unit_change", args=["SNV", "hop-nhat"]), {
        "into_code": "KHONG-CO", "into_name": "", "on": "2025-07-01"}).content.decode()
    assert "nhập tên để lập đơn vị mới" in page
    assert client.get(reverse("unit_change", args=["SNV", "xoa"])).status_code == 404


def test_the_block_command_takes_a_user_and_keeps_working_without_one(capsys, users):
    call_command("block", "summary", "--block", "KHOI-TMTH", "--year", "2022", "--json")
    call_command("block", "summary", "--block", "KHOI-TMTH", "--year", "2022", "--json", "--user", "truongkhoi")
    with pytest.raises(CommandError, match="không có quyền") as refused:
        call_command("block", "summary", "--block", "KHOI-TMTH", "--year", "2022", "--user", "skhcn")
    assert refused.value.returncode == 2
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("block", "ranking", "--block", "KHOI-TMTH", "--year", "2022", "--user", "khong-co")


@pytest.mark.parametrize("username, agency_link, department_links", [
    ("bantdkt", True, True), ("skhcn", False, True), ("skhcn.lanhdao", False, False)])
def test_the_agency_page_offers_renaming_to_whom_may_govern_the_agency_or_its_departments(
        client, users, username, agency_link, department_links):
    """One query answers both (organizations.views.agency_detail): the page's links follow the rule of
    Unit.objects.for_user(user, "change"), for the agency and each department."""
    skhcn = Unit.objects.get(code="SKHCN")
    department = Unit.objects.filter(parent=skhcn, kind="department").order_by("position").first()
    client.force_login(users[username])
    page = client.get(reverse("agency_detail", args=["SKHCN"])).content.decode()
    assert (reverse("unit_change", args=["SKHCN", "doi-ten"]) in page) is agency_link
    assert (reverse("unit_change", args=[department.code, "doi-ten"]) in page) is department_links
