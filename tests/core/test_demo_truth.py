"""The demo tells the truth (issue 12, item 7): what 2022 did is dated in 2022 and "Trễ hạn" only
marks who really was late; people's genders agree with their names and everyone has a position
(annexes print it); whoever signs an agency's documents is among its staff; a decision's title
and its Article 1 name the same awards in the same words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thidua.blocks.selectors import movement_dashboard
from thidua.decisions.documents import articles
from thidua.decisions.models import Decision, DecisionEvent, DecisionLine, DecisionStatus
from thidua.demo_people import gender_of
from thidua.emulation.models import Action, Movement, Registration, RegistrationEvent, Status
from thidua.organizations.models import Staff
from thidua.yearend.models import Nomination, NominationEvent

YEAR = 2022
pytestmark = pytest.mark.django_db


def _year(moment: dt.datetime) -> int:
    return timezone.localtime(moment).year


def test_what_2022_did_is_dated_in_2022(year_end_demo):
    events = RegistrationEvent.objects.filter(registration__year=YEAR)
    assert events.exists() and {_year(e.at) for e in events} == {YEAR}
    decisions = Decision.objects.filter(award_year=YEAR, status=DecisionStatus.ISSUED)
    assert decisions.count() >= 2
    for decision in decisions:
        assert timezone.localtime(decision.issued_at).date() == decision.date
        assert _year(decision.created_at) == YEAR
    assert {_year(e.at) for e in DecisionEvent.objects.filter(decision__award_year=YEAR)} == {YEAR}
    assert {_year(e.at) for e in NominationEvent.objects.filter(nomination__year=YEAR)} == {YEAR}


def test_late_only_when_really_late(year_end_demo):
    movement = Movement.objects.filter(launched_for_year=YEAR, deadline__isnull=False).first()
    rows = movement_dashboard(movement, dt.date.today())
    sent = [r for r in rows if r.registration and r.registration.status != Status.DRAFT]
    assert sent and not any(r.late for r in sent)  # all sent in February, before the deadline
    for row in sent:
        assert row.submitted_on <= movement.deadline
    assert all(r.late for r in rows if r.registration is None or r.registration.status == Status.DRAFT)
    first_sent = RegistrationEvent.objects.filter(action=Action.SUBMIT, registration__year=YEAR).earliest("at")
    assert timezone.localtime(first_sent.at).date() <= movement.deadline


def test_people_are_consistent_and_have_a_position(year_end_demo):
    staff = list(Staff.objects.filter(agency__province__code="TN").values_list("full_name", "gender", "position"))
    assert len(staff) > 300
    wrong = [(name, gender) for name, gender, _ in staff if gender_of(name, gender) != gender]
    assert not wrong, wrong[:10]
    assert not [name for name, _, position in staff if not position.strip()]
    blank = DecisionLine.objects.filter(decision__award_year=YEAR, staff__isnull=False, job_title="")
    assert not blank.exists()  # the annexes' "Chức vụ" column is filled


def test_signers_of_an_agencys_documents_are_among_its_staff(year_end_demo):
    checked = 0
    for reg in Registration.objects.filter(year=YEAR).exclude(signer_name="").select_related("unit"):
        assert Staff.objects.filter(agency=reg.unit, full_name=reg.signer_name).exists(), (reg, reg.signer_name)
        checked += 1
    for decision in Decision.objects.filter(award_year=YEAR, issuer__kind="agency").exclude(signer_name=""):
        assert Staff.objects.filter(agency=decision.issuer, full_name=decision.signer_name).exists()
        checked += 1
    for nomination in Nomination.objects.filter(year=YEAR).exclude(signer_name="").select_related("unit"):
        assert Staff.objects.filter(agency=nomination.unit, full_name=nomination.signer_name).exists()
        checked += 1
    assert checked >= 3
    leader = Staff.objects.get(agency__code="SKHCN", full_name="Đinh Bộ Sơn")
    assert (leader.position, leader.gender) == ("Phó Giám đốc", "nam")


def test_a_decisions_title_and_article_1_name_the_same_awards_alike(year_end_demo):
    for decision in Decision.objects.filter(award_year=YEAR, status=DecisionStatus.ISSUED):
        article1 = articles(decision)[0]["text"]
        names = {line.award_name for line in decision.lines.all()}
        for name in names:
            assert name in decision.title and name in article1, (decision.title, article1)
        for quoted in (f"danh hiệu “{n}”" for n in names):
            assert (quoted in decision.title) == (quoted in article1), (decision.title, article1)
