"""Demo of other agencies' 2022 year end (made up, deterministic), so that scope can be seen and
tested: each agency's people see their own dossiers and decisions, not another's.

For Sở Nội vụ (SNV) and Sở Tài chính (STC), through the same services as the pages, acting as the
agency's emulation officer (SNV's login), or the administrator where the demo has no login (STC):

- the 2022 ratings of every person and department;
- the agency's council (director in the chair, a deputy director, two heads of department, the
  chief of the office as secretary) and its session of December 2022;
- at that session, CSTĐCS for three people rated HTXSNV and Tập thể LĐTT for two departments, all
  passed, recognised by the director's decision (signed by the director) a few days later;
- a dossier to the province (Bằng khen of the chairman of UBND tỉnh for a person and a department):
  SNV's is sent, STC's still a draft.

Idempotent: an agency that already has a 2022 dossier is left alone (its ratings and council too)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import Role, User
from thidua.councils import services as councils
from thidua.councils.models import Council, MemberRole
from thidua.decisions import services as decisions
from thidua.decisions.models import NumberCounter
from thidua.demo_people import held_title
from thidua.evaluation.models import CollectiveRating, Rating
from thidua.organizations.models import Staff, Unit, UnitKind

from . import services
from .models import Level, Nomination, NominationEvent

YEAR = 2022


@dataclass(frozen=True)
class AgencyYearEnd:
    code: str
    council_basis: str
    council_from: dt.date  # the day of the decision that set the council up (council_basis)
    session: dt.date
    issued: dt.date
    place: str
    send: bool  # the dossier to the province is sent (else still a draft)
    decisions_before: int  # the agency's decisions of the year before this one (numbered outside the system)


AGENCIES = [
    AgencyYearEnd("SNV", "Quyết định số 12/QĐ-SNV ngày 15/01/2021 của Giám đốc Sở", dt.date(2021, 1, 15),
                  dt.date(YEAR, 12, 13), dt.date(YEAR, 12, 16), "Phòng họp Sở Nội vụ", True, 236),
    AgencyYearEnd("STC", "Quyết định số 20/QĐ-STC ngày 20/01/2021 của Giám đốc Sở", dt.date(2021, 1, 20),
                  dt.date(YEAR, 12, 14), dt.date(YEAR, 12, 19), "Phòng họp Sở Tài chính", False, 412),
]


# Positions of staff who do not lead (the others are the agency's and its departments' heads and deputies).
LEADERSHIP = ("Chuyên viên", "Nhân viên")

def _ratings(agency: Unit, staff: list[Staff], departments: list[Unit]) -> None:
    if Rating.objects.filter(staff__agency=agency, year=YEAR).exists():
        return
    # One in five excellent (the leaders first), a few merely complete, the rest good.
    Rating.objects.bulk_create(
        Rating(staff=person, year=YEAR, rating="HTXSNV" if i % 5 == 0 else "HTNV" if i % 17 == 8 else "HTTNV")
        for i, person in enumerate(staff))
    CollectiveRating.objects.bulk_create(
        [CollectiveRating(unit=agency, year=YEAR, rating="HTXSNV")]
        + [CollectiveRating(unit=dept, year=YEAR, rating="HTXSNV" if i < 2 else "HTTNV")
           for i, dept in enumerate(departments)])


def _council(actor, agency: Unit, spec: AgencyYearEnd, staff: list[Staff]) -> Council:
    council = Council.objects.filter(owner=agency).first()
    if council is not None:
        return council
    council = councils.council_create(actor=actor, owner=agency, active_from=spec.council_from,
                                      basis=spec.council_basis)
    director = next(s for s in staff if s.position == "Giám đốc")
    deputy = next(s for s in staff if s.position == "Phó Giám đốc")
    heads = [s for s in staff if s.department_id and s.position == "Trưởng phòng"][:2]
    office = next(s for s in staff if s.department_id and s.position == "Chánh Văn phòng")
    councils.council_add_member(actor=actor, council=council, full_name=director.full_name, role=MemberRole.CHAIR,
                                position=held_title(director), staff=director)
    councils.council_add_member(actor=actor, council=council, full_name=deputy.full_name,
                                role=MemberRole.VICE_CHAIR, position=held_title(deputy), staff=deputy)
    for person in heads:
        councils.council_add_member(actor=actor, council=council, full_name=person.full_name,
                                    position=held_title(person), staff=person)
    councils.council_add_member(actor=actor, council=council, full_name=office.full_name,
                                role=MemberRole.SECRETARY, position=held_title(office), staff=office)
    return council


def _backdate(nomination: Nomination, days: dict[str, dt.date]) -> None:
    """The events happened on the days of the story, not on the day the demo was loaded."""
    for action, day in days.items():
        NominationEvent.objects.filter(nomination=nomination, action=action).update(
            at=timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0))))


def _year_end(spec: AgencyYearEnd, actor: User) -> None:
    agency = Unit.objects.filter(code=spec.code).first()
    if agency is None or Nomination.objects.filter(unit=agency, year=YEAR).exists():
        return
    staff = list(Staff.objects.filter(agency=agency).select_related("department").order_by("pk"))
    departments = list(Unit.objects.filter(parent=agency, kind=UnitKind.DEPARTMENT).order_by("position"))
    _ratings(agency, staff, departments)
    council = _council(actor, agency, spec, staff)
    session = councils.session_create(actor=actor, council=council, date=spec.session, year=YEAR,
                                      start_time=dt.time(8, 0), place=spec.place,
                                      purpose=f"Xét công nhận danh hiệu thi đua năm {YEAR}")

    excellent = [s for i, s in enumerate(staff) if i % 5 == 0 and s.position in LEADERSHIP][:3]
    present = session.attendance.count()
    for person in excellent:
        candidate = councils.session_add_candidate(actor=actor, session=session, code="CSTDCS", staff=person)
        councils.ballot_record(actor=actor, candidate=candidate, yes=present, no=0)
    for dept in departments[:2]:
        candidate = councils.session_add_candidate(actor=actor, session=session, code="TTLDTT", unit=dept)
        councils.ballot_record(actor=actor, candidate=candidate, yes=present - 1, no=1)
    session = councils.session_close(actor=actor, session=session, end_time=dt.time(10, 0))
    director = next(s for s in staff if s.position == "Giám đốc")
    NumberCounter.objects.get_or_create(issuer=agency, symbol=f"QĐ-{agency.symbol}", year=YEAR,
                                        defaults={"last": spec.decisions_before})
    draft = councils.decision_from_session(actor=actor, session=session, signer_position="GIÁM ĐỐC",
                                           signer_name=director.full_name)
    decisions.decision_issue(actor=actor, decision=draft, date=spec.issued)

    # The dossier to the province (Bằng khen of the chairman of UBND tỉnh): drafted after the
    # decision; SNV also sends it, STC's is still a draft.
    dossier = services.nomination_create(actor=actor, unit=agency, year=YEAR, level=Level.PROVINCE)
    services.nomination_add_line(actor=actor, nomination=dossier, code="BK_TINH", staff=excellent[0])
    services.nomination_add_line(actor=actor, nomination=dossier, code="BK_TINH", unit=departments[0])
    drafted = spec.issued + dt.timedelta(days=1)
    if spec.send:
        services.nomination_submit(actor=actor, nomination=dossier, date=drafted)
    _backdate(dossier, {"create": drafted, "submit": drafted})


@transaction.atomic
def load_agencies_demo() -> None:
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        return
    for spec in AGENCIES:
        # The agency's emulation officer when the demo has one (SNV's), else the administrator.
        officer = User.objects.filter(role=Role.AGENCY_OFFICER, unit__code=spec.code).first()
        _year_end(spec, officer or admin)
