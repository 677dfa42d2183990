"""The ballots form of a dossier (every line on the council's agenda at once): one bad line and
nothing is recorded, each bad line named in Vietnamese; an empty form is an error, not a result."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from thidua.councils.models import BallotResult, Council
from thidua.councils.services import session_create
from thidua.organizations.models import Unit
from thidua.yearend import services
from thidua.yearend.models import Level

from .test_nominations import not_awarded


@pytest.fixture
def at_council(users, agency):
    officer, leader, board = users["skhcn"], users["skhcn.lanhdao"], users["bantdkt"]
    nomination = services.nomination_create(actor=officer, unit=agency, year=2022, level=Level.PROVINCE)
    first, second = not_awarded(agency, "BK_TINH")
    department = Unit.objects.filter(parent=agency).order_by("position").first()
    services.nomination_add_line(actor=officer, nomination=nomination, code="BK_TINH", staff=first)
    services.nomination_add_line(actor=officer, nomination=nomination, code="BK_TINH", staff=second)
    services.nomination_add_line(actor=officer, nomination=nomination, code="TTLDXS", unit=department)
    services.nomination_submit(actor=leader, nomination=nomination, date=dt.date(2023, 1, 5))
    services.nomination_appraise(actor=board, nomination=nomination)
    council = Council.objects.get(owner__code="UBND-TN")
    session = session_create(actor=board, council=council, date=dt.date(2023, 1, 10), year=2022)
    services.nomination_to_council(actor=board, nomination=nomination, session=session)
    nomination.refresh_from_db()
    assert nomination.council_session == session
    return nomination


def _post(client, nomination, values):
    response = client.post(reverse("nomination_ballots", args=[nomination.pk]), values)
    assert response.status_code == 302
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_one_bad_line_records_nothing_and_every_bad_line_is_named(as_user, at_council):
    client = as_user("bantdkt")
    first, second, third = at_council.lines.order_by("position")
    text = _post(client, at_council, {f"yes-{first.pk}": "9", f"no-{first.pk}": "1",
                                      f"yes-{second.pk}": "abc", f"no-{second.pk}": "1",
                                      f"yes-{third.pk}": "9", f"no-{third.pk}": "100000000000000000000"})
    assert "Chưa ghi kết quả nào" in text and second.subject_name in text and third.subject_name in text, text
    assert first.subject_name not in text and "invalid literal" not in text
    assert not BallotResult.objects.filter(candidate__session=at_council.council_session).exists()


def test_an_empty_form_is_an_error_not_a_result(as_user, at_council):
    text = _post(as_user("bantdkt"), at_council, {})
    assert "Chưa nhập số phiếu" in text
    assert not BallotResult.objects.filter(candidate__session=at_council.council_session).exists()


def test_a_whole_form_is_recorded(as_user, at_council):
    lines = list(at_council.lines.order_by("position"))
    values = {}
    for line in lines:
        values |= {f"yes-{line.pk}": "9", f"no-{line.pk}": "1", f"invalid-{line.pk}": ""}  # 10 members
    text = _post(as_user("bantdkt"), at_council, values)
    assert "Đã ghi kết quả bỏ phiếu" in text, text
    assert BallotResult.objects.filter(candidate__session=at_council.council_session).count() == len(lines)
