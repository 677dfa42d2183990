"""The demo's people are consistent wherever they appear (issue 12, item 7): whoever signs a
decision or a registration, or sits on a council, is a member of staff of that unit (or, for the
provincial council, of the member body) with the position the document prints; names say the
gender recorded; one head per agency and per department; every annex line has its position."""

from __future__ import annotations

from collections import Counter

import pytest

from thidua.councils.models import CouncilMember
from thidua.decisions.models import Decision, DecisionLine
from thidua.demo import LOGINS
from thidua.demo_people import gender_of
from thidua.emulation.models import Registration
from thidua.organizations.models import Staff, Unit, UnitKind

pytestmark = pytest.mark.django_db

SIGNED_AS = {"GIÁM ĐỐC": "Giám đốc", "PHÓ GIÁM ĐỐC": "Phó Giám đốc", "CHỦ TỊCH": "Chủ tịch UBND tỉnh",
             "PHÓ CHỦ TỊCH": "Phó Chủ tịch UBND tỉnh", "CHÁNH VĂN PHÒNG": "Chánh Văn phòng UBND tỉnh",
             "CHÁNH THANH TRA": "Chánh Thanh tra tỉnh"}


def test_every_decision_is_signed_by_a_person_of_its_issuer_holding_that_position(year_end_demo):
    decisions = list(Decision.objects.select_related("issuer"))
    assert len(decisions) >= 4 and {d.issuer.code for d in decisions} >= {"UBND-TN", "SKHCN", "SNV", "STC"}
    for decision in decisions:
        signer = Staff.objects.get(agency=decision.issuer, full_name=decision.signer_name)
        assert signer.position == SIGNED_AS[decision.signer_position], (decision, signer.position)
    provincial = next(d for d in decisions if d.issuer.code == "UBND-TN")
    assert (provincial.signer_authority, provincial.signer_title) == ("KT.", "CHỦ TỊCH")


def test_every_registration_is_signed_by_its_agencys_head_or_a_deputy_for_the_head(year_end_demo):
    registrations = list(Registration.objects.filter(year=2022).select_related("unit"))
    assert len(registrations) == 7
    for reg in registrations:
        signer = Staff.objects.get(agency=reg.unit, full_name=reg.signer_name)
        assert signer.position == SIGNED_AS[reg.signer_position], (reg.unit.code, signer.position)
        head = Staff.objects.get(agency=reg.unit, position=SIGNED_AS[reg.signer_authority_title])
        assert head.department_id is None
        assert reg.signer_authority == ("KT." if signer != head else "")


def test_every_council_member_is_a_person_of_the_province_with_the_position_named(year_end_demo):
    members = list(CouncilMember.objects.select_related("council__owner", "staff__agency", "staff__department"))
    assert {m.council.owner.code for m in members} == {"UBND-TN", "SKHCN", "SNV", "STC"}
    for member in members:
        assert member.staff is not None and member.staff.full_name == member.full_name, member
        assert member.position.startswith(member.staff.position), (member.position, member.staff.position)
        if member.council.owner.kind == UnitKind.AGENCY:
            assert member.staff.agency == member.council.owner
    provincial = {m.full_name: m for m in members if m.council.owner.code == "UBND-TN"}
    heads = {"Chủ tịch UBND tỉnh": "UBND-TN", "Giám đốc Sở Nội vụ": "SNV", "Giám đốc Sở Tài chính": "STC",
             "Chánh Văn phòng UBND tỉnh": "VPUBND", "Chánh Thanh tra tỉnh": "TTT",
             "Trưởng ban Ban Thi đua – Khen thưởng tỉnh": "BTDKT-TN"}
    for position, code in heads.items():
        member = next(m for m in provincial.values() if m.position == position)
        assert member.staff.agency.code == code and member.staff.department_id is None
    # The names the council's list printed before the demo's people were made consistent.
    assert provincial["Trần Quốc Hưng"].staff == Staff.objects.get(agency__code="SNV", position="Giám đốc")
    assert provincial["Phạm Minh Đức"].staff == Staff.objects.get(agency__code="STC", position="Giám đốc")
    assert provincial["Nguyễn Thị Thu Hương"].position == "Phó Chủ tịch UBND tỉnh"
    assert provincial["Hà Minh Tuấn"].role == "secretary"


def test_names_say_the_gender_recorded_and_no_name_is_given_twice(year_end_demo):
    staff = list(Staff.objects.values_list("full_name", "gender"))
    assert len(staff) > 380
    for name, gender in staff:
        parts = name.split()
        assert gender_of(name, gender) == gender, name
        assert not ("Thị" in parts[1:-1] and gender == "nam") and not ("Văn" in parts[1:-1] and gender == "nu")
        assert parts[-1] != parts[-2], name
    assert not [name for name, count in Counter(n for n, _ in staff).items() if count > 1]


