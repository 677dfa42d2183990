"""Individual registrations: one title per person and year, recorded by the agency's officer, and
the comparison with the agency registration's individual targets (a higher title of the ladder
counts for the lower ones)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.yearend.models import IndividualRegistration
from thidua.yearend.selectors import registration_comparison
from thidua.yearend.services import individual_registration_set

PAGE = reverse("yearend_registrations", args=["SKHCN"]) + "?nam=2022"


def rows(agency, year=2022):
    return {r.code: (r.registered, r.individuals) for r in registration_comparison(agency, year)}


def test_the_demo_registrations_add_up_to_the_seed_targets(agency):
    assert IndividualRegistration.objects.filter(staff__agency=agency, year=2022).count() == 70
    table = rows(agency)
    assert table["LDTT"] == (70, 70)
    assert table["CSTDCS"] == (11, 11)
    assert table["CSTD_TINH"] == (3, 3)
    assert table["CSTD_TQ"] == (1, 1)
    assert table["BK_TINH"] == (2, 0)


def test_a_registration_is_set_changed_and_removed_by_the_officer(users, staff, agency):
    person = next(s for s in staff if not IndividualRegistration.objects.filter(staff=s, year=2022).exists())
    officer = users["skhcn"]
    individual_registration_set(actor=officer, staff=person, year=2022, code="cstdcs")
    assert rows(agency)["CSTDCS"] == (11, 12) and rows(agency)["LDTT"] == (70, 71)
    individual_registration_set(actor=officer, staff=person, year=2022, code="BK_TINH")
    assert rows(agency)["BK_TINH"] == (2, 1) and rows(agency)["CSTDCS"] == (11, 11)
    assert IndividualRegistration.objects.filter(staff=person, year=2022).count() == 1
    individual_registration_set(actor=officer, staff=person, year=2022, code="")
    assert not IndividualRegistration.objects.filter(staff=person, year=2022).exists()


def test_a_collective_title_or_an_unknown_code_is_refused(users, staff):
    with pytest.raises(ValidationError, match="chỉ xét tặng cho tập thể"):
        individual_registration_set(actor=users["skhcn"], staff=staff[0], year=2022, code="TTLDXS")
    with pytest.raises(ValueError, match="không có trong danh mục"):
        individual_registration_set(actor=users["skhcn"], staff=staff[0], year=2022, code="XYZ")


@pytest.mark.parametrize("username", ["skhcn.lanhdao", "bantdkt", "snv"])
def test_only_the_agency_officer_records_registrations(users, staff, username):
    with pytest.raises(PermissionDenied):
        individual_registration_set(actor=users[username], staff=staff[0], year=2022, code="LDTT")


def test_the_page_shows_the_grid_and_the_comparison_and_saves_a_row(as_user, staff):
    client = as_user("skhcn")
    page = client.get(PAGE).content.decode()
    assert page.count('data-staff="') == 50 and 'id="comparison"' in page  # 73 people in pages of 50
    assert client.get(PAGE + "&trang=2").content.decode().count('data-staff="') == 23
    assert '<tr data-code="LDTT"><td>Lao động tiên tiến</td><td>70</td><td>70</td>' in page
    answer = client.post(reverse("yearend_registration_save", args=["SKHCN"]),
                         {"staff": staff[-1].pk, "nam": 2022, "code": "BK_TINH"})
    assert "đã lưu BK_TINH" in answer.content.decode()
    assert as_user("snv").get(PAGE).status_code == 404
    assert "<select" not in as_user("skhcn.lanhdao").get(PAGE).content.decode().split('id="registration-grid"')[1]


def test_the_kept_page_follows_a_registration_recorded_through_the_service(as_user, users, staff):
    """The page keeps what the people registered and the comparison under the province's stamps
    (individual registrations bump its work stamp): a change shows on the next view."""
    client = as_user("skhcn")
    ldtt = '<tr data-code="LDTT"><td>Lao động tiên tiến</td><td>70</td><td>{}</td>'
    assert ldtt.format(70) in client.get(PAGE).content.decode()
    assert ldtt.format(70) in client.get(PAGE).content.decode()  # the kept page
    person = next(s for s in staff if not IndividualRegistration.objects.filter(staff=s, year=2022).exists())
    individual_registration_set(actor=users["skhcn"], staff=person, year=2022, code="LDTT")
    assert ldtt.format(71) in client.get(PAGE).content.decode()
    individual_registration_set(actor=users["skhcn"], staff=person, year=2022, code="")
    assert ldtt.format(70) in client.get(PAGE).content.decode()
