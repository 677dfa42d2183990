"""Demo of SKHCN's 2022 year end as dossiers (made up, deterministic), on top of what the other
demos loaded — never again: the ratings of all 73 staff and 7 departments are the evaluation demo's
(`thidua.evaluation.demo`), the councils, ballots, minutes and issued decisions the councils demo
(`thidua.councils.demo`). This module adds what links them:

- the individual registrations of 2022, one title per person, adding up (a higher title counts for
  the lower ones) to the seed registration's individual targets: LĐTT 70, CSTĐCS 11, CSTĐ cấp tỉnh 3,
  CSTĐ toàn quốc 1;
- the unit-level dossier (01/TTr-KHCN) to SKHCN's own council: its candidates and ballots, decided
  by 179/QĐ-KHCN;
- the province-level dossier (02/TTr-KHCN): appraised by the province board, which returned two
  lines with their reasons (CSTĐ toàn quốc, Bằng khen của Bộ trưởng), then voted by the provincial
  council and decided by 2951/QĐ-UBND;

each with its events (who, when, why). Idempotent: nothing is added once SKHCN has a 2022 dossier."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.accounts.models import User
from thidua.councils.models import Candidate, Session
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.numbering import take_number
from thidua.evaluation.models import AwardRecord, Rating
from thidua.organizations.models import Staff, Unit

from .models import (
    EventAction,
    IndividualRegistration,
    Level,
    LineStatus,
    Nomination,
    NominationEvent,
    NominationLine,
    NominationStatus,
)
from .services import default_texts

YEAR = 2022
AGENCY = "SKHCN"
PROVINCE_BODY = "UBND-TN"
RETURNED = [  # (code, reason) of the lines the province board returned
    ("CSTD_TQ", "Danh hiệu Chiến sĩ thi đua toàn quốc do Thủ tướng Chính phủ xét tặng khi đã có quyết định Chiến sĩ "
                "thi đua cấp tỉnh; đề nghị đơn vị trình lại sau khi có quyết định của UBND tỉnh."),
    ("BK_BO", "Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ do Bộ xét tặng: đề nghị đơn vị gửi hồ sơ về Bộ "
              "theo hướng dẫn của Bộ, không trình Hội đồng tỉnh."),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _registrations(agency: Unit) -> None:
    """1 CSTĐ toàn quốc, 2 CSTĐ cấp tỉnh, 8 CSTĐCS, 59 LĐTT and 3 without a title (73 people)."""
    if IndividualRegistration.objects.filter(staff__agency=agency, year=YEAR).exists():
        return
    staff = list(Staff.objects.filter(agency=agency).active_in_year(YEAR).order_by("pk"))
    ids = [s.pk for s in staff]
    director = next((s.pk for s in staff if s.position == "Giám đốc"), ids[0])
    streak = [pid for pid in ids if pid != director and AwardRecord.objects.filter(
        staff_id=pid, code="CSTDCS", year__in=(YEAR - 2, YEAR - 1)).count() == 2][:2]
    excellent = list(Rating.objects.filter(staff_id__in=ids, year=YEAR, rating="HTXSNV").order_by("staff_id")
                     .values_list("staff_id", flat=True))
    awarded = list(AwardRecord.objects.filter(staff_id__in=ids, code="CSTDCS", year=YEAR).order_by("staff_id")
                   .values_list("staff_id", flat=True))
    cstdcs = [pid for pid in dict.fromkeys(awarded + excellent + ids) if pid not in {director, *streak}][:8]
    weak = list(Rating.objects.filter(staff_id__in=ids, year=YEAR, rating__in=("HTNV", "KHTNV"))
                .order_by("staff_id").values_list("staff_id", flat=True))
    taken = {director, *streak, *cstdcs}
    rest = [pid for pid in ids if pid not in taken]
    none = [pid for pid in weak if pid in rest][:3]
    none += [pid for pid in reversed(rest) if pid not in none][:3 - len(none)]
    codes = {director: "CSTD_TQ", **dict.fromkeys(streak, "CSTD_TINH"), **dict.fromkeys(cstdcs, "CSTDCS")}
    codes.update({pid: "LDTT" for pid in rest if pid not in none})
    IndividualRegistration.objects.bulk_create(
        IndividualRegistration(staff_id=pid, year=YEAR, code=code) for pid, code in codes.items())


def _events(nomination: Nomination, steps: list[tuple]) -> None:
    """steps: (action, from, to, actor, day, hour, reason, line)."""
    for action, before, after, actor, day, hour, reason, line in steps:
        event = NominationEvent.objects.create(nomination=nomination, action=action, from_status=before,
                                               to_status=after, actor=actor, reason=reason, line=line)
        NominationEvent.objects.filter(pk=event.pk).update(at=_at(day, hour))


def _dossier(agency: Unit, level: str, session: Session, decision: Decision, officer: User, day: dt.date,
             ) -> Nomination:
    texts = default_texts(agency, YEAR, level)
    texts["title"] = (f"Về việc đề nghị công nhận danh hiệu thi đua năm {YEAR}" if level == Level.UNIT
                      else texts["title"])
    nomination = Nomination.objects.create(
        unit=agency, year=YEAR, level=level, status=NominationStatus.DECIDED, doc_date=day,
        number=take_number(issuer_id=agency.pk, symbol=texts["symbol"], year=YEAR), council_session=session,
        decision=decision, created_by=officer, **texts)
    Nomination.objects.filter(pk=nomination.pk).update(created_at=_at(day, 8))
    decision_lines = {(dl.staff_id, dl.unit_id, dl.code): dl for dl in decision.lines.all()}
    ours = Q(staff__agency=agency) | Q(unit=agency) | Q(unit__parent=agency)
    for i, candidate in enumerate(Candidate.objects.filter(ours, session=session).select_related("ballot")
                                  .order_by("position", "id"), 1):
        passed = getattr(candidate, "ballot", None) is not None and candidate.ballot.passed
        NominationLine.objects.create(
            nomination=nomination, position=i, staff_id=candidate.staff_id, unit_id=candidate.unit_id,
            code=candidate.code, status=LineStatus.PASSED if passed else LineStatus.FAILED, candidate=candidate,
            decision_line=decision_lines.get((candidate.staff_id, candidate.unit_id, candidate.code)) if passed
            else None)
    return nomination


@transaction.atomic
def load_nomination_demo() -> None:
    agency = Unit.objects.filter(code=AGENCY).first()
    body = Unit.objects.filter(code=PROVINCE_BODY).first()
    if agency is None or body is None:
        return
    _registrations(agency)
    if Nomination.objects.filter(unit=agency, year=YEAR).exists():
        return
    issued = Decision.objects.filter(award_year=YEAR, status=DecisionStatus.ISSUED, council_session__isnull=False)
    own = issued.filter(issuer=agency).select_related("council_session").first()
    provincial = issued.filter(issuer=body).select_related("council_session").first()
    users = {u.username: u for u in User.objects.filter(username__in=["skhcn", "skhcn.lanhdao", "bantdkt"])}
    officer, leader, board = users.get("skhcn"), users.get("skhcn.lanhdao"), users.get("bantdkt")
    if own is None or provincial is None or officer is None:
        return  # the decisions demo is not loaded: nothing to link to

    # To SKHCN's own council: drafted 05/12, sent 06/12, checked by the officer (the council's
    # standing body), voted 12/12, decided by the director 15/12.
    unit_level = _dossier(agency, Level.UNIT, own.council_session, own, officer, dt.date(YEAR, 12, 5))
    d, s = NominationStatus, dt.date
    _events(unit_level, [
        (EventAction.CREATE, "", d.DRAFT, officer, s(YEAR, 12, 5), 8, "", None),
        (EventAction.SUBMIT, d.DRAFT, d.SUBMITTED, leader or officer, s(YEAR, 12, 6), 9, "", None),
        (EventAction.APPRAISE, d.SUBMITTED, d.APPRAISED, officer, s(YEAR, 12, 8), 10, "", None),
        (EventAction.COUNCIL, d.APPRAISED, d.COUNCIL, officer, s(YEAR, 12, 9), 14, "", None),
        (EventAction.DECIDE, d.COUNCIL, d.DECIDED, officer, s(YEAR, 12, 15), 9, "", None),
    ])

    # To the province: sent 16/12; the board returns two lines 20/12 and accepts the rest; the
    # provincial council votes 26/12; UBND tỉnh decides 28/12.
    provincial_level = _dossier(agency, Level.PROVINCE, provincial.council_session, provincial, officer,
                                dt.date(YEAR, 12, 16))
    director = Staff.objects.filter(agency=agency, position="Giám đốc").order_by("pk").first()
    proposed = set(provincial_level.lines.values_list("staff_id", flat=True))
    other = Staff.objects.filter(agency=agency).exclude(pk__in=proposed).exclude(
        pk=getattr(director, "pk", None)).order_by("pk").first()
    returned = []
    for (code, reason), person in zip(RETURNED, (director, other), strict=True):
        if person is None:
            continue
        returned.append(NominationLine.objects.create(
            nomination=provincial_level, position=100 + len(returned), staff=person, code=code,
            status=LineStatus.RETURNED, return_reason=reason))
    _events(provincial_level, [
        (EventAction.CREATE, "", d.DRAFT, officer, s(YEAR, 12, 16), 8, "", None),
        (EventAction.SUBMIT, d.DRAFT, d.SUBMITTED, leader or officer, s(YEAR, 12, 16), 15, "", None),
        *[(EventAction.RETURN_LINE, d.SUBMITTED, d.SUBMITTED, board, s(YEAR, 12, 20), 9, line.return_reason, line)
          for line in returned],
        (EventAction.APPRAISE, d.SUBMITTED, d.APPRAISED, board, s(YEAR, 12, 20), 10,
         "Hồ sơ đủ thành phần; các đề nghị còn lại đủ điều kiện trình Hội đồng tỉnh.", None),
        (EventAction.COUNCIL, d.APPRAISED, d.COUNCIL, board, s(YEAR, 12, 22), 14, "", None),
        (EventAction.DECIDE, d.COUNCIL, d.DECIDED, board, s(YEAR, 12, 28), 9, "", None),
    ])
