"""Impossible dates (30/02, 31/04, years 1800 and 99999) in every form that takes one: refused at
the field, in Vietnamese, nothing saved, never silently cleared, never a 500."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from emulation.test_views import form_data

from thidua.evaluation.models import Achievement
from thidua.organizations.models import Staff


@pytest.fixture
def officer(client, users):
    client.force_login(users["skhcn"])
    return client


@pytest.mark.parametrize(("fields", "where"), [
    ({"doc_day": "30", "doc_month": "2", "doc_year": "2024"}, "tháng 2 không có ngày 30"),
    ({"letter_day": "31", "letter_month": "4", "letter_year": "2023"}, "tháng 4 không có ngày 31"),
    ({"doc_day": "29", "doc_month": "2", "doc_year": "2023"}, "tháng 2 không có ngày 29"),
    ({"doc_year": "99999"}, "từ 2000 đến 2100"),
])
def test_a_registration_with_an_impossible_date_is_not_saved(officer, seed_registration, fields, where):
    before = (seed_registration.version, seed_registration.doc_day, seed_registration.letter_day)
    data = form_data(seed_registration, addressee="Người nhận mới", **fields)
    response = officer.post(reverse("registration_edit", args=[seed_registration.pk]), data)
    page = response.content.decode()
    assert response.status_code == 422 and where in page
    seed_registration.refresh_from_db()
    assert (seed_registration.version, seed_registration.doc_day, seed_registration.letter_day) == before
    assert seed_registration.addressee != "Người nhận mới"


def test_a_real_29_february_is_kept(officer, seed_registration):
    data = form_data(seed_registration, doc_day="29", doc_month="2", doc_year="2024")
    response = officer.post(reverse("registration_edit", args=[seed_registration.pk]), data)
    assert response.status_code == 302
    seed_registration.refresh_from_db()
    assert (seed_registration.doc_day, seed_registration.doc_month) == (29, 2)


@pytest.mark.parametrize("day", ["2024-02-30", "30/02/2024", "1800-01-01", "99999-01-01", "²"])
def test_an_initiative_with_an_impossible_date_says_so_in_vietnamese(officer, users, day):
    staff = Staff.objects.filter(agency__code="SKHCN").first()
    before = Achievement.objects.count()
    response = officer.post(reverse("yearend_achievement_add", args=["SKHCN"]) + "?nam=2022",
                            {"staff": staff.pk, "kind": "initiative", "title": "Sáng kiến", "scope": "co_so",
                             "recognised_on": day}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "Ngày công nhận" in page, page[:300]
    assert "out of range" not in page
    assert Achievement.objects.count() == before


@pytest.mark.parametrize("day", ["2025-02-30", "30/02/2025", "1800-01-01", "abc"])
def test_unit_commands_refuse_impossible_dates_in_one_line(demo, day):
    with pytest.raises(CommandError, match="Ngày"):
        call_command("unit", "rename", "--user", "bantdkt", "--unit", "SKHCN", "--name", "Tên mới", "--date", day)
