"""The audit trail's page (issue 10): the province board and administrators read and filter it; no
raw codes, people by full name; others are refused (and the refusal is itself recorded)."""

import pytest
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.organizations.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(users):
    officer = users["skhcn"]
    officer.first_name, officer.last_name = "Nguyễn Văn", "An"
    officer.save()
    skhcn = Unit.objects.get(code="SKHCN")
    audit_record(actor=officer, action="unit.rename", obj=skhcn, summary="Sở cũ → Sở mới")
    audit_record(actor=users["snv"], action="staff.create", obj=skhcn, summary="Thêm người")
    audit_record(actor=None, action="account.login_failed", object_type="accounts.user", object_id="ai-do",
                 summary="Đăng nhập sai: ai-do")
    return officer


def test_the_province_board_reads_and_filters_the_trail_with_full_names_and_words(client, users, rows):
    client.force_login(users["bantdkt"])
    page = client.get(reverse("audit_log")).content.decode()
    assert "Nguyễn Văn An" in page and "đổi tên" in page and "đơn vị" in page
    assert "unit.rename" not in page and "organizations.unit" not in page.split('id="audit"')[1]
    assert "Đăng nhập sai: ai-do" not in page  # no actor of the province: administrators only
    only = client.get(reverse("audit_log"), {"person": "Khánh"}).content.decode().split('id="audit"')[1]
    assert "Thêm người" in only and "Sở cũ → Sở mới" not in only


def test_administrators_see_failed_logins_too(client, users, rows):
    client.force_login(users["admin"])
    assert "Đăng nhập sai: ai-do" in client.get(reverse("audit_log")).content.decode()


@pytest.mark.parametrize("who", ["skhcn", "truongkhoi", "skhcn.lanhdao"])
def test_agency_people_cannot_read_the_trail(client, users, who):
    client.force_login(users[who])
    assert client.get(reverse("audit_log")).status_code == 403
    assert AuditEvent.objects.filter(action="permission.refused", actor=users[who]).exists()


def test_bad_filters_are_answered_not_crashed(client, users, rows):
    client.force_login(users["admin"])
    assert client.get(reverse("audit_log"), {"since": "2025-99-99", "kind": "x" * 500}).status_code == 200
