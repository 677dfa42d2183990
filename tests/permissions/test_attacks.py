"""The attacks of issue 10, each a named regression test on the demo (SKHCN's officer against Sở Nội
vụ): all refused, the data unchanged, and nothing of the other agency shown back. The other attacks
have their tests beside the feature: the admin's history revert of national law data in
test_admin_is_a_window.py, renaming another agency's unit by page, service and command in
test_units.py, another agency's people on a decision through the service in test_authority.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from year_end_fixtures import module_demo, users  # noqa: F401

from thidua.councils import services as councils
from thidua.councils.models import Council, CouncilMember
from thidua.decisions import services as decisions
from thidua.decisions.models import Decision, DecisionLine, DecisionStatus
from thidua.evaluation.models import Achievement, AwardRecord, Rating
from thidua.organizations.models import Staff, Unit
from thidua.yearend import services as yearend
from thidua.yearend.models import IndividualRegistration, Level, NominationLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def snv_person(users):  # noqa: F811
    return Staff.objects.filter(agency__code="SNV").order_by("pk").first()


@pytest.fixture
def draft(users):  # noqa: F811
    return decisions.decision_create(actor=users["skhcn"], issuer=Unit.objects.get(code="SKHCN"), award_year=2022,
                                     title="Về việc khen thưởng đột xuất năm 2022")


def test_another_agency_person_cannot_be_put_on_a_decision_through_the_page(client, users, draft, snv_person):  # noqa: F811
    client.force_login(users["skhcn"])
    records = AwardRecord.objects.filter(staff=snv_person).count()
    page = client.post(reverse("decision_add_line", args=[draft.pk]), {"code": "CSTDCS", "staff": snv_person.pk},
                       follow=True).content.decode()
    assert not DecisionLine.objects.filter(decision=draft).exists()
    # The id of someone out of scope is nobody chosen: the page does not even say the name back.
    assert snv_person.full_name not in page
    assert AwardRecord.objects.filter(staff=snv_person).count() == records


def test_another_agency_person_cannot_be_put_on_a_decision_through_the_service(users, draft, snv_person):  # noqa: F811
    with pytest.raises(decisions.DecisionError, match="không phải cán bộ của"):
        decisions.decision_add_line(actor=users["skhcn"], decision=draft, code="CSTDCS", staff=snv_person)
    with pytest.raises(decisions.DecisionError, match="không phải cán bộ của"):
        decisions.decision_create(actor=users["skhcn"], issuer=draft.issuer, award_year=2022, title="Về việc x",
                                  lines=[decisions.LineSpec(code="LDTT", staff=snv_person)])
    assert not DecisionLine.objects.filter(staff=snv_person, decision__issuer__code="SKHCN").exists()


def test_another_agency_person_cannot_be_put_on_a_council_agenda_or_a_dossier_through_the_pages(
        client, users, snv_person):  # noqa: F811
    skhcn = Unit.objects.get(code="SKHCN")
    session = councils.session_create(actor=users["skhcn"], council=Council.objects.get(owner=skhcn),
                                      date=dt.date(2022, 12, 27), year=2022)
    dossier = yearend.nomination_create(actor=users["skhcn"], unit=skhcn, year=2022, level=Level.UNIT)
    client.force_login(users["skhcn"])
    pages = [
        client.post(reverse("session_add_candidate", args=[session.pk]), {"code": "CSTDCS", "staff": snv_person.pk},
                    follow=True),
        client.post(reverse("nomination_add_line", args=[dossier.pk]),
                    {"code": "CSTDCS", "subject": f"s-{snv_person.pk}"}, follow=True),
    ]
    assert not session.candidates.exists() and not NominationLine.objects.filter(nomination=dossier).exists()
    for page in pages:
        assert page.status_code == 200 and snv_person.full_name not in page.content.decode()


def test_a_council_member_linked_to_another_agency_person_is_refused(users, snv_person):  # noqa: F811
    """Before, councils.services.council_add_member took any person's record: SKHCN's council could
    list a person of Sở Nội vụ, and its agenda then used the member's record."""
    council = Council.objects.get(owner__code="SKHCN")
    members = CouncilMember.objects.filter(council=council).count()
    with pytest.raises(councils.CouncilError, match="không phải cán bộ của"):
        councils.council_add_member(actor=users["skhcn"], council=council, full_name=snv_person.full_name,
                                    staff=snv_person)
    assert CouncilMember.objects.filter(council=council).count() == members
    # Someone from outside is still welcome by name only, as on the provincial council.
    councils.council_add_member(actor=users["skhcn"], council=council, full_name="Đại diện Công đoàn ngành")


def test_a_decision_cannot_cite_the_session_of_another_agency_council(users, draft):  # noqa: F811
    """Before, decision_create and decision_update took any council session: SKHCN's decision could cite
    the minutes of Sở Nội vụ's council (and its candidates through decision_from_session)."""
    theirs = Decision.objects.get(issuer__code="SNV", status=DecisionStatus.ISSUED).council_session
    with pytest.raises(decisions.DecisionError, match="không thuộc thẩm quyền"):
        decisions.decision_update(actor=users["skhcn"], decision=draft, council_session=theirs)
    with pytest.raises(decisions.DecisionError, match="không thuộc thẩm quyền"):
        decisions.decision_create(actor=users["admin"], issuer=draft.issuer, award_year=2022, title="Về việc x",
                                  council_session=theirs)
    with pytest.raises(decisions.DecisionError, match="không thuộc thẩm quyền"):
        councils.decision_from_session(actor=users["admin"], session=theirs, issuer=draft.issuer)
    draft.refresh_from_db()
    assert draft.council_session is None
    own = Decision.objects.get(issuer__code="SKHCN", status=DecisionStatus.ISSUED).council_session
    assert decisions.decision_update(actor=users["skhcn"], decision=draft, council_session=own).council_session == own


@pytest.mark.parametrize("who", ["bantdkt", "skhcn.lanhdao"])
def test_who_sees_the_year_end_grids_but_does_not_record_changes_nothing_by_posting(client, users, who):  # noqa: F811
    """The province board and the agency's leader read SKHCN's ratings and registrations grids; their
    posts to the grids' htmx cells answer «Chưa lưu» and write nothing (the service refuses)."""
    person = Staff.objects.filter(agency__code="SKHCN").order_by("pk").first()
    def state():
        return (list(Rating.objects.filter(staff=person).values_list("year", "rating")),
                IndividualRegistration.objects.filter(staff=person).count(),
                Achievement.objects.filter(staff=person).count())

    before = state()
    client.force_login(users[who])
    cell = client.post(reverse("yearend_rating_save", args=["SKHCN"]) + "?nam=2022",
                       {"staff": person.pk, "rating": "HTNV"}).content.decode()
    assert "Chưa lưu" in cell
    cell = client.post(reverse("yearend_registration_save", args=["SKHCN"]) + "?nam=2022",
                       {"staff": person.pk, "code": "CSTDCS"}).content.decode()
    assert "Chưa lưu" in cell
    assert client.post(reverse("yearend_achievement_add", args=["SKHCN"]) + "?nam=2022",
                       {"staff": person.pk, "kind": "initiative", "title": "Sáng kiến", "scope": "co_so"}
                       ).status_code == 403
    assert state() == before
