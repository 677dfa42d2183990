"""Decisions under bad input: impossible dates, years out of the window, giant numbers and ids,
over-long text — a Vietnamese message, nothing stored, never a 500."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from thidua.decisions import services
from thidua.decisions.models import Decision, NumberCounter


@pytest.fixture
def draft(org):
    return services.decision_create(
        actor=org.users["skhcn"], issuer=org.skhcn, award_year=2022, title="Về việc khen thưởng năm 2022",
        lines=[services.LineSpec(code="LDTT", staff=org.staff[4])])


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_huge_id_in_a_path_is_a_404_not_a_500(client, org, draft):
    client.force_login(org.users["skhcn"])
    assert client.get("/quyet-dinh/9999999999999999999999/").status_code == 404
    assert client.get("/quyet-dinh/9223372036854775808/").status_code == 404
    assert client.get(f"/quyet-dinh/{draft.pk}/").status_code == 200


@pytest.mark.parametrize("year", ["²", "99999999999999999999", "1800"])
def test_a_bad_year_on_the_list_is_ignored(client, org, draft, year):
    client.force_login(org.users["skhcn"])
    response = client.get(reverse("decision_list"), {"nam": year})
    assert response.status_code == 200 and draft.title in response.content.decode()


@pytest.mark.parametrize("number", ["100000000000000000000", "9223372036854775807", "²", "0", "100000"])
def test_a_decision_number_outside_1_to_99999_is_refused_and_nothing_is_issued(client, org, draft, number):
    client.force_login(org.users["skhcn"])
    response = client.post(reverse("decision_issue", args=[draft.pk]), {"date": "2022-12-15", "number": number})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number is None
    assert "Số quyết định" in _messages(response)
    assert not NumberCounter.objects.filter(last__gt=99999).exists()


def test_automatic_numbering_after_a_giant_stored_number_says_so_instead_of_failing(org, draft):
    # The largest the column holds on PostgreSQL too (SQLite would keep any 64-bit number).
    NumberCounter.objects.create(issuer=org.skhcn, symbol=draft.symbol, year=2022, last=2147483646)
    with pytest.raises(services.DecisionError, match="vượt giới hạn"):
        services.decision_issue(actor=org.users["skhcn"], decision=draft, date=dt.date(2022, 12, 15))
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize("date", ["2024-02-30", "30/02/2024", "2024-13-01", "1800-01-01", "99999-01-01"])
def test_an_impossible_signing_date_is_refused_not_replaced(client, org, draft, date):
    client.force_login(org.users["skhcn"])
    response = client.post(reverse("decision_issue", args=[draft.pk]), {"date": date})
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.date is None
    assert "Ngày ký" in _messages(response)
    client.post(reverse("decision_edit", args=[draft.pk]), {"title": "Đổi tên", "date": date})
    draft.refresh_from_db()
    assert draft.title == "Về việc khen thưởng năm 2022" and draft.date is None


@pytest.mark.parametrize("year", ["99999", "1800", "²"])
def test_an_award_year_outside_the_window_is_refused(client, org, draft, year):
    client.force_login(org.users["skhcn"])
    before = Decision.objects.count()
    response = client.post(reverse("decision_create"), {"issuer": org.skhcn.pk, "award_year": year, "title": "X"})
    assert Decision.objects.count() == before and "Năm khen thưởng" in _messages(response)
    client.post(reverse("decision_edit", args=[draft.pk]), {"title": draft.title, "award_year": year})
    draft.refresh_from_db()
    assert draft.award_year == 2022
    client.post(reverse("decision_add_line", args=[draft.pk]), {"staff": org.staff[5].pk, "code": "LDTT",
                                                               "year": year})
    assert draft.lines.count() == 1


@pytest.mark.parametrize("field", ["issuer", "staff", "unit"])
def test_odd_ids_in_a_form_find_nothing(client, org, draft, field):
    client.force_login(org.users["skhcn"])
    for value in ("²", "9999999999999999999999"):
        url = reverse("decision_create") if field == "issuer" else reverse("decision_add_line", args=[draft.pk])
        response = client.post(url, {field: value, "code": "LDTT", "award_year": "2022", "title": "X"})
        assert response.status_code in (302, 403)
    assert draft.lines.count() == 1


def test_an_over_long_title_is_refused_by_the_service_on_any_database(org, draft):
    with pytest.raises(services.DecisionError, match="Trích yếu"):
        services.decision_create(actor=org.users["skhcn"], issuer=org.skhcn, award_year=2022, title="x" * 10000)
    with pytest.raises(services.DecisionError, match="tối đa 500"):
        services.decision_update(actor=org.users["skhcn"], decision=draft, title="x" * 10000)
    draft.refresh_from_db()
    assert draft.title == "Về việc khen thưởng năm 2022"
