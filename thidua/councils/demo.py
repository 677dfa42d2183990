"""Demo of the 2022 year end (made-up people, deterministic), through the same services as the pages:

- SKHCN's council (9 members) meets on 12/12/2022 and votes by secret ballot on its 11 candidates
  for Chiến sĩ thi đua cơ sở (one falls short: 5 of 8) and its departments for Tập thể LĐTT; the
  minutes get 01/BB-HĐTĐKT. The director's decision of 15/12/2022 recognises LĐTT, CSTĐCS and
  Tập thể LĐTT for 2022 (179/QĐ-KHCN: the register already reached 178 that year).
- The provincial council (10 members: the chairman and a vice-chairman of UBND tỉnh, the heads of
  the block's agencies, the head of the emulation board as secretary; one voting in writing) meets
  on 26/12/2022 on CSTĐ cấp tỉnh (≥ 90% of all members: 10 and 9 votes pass, 8 does not), Tập thể
  LĐXS and Bằng khen; UBND tỉnh decides on 28/12/2022 (2951/QĐ-UBND), signed by that vice-chairman.

Candidates follow the evaluation demo's ratings when they are there (thidua.evaluation), else a
deterministic pick of SKHCN's staff. Idempotent: nothing is added once the decisions exist."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from thidua.accounts.models import Role, User
from thidua.decisions import defaults
from thidua.decisions import services as decisions
from thidua.decisions.models import Decision, NumberCounter
from thidua.demo_people import held_title
from thidua.evaluation.models import AwardRecord, Rating
from thidua.evaluation.selectors import agency_eligibility
from thidua.organizations.models import Staff, Unit, UnitKind

from . import services as councils
from .models import Council, MemberRole, Presence
from .selectors import passed_candidates

YEAR = 2022
AGENCY = "SKHCN"
PROVINCE_BODY = "UBND-TN"

# The provincial council: the heads of its member bodies as the demo's staff holds them (agency,
# position), the first of them when there are several (the vice-chairman who signs the decisions).
PROVINCIAL_MEMBERS = [
    ("UBND-TN", "Chủ tịch UBND tỉnh", MemberRole.CHAIR),
    ("UBND-TN", "Phó Chủ tịch UBND tỉnh", MemberRole.VICE_CHAIR),
    ("SNV", "Giám đốc", MemberRole.STANDING),
    ("VPUBND", "Chánh Văn phòng UBND tỉnh", MemberRole.MEMBER),
    ("STC", "Giám đốc", MemberRole.MEMBER),
    ("SKHDT", "Giám đốc", MemberRole.MEMBER),
    ("STP", "Giám đốc", MemberRole.MEMBER),
    ("TTT", "Chánh Thanh tra tỉnh", MemberRole.MEMBER),
    ("SKHCN", "Giám đốc", MemberRole.MEMBER),
    ("BTDKT-TN", "Trưởng ban", MemberRole.SECRETARY),
]
# "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH": the vice-chairman of UBND tỉnh signs for the chairman.
PROVINCE_SIGNER = ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "UBND-TN", "Phó Chủ tịch UBND tỉnh")
DEPARTMENT_HEADS = ("Trưởng phòng", "Chánh Thanh tra")


def holder(code: str, position: str) -> Staff:
    """The demo's holder of `position` in the unit `code` (the first one when there are several)."""
    return Staff.objects.select_related("agency__province", "department").filter(
        agency__code=code, position=position).order_by("pk").first()


def _preset_register(issuer: Unit, symbol: str, last: int) -> None:
    """Numbers the văn thư gave that year before these decisions (outside the system)."""
    NumberCounter.objects.get_or_create(issuer=issuer, symbol=symbol, year=YEAR, defaults={"last": last})


def _eligible(agency: Unit) -> tuple[list[int], list[int], dict[str, list[int]]]:
    """(LĐTT, CSTĐCS candidates, department ids by collective title) for 2022: from the evaluation
    demo's verdicts when it is loaded, else a plain pick."""
    staff = list(Staff.objects.filter(agency=agency).active_in_year(YEAR).order_by("pk"))
    departments = list(Unit.objects.filter(parent=agency, kind=UnitKind.DEPARTMENT).order_by("position"))
    if Rating.objects.filter(staff__agency=agency, year=YEAR).exists():
        result = agency_eligibility(agency, YEAR)
        rows = {row.code: [j.person.id for j in row.eligible] for row in result.titles}
        collectives = {code: [c.unit.pk for c in result.collectives if c.verdicts.get(code)
                              and c.verdicts[code].status == "eligible"] for code in ("TTLDTT", "TTLDXS")}
        return rows.get("LDTT", []), rows.get("CSTDCS", []), collectives
    ids = [s.pk for s in staff]
    return ids[:-3], ids[:11], {"TTLDTT": [d.pk for d in departments], "TTLDXS": [d.pk for d in departments[1:4:2]]}