def test_one_head_per_agency_and_per_department_and_ages_that_fit(year_end_demo):
    heads = {"VPUBND": "Chánh Văn phòng UBND tỉnh", "TTT": "Chánh Thanh tra tỉnh"}
    for agency in Unit.objects.filter(kind=UnitKind.AGENCY, province__code="TN"):
        title = heads.get(agency.code, "Giám đốc")
        assert Staff.objects.filter(agency=agency, position=title).count() == 1, agency.code
        assert Staff.objects.filter(agency=agency, position=f"Phó {title}").count() == 3
        for dept in agency.children.filter(kind=UnitKind.DEPARTMENT):
            positions = Counter(Staff.objects.filter(department=dept).values_list("position", flat=True))
            head = {"Văn phòng": "Chánh Văn phòng", "Thanh tra": "Chánh Thanh tra"}.get(
                dept.name.split(" Sở")[0], "Trưởng phòng")
            assert positions[head] == 1 and positions[f"Phó {head}"] == 1, (dept.name, positions)
            assert set(positions) <= {head, f"Phó {head}", "Chuyên viên", "Nhân viên"}
    assert Staff.objects.filter(position="Chủ tịch UBND tỉnh").count() == 1
    for person in Staff.objects.filter(active_from__isnull=False, birth_year__isnull=False):
        assert person.active_from.year - person.birth_year >= 22, person


def test_the_demo_logins_people_work_where_their_login_does(year_end_demo):
    for login in LOGINS:
        if login.unit:
            person = Staff.objects.get(full_name=login.full_name)
            assert person.agency.code == login.unit and person.position, login


def test_every_annex_line_has_the_persons_position(year_end_demo):
    lines = DecisionLine.objects.filter(staff__isnull=False).select_related("staff")
    assert lines.count() > 50
    for line in lines:
        assert line.job_title and line.job_title == line.staff.position and line.name == line.staff.full_name


def test_the_board_opens_the_page_of_every_signer_and_council_member(year_end_demo, client):
    from django.urls import reverse

    from thidua.accounts.models import User

    client.force_login(User.objects.get(username="bantdkt"))
    people = {m.staff for m in CouncilMember.objects.filter(council__owner__code="UBND-TN").select_related("staff")}
    people |= {Staff.objects.get(agency=d.issuer, full_name=d.signer_name) for d in Decision.objects.all()}
    assert len(people) >= 10
    for person in people:
        page = client.get(reverse("staff_detail", args=[person.pk])).content.decode()
        assert person.full_name in page and person.position in page, person
        # UBND tỉnh and the board have no departments to move their people between.
        assert (reverse("staff_move", args=[person.pk]) in page) == (person.agency.kind == UnitKind.AGENCY)
    body = client.get(reverse("agency_detail", args=["UBND-TN"])).content.decode()
    assert "Nguyễn Thị Thu Hương" in body and "Phó Chủ tịch UBND tỉnh" in body
    assert reverse("agency_eligibility", args=["UBND-TN"]) not in body  # the province's bodies are not rated here


def test_registrations_are_sent_by_their_officer_and_received_by_the_block_heads(year_end_demo):
    from thidua.emulation.models import Action, RegistrationEvent

    events = RegistrationEvent.objects.filter(registration__year=2022).select_related("actor", "registration__unit")
    assert {e.actor.username for e in events if e.registration.unit.code == "SKHCN"} == {"skhcn"}
    assert {e.actor.username for e in events if e.registration.unit.code == "SNV" and e.action == Action.SUBMIT} == {
        "snv"}
    assert {e.actor.username for e in events if e.action in (Action.RECEIVE, Action.RETURN)} == {"truongkhoi"}


def test_an_agencys_list_starts_with_its_head_then_deputies_then_each_departments_head(year_end_demo, client):
    from django.urls import reverse

    from thidua.accounts.models import User

    client.force_login(User.objects.get(username="skhcn"))
    page = client.get(reverse("agency_detail", args=["SKHCN"])).content.decode()
    rows = page.split("<tbody>")[1].split("</tr>")
    positions = [next(p for p in ("Phó Giám đốc", "Giám đốc", "Phó Chánh Văn phòng", "Chánh Văn phòng") if
                      f"<td>{p}</td>" in row) for row in rows[:6]]
    assert positions == ["Giám đốc"] + ["Phó Giám đốc"] * 3 + ["Chánh Văn phòng", "Phó Chánh Văn phòng"]
