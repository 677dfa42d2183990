"""Regression tests for issue 10's second hole: a body may put on its decision (and on its council's
agenda) only people and collectives within its authority (organizations.authority, catalog.subjects).
Before, `decisions.services._new_line` checked only the province, so an SKHCN officer could write
award history onto a person of Sở Nội vụ."""

import datetime as dt

import pytest
from councils.builders import build_org

from thidua.catalog.models import AwardType, CollectiveScope
from thidua.councils import services as councils
from thidua.decisions import defaults
from thidua.decisions import services as decisions
from thidua.decisions.models import DecisionLine
from thidua.evaluation.models import AwardRecord
from thidua.organizations.authority import governs
from thidua.organizations.models import Unit, UnitKind
from thidua.organizations.services import unit_merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    return build_org()


@pytest.fixture
def snv_department(org):
    return Unit.objects.create(code="SNV-P1", name="Văn phòng Sở Nội vụ", kind=UnitKind.DEPARTMENT, parent=org.snv,
                               province=org.province)


def _draft(org, issuer, actor="skhcn"):
    return decisions.decision_create(actor=org.users[actor], issuer=issuer, award_year=2022,
                                     title="Về việc khen thưởng năm 2022")


def test_an_agency_officer_cannot_put_another_agency_person_on_its_decision(org):
    draft = _draft(org, org.skhcn)
    with pytest.raises(decisions.DecisionError, match="không phải cán bộ của"):
        decisions.decision_add_line(actor=org.users["skhcn"], decision=draft, code="CSTDCS", staff=org.snv_staff[0])
    assert not DecisionLine.objects.filter(decision=draft).exists()
    assert not AwardRecord.objects.filter(staff=org.snv_staff[0]).exists()


def test_an_agency_decision_created_with_another_agency_collective_is_refused_whole(org, snv_department):
    with pytest.raises(decisions.DecisionError, match="không phải tập thể của"):
        decisions.decision_create(actor=org.users["skhcn"], issuer=org.skhcn, award_year=2022, title="Về việc x",
                                  lines=[decisions.LineSpec(code="CSTDCS", staff=org.staff[2]),
                                         decisions.LineSpec(code="TTLDTT", unit=snv_department)])


def test_an_agency_decision_takes_its_own_people_and_departments(org):
    draft = _draft(org, org.skhcn)
    decisions.decision_add_line(actor=org.users["skhcn"], decision=draft, code="CSTDCS", staff=org.staff[2])
    decisions.decision_add_line(actor=org.users["skhcn"], decision=draft, code="TTLDTT", unit=org.departments[0])
    assert draft.lines.count() == 2


def test_the_province_decision_takes_anyone_of_the_province_but_no_one_of_another(org):
    from thidua.organizations.models import Province, Staff

    draft = _draft(org, org.ubnd, actor="bantdkt")
    decisions.decision_add_line(actor=org.users["bantdkt"], decision=draft, code="BK_TINH", staff=org.snv_staff[0])
    other = Province.objects.create(code="BK", name="Bắc Kạn")
    far = Unit.objects.create(code="SNV-BK", name="Sở Nội vụ tỉnh Bắc Kạn", kind=UnitKind.AGENCY, province=other)
    stranger = Staff.objects.create(agency=far, full_name="Nông Văn Xa")
    with pytest.raises(decisions.DecisionError, match="không thuộc tỉnh"):
        decisions.decision_add_line(actor=org.users["bantdkt"], decision=draft, code="BK_TINH", staff=stranger)


def test_the_collective_scope_of_a_title_holds_on_decisions_as_at_the_year_end(org):
    award = AwardType.objects.filter(collective_scope=CollectiveScope.DEPARTMENT).first()
    assert award is not None, "the catalog has a title for departments only"
    draft = _draft(org, org.skhcn)
    with pytest.raises(decisions.DecisionError, match="xét cho phòng, ban"):
        decisions.decision_add_line(actor=org.users["skhcn"], decision=draft, code=award.code, unit=org.skhcn)


def test_an_agency_council_cannot_take_another_agency_collective(org, snv_department):
    council = councils.council_create(actor=org.users["skhcn"], owner=org.skhcn)
    councils.council_add_member(actor=org.users["skhcn"], council=council, full_name=org.staff[0].full_name,
                                role="chair", position=org.staff[0].position, staff=org.staff[0])
    session = councils.session_create(actor=org.users["skhcn"], council=council, date=dt.date(2022, 12, 10),
                                      year=2022)
    with pytest.raises(councils.CouncilError, match="không phải tập thể của"):
        councils.session_add_candidate(actor=org.users["skhcn"], session=session, code="TTLDTT", unit=snv_department)
    assert not session.candidates.exists()


def test_a_successor_governs_the_people_of_the_units_it_continues(org):
    merged = Unit.objects.create(code="SKHCN-SNV", name="Sở mới", kind=UnitKind.AGENCY, province=org.province)
    unit_merge(actor=org.users["admin"], predecessors=[org.skhcn, org.snv], successor=merged, on=dt.date(2025, 7, 1))
    assert governs(merged, staff=org.snv_staff[0]) and governs(merged, unit=org.departments[0])
    assert not governs(org.skhcn, staff=org.snv_staff[0])


def test_a_decision_title_is_built_in_one_place_for_councils_and_dossiers():
    assert defaults.award_title(["TTLDTT", "LDTT"], 2022) == (
        f"Về việc công nhận danh hiệu “{AwardType.objects.get(code='LDTT').name}” và "
        f"danh hiệu “{AwardType.objects.get(code='TTLDTT').name}” năm 2022")
    assert defaults.award_title(["BK_TINH"], 2023).startswith("Về việc tặng ")