def _agency_council(actor, agency: Unit) -> Council:
    council = Council.objects.filter(owner=agency).first()
    if council is not None:
        return council
    council = councils.council_create(actor=actor, owner=agency, active_from=dt.date(2021, 1, 8),
                                      basis="Quyết định số 05/QĐ-KHCN ngày 08/01/2021 của Giám đốc Sở")
    staff = list(Staff.objects.filter(agency=agency).order_by("pk"))
    leaders = [s for s in staff if s.position in ("Giám đốc", "Phó Giám đốc")][:3]
    heads = [s for s in staff if s.department_id and s.position in DEPARTMENT_HEADS][:4]
    office_head = next(s for s in staff if s.department_id and s.position == "Chánh Văn phòng")
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER]
    for person, role in zip(leaders, roles, strict=False):
        councils.council_add_member(actor=actor, council=council, full_name=person.full_name, role=role,
                                    position=held_title(person), staff=person)
    for person in heads:
        councils.council_add_member(actor=actor, council=council, full_name=person.full_name,
                                    position=held_title(person), staff=person)
    # The trade union's chairman is a staff member elected to it (kiêm nhiệm), not a position.
    union = next(s for s in staff if s.position == "Chuyên viên" and s.department_id)
    councils.council_add_member(actor=actor, council=council, full_name=union.full_name,
                                position=f"{held_title(union)}, Chủ tịch Công đoàn cơ sở Sở", staff=union)
    councils.council_add_member(actor=actor, council=council, full_name=office_head.full_name,
                                role=MemberRole.SECRETARY, position=held_title(office_head), staff=office_head)
    return council


def _agency_year_end(actor, agency: Unit) -> Decision:
    ldtt, cstdcs, collectives = _eligible(agency)
    council = _agency_council(actor, agency)
    session = councils.session_create(
        actor=actor, council=council, date=dt.date(YEAR, 12, 12), year=YEAR, start_time=dt.time(8, 0),
        place="Phòng họp Sở Khoa học và Công nghệ",
        purpose=f"Xét công nhận danh hiệu thi đua năm {YEAR}",
    )
    absent = session.attendance.filter(member__role=MemberRole.MEMBER).order_by("-member_id").first()
    councils.session_set_attendance(actor=actor, session=session, presence={absent.member_id: Presence.ABSENT})
    staff = {s.pk: s for s in Staff.objects.filter(pk__in=cstdcs)}
    # The candidate who falls short is one without the 2020–2021 streak, whatever order the
    # eligibility page listed them in (names sort differently under PostgreSQL's collation), so the
    # provincial council always hears the same CSTĐ cấp tỉnh candidates.
    streaks = {pid for pid in cstdcs if AwardRecord.objects.filter(
        staff_id=pid, code="CSTDCS", year__in=(YEAR - 1, YEAR - 2)).count() == 2}
    cstdcs = sorted(cstdcs, key=lambda pid: (pid not in streaks, pid))
    for i, pid in enumerate(cstdcs):
        candidate = councils.session_add_candidate(actor=actor, session=session, code="CSTDCS", staff=staff[pid])
        # 8 attend; 70% of them is 5.6, so 6 votes are needed: the last candidate gets 5.
        yes = 5 if i == len(cstdcs) - 1 else (8 if i % 3 else 7)
        councils.ballot_record(actor=actor, candidate=candidate, yes=yes, no=8 - yes)
    for unit in Unit.objects.filter(pk__in=collectives["TTLDTT"]).order_by("position"):
        candidate = councils.session_add_candidate(actor=actor, session=session, code="TTLDTT", unit=unit)
        councils.ballot_record(actor=actor, candidate=candidate, yes=8, no=0)
    session = councils.session_close(actor=actor, session=session, end_time=dt.time(10, 30))

    _preset_register(agency, "QĐ-KHCN", 178)
    director = Staff.objects.filter(agency=agency, position="Giám đốc").first()
    lines = [decisions.LineSpec(code="LDTT", staff=person)
             for person in Staff.objects.filter(pk__in=ldtt).order_by("department__position", "full_name")]
    lines += [decisions.LineSpec(code=c.code, staff=c.staff, unit=c.unit, year=c.year)
              for c in passed_candidates(session)]
    draft = decisions.decision_create(
        actor=actor, issuer=agency, title=defaults.award_title([spec.code for spec in lines], YEAR),
        award_year=YEAR,
        council_session=session, lines=lines, signer_position="GIÁM ĐỐC",
        signer_name=director.full_name if director else "",
    )
    return decisions.decision_issue(actor=actor, decision=draft, date=dt.date(YEAR, 12, 15))


