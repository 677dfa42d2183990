"""Council pages under bad input: empty and partial ballots, letters and giant counts, over-long
names and places — a Vietnamese message naming each bad entry, nothing saved, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from thidua.councils import services
from thidua.councils.models import BallotResult, CouncilMember, Session


@pytest.fixture
def candidate(org, session):
    return services.session_add_candidate(actor=org.users["admin"], session=session, code="CSTDCS",
                                          staff=org.staff[3])


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize(("counts", "expected"), [
    ({"yes": "", "no": "", "invalid": ""}, ["Chưa ghi số phiếu tán thành", "Chưa ghi số phiếu không tán thành"]),
    ({"yes": "0", "no": "0", "invalid": "0"}, ["Phiếu trống"]),
    ({"yes": "abc", "no": "²", "invalid": "0"}, ["Số phiếu tán thành phải là số nguyên",
                                                 "Số phiếu không tán thành phải là số nguyên"]),
    ({"yes": "100000000000000000000", "no": "1"}, ["Số phiếu tán thành phải từ 0 đến"]),
    ({"yes": "5", "no": "-1"}, ["Số phiếu không tán thành phải từ 0 đến"]),
    ({"yes": "5"}, ["Chưa ghi số phiếu không tán thành"]),
    ({"yes": "9", "no": "9"}, ["nhiều hơn số thành viên bỏ phiếu"]),
])
def test_a_bad_ballot_is_named_and_nothing_is_recorded(client, org, session, candidate, counts, expected):
    client.force_login(org.users["skhcn"])
    response = client.post(reverse("session_ballot", args=[session.pk, candidate.pk]), counts)
    assert response.status_code == 302
    text = _messages(response)
    for fragment in expected:
        assert fragment in text, text
    assert "invalid literal" not in text
    assert not BallotResult.objects.filter(candidate=candidate).exists()


def test_a_good_ballot_is_still_recorded(client, org, session, candidate):
    client.force_login(org.users["skhcn"])
    client.post(reverse("session_ballot", args=[session.pk, candidate.pk]), {"yes": "9", "no": "1", "invalid": ""})
    assert BallotResult.objects.get(candidate=candidate).yes == 9


def test_over_long_names_and_places_are_refused_on_sqlite_as_on_postgresql(client, org, council):
    client.force_login(org.users["skhcn"])
    before = Session.objects.count()
    response = client.post(reverse("session_create", args=[council.pk]),
                           {"date": "12/12/2022", "year": "2022", "place": "x" * 10_000})
    assert response.status_code == 302 and "tối đa 255" in _messages(response)
    assert Session.objects.count() == before
    with pytest.raises(services.CouncilError, match="tối đa 150"):
        services.council_add_member(actor=org.users["admin"], council=council, full_name="Nguyễn " * 2000)
    assert not CouncilMember.objects.filter(full_name__startswith="Nguyễn Nguyễn").exists()


@pytest.mark.parametrize(("date", "year"), [("30/02/2024", "2024"), ("2024-02-30", "2024"), ("12/12/2022", "99999"),
                                            ("12/12/1800", ""), ("²", "2022")])
def test_impossible_session_dates_and_years_are_refused(client, org, council, date, year):
    client.force_login(org.users["skhcn"])
    before = Session.objects.count()
    response = client.post(reverse("session_create", args=[council.pk]), {"date": date, "year": year})
    assert response.status_code == 302 and _messages(response)
    assert Session.objects.count() == before
