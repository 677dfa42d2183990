"""Council pages per role and the session page: enter counts, see pass/fail with the threshold and
its basis, close, download the minutes, draft the decision."""

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse

from thidua.councils import services
from thidua.councils.models import Presence
from thidua.decisions.models import Decision


def login(client, org, name):
    client.force_login(org.users[name])
    return client


@pytest.fixture
def agenda(org, session):
    admin = org.users["admin"]
    return [services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[i])
            for i in (4, 5)]


@pytest.mark.parametrize(("username", "sees", "runs"), [
    ("admin", True, True), ("skhcn", True, True), ("skhcn.lanhdao", True, False), ("bantdkt", True, False),
    ("snv", False, False),
])
def test_who_sees_and_runs_an_agency_session(client, org, session, agenda, username, sees, runs):
    client = login(client, org, username)
    page = client.get(reverse("session_detail", args=[session.pk]))
    minutes = client.get(reverse("session_minutes", args=[session.pk, "docx"]))
    council = client.get(reverse("council_detail", args=[session.council.pk]))
    if not sees:
        assert page.status_code == minutes.status_code == council.status_code == 404
    else:
        assert page.status_code == minutes.status_code == council.status_code == 200
        assert ('name="yes"' in page.content.decode()) == runs
    ballot = client.post(reverse("session_ballot", args=[session.pk, agenda[0].pk]), {"yes": "7", "no": "3"})
    assert ballot.status_code == (302 if runs else 403 if sees else 404)


def test_anonymous_users_are_sent_to_the_login_page(client, session):
    for url in (reverse("council_list"), reverse("session_detail", args=[session.pk]),
                reverse("session_minutes", args=[session.pk, "docx"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_session_page_shows_pass_fail_with_the_threshold_and_its_basis(client, org, session, agenda):
    client = login(client, org, "skhcn")
    client.post(reverse("session_ballot", args=[session.pk, agenda[0].pk]), {"yes": "7", "no": "3"})
    client.post(reverse("session_ballot", args=[session.pk, agenda[1].pk]), {"yes": "6", "no": "4"})
    body = client.get(reverse("session_detail", args=[session.pk])).content.decode()
    assert "Đạt" in body and "Không đạt" in body
    assert "cần ít nhất <strong>7/10</strong>" in body and "Thông tư 35/2015/TT-BGDĐT" in body
    # Too many ballots for the people present: refused with the reason, nothing saved.
    response = client.post(reverse("session_ballot", args=[session.pk, agenda[1].pk]), {"yes": "11", "no": "0"},
                           follow=True)
    assert "nhiều hơn số thành viên" in response.content.decode()
    agenda[1].ballot.refresh_from_db()
    assert agenda[1].ballot.yes == 6


def test_attendance_close_minutes_and_draft_decision_from_the_page(client, org, session, agenda):
    client = login(client, org, "skhcn")
    first = session.attendance.order_by("-member_id").first()
    client.post(reverse("session_attendance", args=[session.pk]), {f"presence-{first.member_id}": Presence.WRITTEN})
    first.refresh_from_db()
    assert first.presence == Presence.WRITTEN
    for c in agenda:
        client.post(reverse("session_ballot", args=[session.pk, c.pk]), {"yes": "8", "no": "2"})
    client.post(reverse("session_close", args=[session.pk]), {"end_time": "10:30"})
    session.refresh_from_db()
    assert session.minutes_number_display == "01/BB-HĐTĐKT"
    data = client.get(reverse("session_minutes", args=[session.pk, "docx"])).content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Số: 01/BB-HĐTĐKT" in "\n".join(c.text for t in docx.Document(io.BytesIO(data)).tables
                                            for r in t.rows for c in r.cells)
    assert "10 giờ 30 phút" in text
    response = client.post(reverse("session_draft_decision", args=[session.pk]))
    decision = Decision.objects.get(council_session=session)
    assert response.url == reverse("decision_detail", args=[decision.pk])
    assert decision.lines.count() == 2 and decision.status == "draft"
    assert any("Biên bản số 01/BB-HĐTĐKT ngày 12/12/2022" in b for b in decision.bases)


def test_a_council_is_set_up_from_the_pages(client, org):
    client = login(client, org, "bantdkt")
    assert org.ubnd.name in client.get(reverse("council_list")).content.decode()
    client.post(reverse("council_create"), {"owner": org.ubnd.pk})
    council = org.ubnd.councils.get()
    client.post(reverse("council_add_member", args=[council.pk]),
                {"full_name": "Hoàng Văn Khánh", "position": "Chủ tịch UBND tỉnh", "role": "chair"})
    assert council.members.get().role == "chair"
    client.post(reverse("session_create", args=[council.pk]), {"date": "2022-12-26", "year": "2022"})
    session = council.sessions.get()
    assert session.date == dt.date(2022, 12, 26) and session.attendance.count() == 1
    # SKHCN's officer cannot set up the province's council.
    client = login(client, org, "skhcn")
    assert client.post(reverse("council_add_member", args=[council.pk]), {"full_name": "X"}).status_code == 404