def _provincial_year_end(actor, body: Unit, agency: Unit) -> Decision:
    _, cstdcs, collectives = _eligible(agency)
    council = Council.objects.filter(owner=body).first()
    if council is None:
        council = councils.council_create(actor=actor, owner=body, active_from=dt.date(2021, 7, 1),
                                          name=f"Hội đồng Thi đua – Khen thưởng tỉnh {body.province.name}",
                                          basis="Quyết định số 1520/QĐ-UBND ngày 01/7/2021 của UBND tỉnh")
        for code, position, role in PROVINCIAL_MEMBERS:
            person = holder(code, position)
            councils.council_add_member(actor=actor, council=council, full_name=person.full_name,
                                        position=held_title(person), role=role, staff=person)
    session = councils.session_create(
        actor=actor, council=council, date=dt.date(YEAR, 12, 26), year=YEAR, start_time=dt.time(14, 0),
        place="Phòng họp số 1, UBND tỉnh Thái Nguyên",
        purpose=f"Xét tặng danh hiệu thi đua và hình thức khen thưởng cấp tỉnh năm {YEAR}",
    )
    written = session.attendance.filter(member__role=MemberRole.MEMBER).order_by("-member_id").first()
    councils.session_set_attendance(actor=actor, session=session, presence={written.member_id: Presence.WRITTEN})
    # CSTĐ cấp tỉnh: the people whose third CSTĐCS is in the director's decision (CSTĐCS in 2020
    # and 2021 in the evaluation demo), ≥ 90% of all 10 members, so 9 votes: 10, 9 pass, 8 fails.
    streak = [pid for pid in cstdcs if AwardRecord.objects.filter(
        staff_id=pid, code="CSTDCS", year__in=(YEAR - 1, YEAR - 2)).count() == 2]
    streak = (streak or cstdcs)[:3]
    for pid, yes in zip(streak, (10, 9, 8), strict=False):
        candidate = councils.session_add_candidate(actor=actor, session=session, code="CSTD_TINH",
                                                   staff=Staff.objects.get(pk=pid))
        councils.ballot_record(actor=actor, candidate=candidate, yes=yes, no=10 - yes)
    for unit in Unit.objects.filter(pk__in=collectives["TTLDXS"]).order_by("position"):
        candidate = councils.session_add_candidate(actor=actor, session=session, code="TTLDXS", unit=unit)
        councils.ballot_record(actor=actor, candidate=candidate, yes=9, no=1)
    department = Unit.objects.filter(parent=agency, kind=UnitKind.DEPARTMENT).exclude(
        pk__in=collectives["TTLDXS"]).order_by("position").last()
    heads = list(Staff.objects.filter(agency=agency, position="Trưởng phòng").exclude(pk__in=streak).order_by("pk"))[:2]
    subjects = [{"unit": department}] + [{"staff": person} for person in heads]
    for subject in subjects:
        candidate = councils.session_add_candidate(actor=actor, session=session, code="BK_TINH", **subject)
        councils.ballot_record(actor=actor, candidate=candidate, yes=8, no=1, invalid=1)
    session = councils.session_close(actor=actor, session=session, end_time=dt.time(16, 0))

    _preset_register(body, "QĐ-UBND", 2950)
    authority, title, position, code, held = PROVINCE_SIGNER
    name = holder(code, held).full_name
    draft = councils.decision_from_session(  # its title from defaults.award_title, worded as Article 1
        actor=actor, session=session,
        signer_authority=authority, signer_title=title, signer_position=position, signer_name=name,
    )
    return decisions.decision_issue(actor=actor, decision=draft, date=dt.date(YEAR, 12, 28))


@transaction.atomic
def load_year_end_demo() -> None:
    agency = Unit.objects.filter(code=AGENCY).first()
    body = Unit.objects.filter(code=PROVINCE_BODY).first()
    actor = User.objects.filter(username="admin").first()
    if agency is None or body is None or actor is None:
        return
    # The work is done by whoever does it in an agency and at the province (their names are in the
    # histories): the agency's emulation officer, the province board's officer.
    officer = User.objects.filter(role=Role.AGENCY_OFFICER, unit=agency).first() or actor
    board = User.objects.filter(role=Role.PROVINCE_OFFICER, unit__province=body.province).first() or actor
    if not Decision.objects.filter(issuer=agency, award_year=YEAR).exists():
        _agency_year_end(officer, agency)
    if not Decision.objects.filter(issuer=body, award_year=YEAR).exists():
        _provincial_year_end(board, body, agency)
