"""An administrator enters and confirms base salaries; nobody else writes them; a draft decision
dated after an unconfirmed one says which it uses and asks for the confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.catalog import services
from thidua.catalog.models import BaseSalary
from thidua.decisions import services as decision_services

pytestmark = pytest.mark.django_db


def unconfirmed() -> BaseSalary:
    return BaseSalary.objects.get(valid_from=dt.date(2026, 7, 1))


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("base_salary_list"))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_everyone_signed_in_reads_the_list_but_only_the_admin_sees_the_forms(client, org):
    client.force_login(org.users["skhcn"])
    page = client.get(reverse("base_salary_list")).content.decode()
    assert "2.530.000" in page and "Chưa xác nhận" in page and "Xác nhận mức này" not in page
    client.force_login(org.users["admin"])
    assert "Xác nhận mức này" in client.get(reverse("base_salary_list")).content.decode()


def test_a_province_officer_cannot_confirm(client, org):
    client.force_login(org.users["bantdkt"])
    response = client.post(reverse("base_salary_confirm", args=[unconfirmed().pk]), {"basis": "NĐ"})
    assert response.status_code == 403
    assert not unconfirmed().confirmed
    with pytest.raises(services.LawError):
        services.base_salary_confirm(actor=org.users["bantdkt"], salary=unconfirmed(), basis="NĐ")


def test_the_admin_confirms_with_its_legal_basis_and_it_is_audited(client, org):
    client.force_login(org.users["admin"])
    client.post(reverse("base_salary_confirm", args=[unconfirmed().pk]), {"basis": ""})
    assert not unconfirmed().confirmed  # a basis is required
    client.post(reverse("base_salary_confirm", args=[unconfirmed().pk]),
                {"basis": "Nghị định số 161/2026/NĐ-CP"})
    salary = unconfirmed()
    assert salary.confirmed and salary.basis == "Nghị định số 161/2026/NĐ-CP"
    assert salary.confirmed_by == org.users["admin"]
    assert AuditEvent.objects.filter(object_type="catalog.basesalary", object_id=str(salary.pk)).exists()


def test_a_new_base_salary_ends_the_one_before(client, org):
    client.force_login(org.users["admin"])
    client.post(reverse("base_salary_add"), {"amount": "2.800.000", "valid_from": "2027-07-01",
                                             "basis": "Nghị định số 1/2027/NĐ-CP"})
    new = BaseSalary.objects.get(valid_from=dt.date(2027, 7, 1))
    assert new.amount == 2_800_000 and new.confirmed and new.valid_to is None
    assert unconfirmed().valid_to == dt.date(2027, 6, 30)
    for bad in ({"amount": "abc", "valid_from": "2028-01-01", "basis": "x"},
                {"amount": "1" * 20, "valid_from": "2028-01-01", "basis": "x"},
                {"amount": "1000", "valid_from": "not a date", "basis": "x"}):
        assert client.post(reverse("base_salary_add"), bad).status_code == 302
    assert not BaseSalary.objects.filter(valid_from=dt.date(2028, 1, 1)).exists()


def test_a_draft_after_the_unconfirmed_salary_shows_it_and_issuing_waits_for_the_confirmation(client, org):
    decision = decision_services.decision_create(
        actor=org.users["admin"], issuer=org.skhcn, award_year=2026, title="Về việc khen thưởng năm 2026",
        lines=[decision_services.LineSpec(code="LDTT", staff=org.staff[4])], date=dt.date(2026, 12, 20))
    assert decision.lines.get().amount == 760_000  # computed with 2,530,000 all the same
    client.force_login(org.users["admin"])
    page = client.get(reverse("decision_detail", args=[decision.pk])).content.decode()
    assert "Mức lương cơ sở chưa được xác nhận" in page and "2.530.000" in page
    assert reverse("base_salary_list") in page
    with pytest.raises(decision_services.DecisionError, match="chưa được xác nhận"):
        decision_services.decision_issue(actor=org.users["admin"], decision=decision, date=dt.date(2026, 12, 20))
    services.base_salary_confirm(actor=org.users["admin"], salary=unconfirmed(), basis="Nghị định số 161/2026/NĐ-CP")
    decision.refresh_from_db()
    assert "chưa được xác nhận" not in client.get(reverse("decision_detail", args=[decision.pk])).content.decode()
    issued = decision_services.decision_issue(actor=org.users["admin"], decision=decision, date=dt.date(2026, 12, 20))
    assert issued.total_amount() == 760_000
