"""Every write to people's yearly records and to award history: keyword-only, atomic,
permission-checked through accounts.scope and each app's policy, validated by the model's clean(), and audited.

Who may write:
- ratings, initiatives and research, discipline, collective ratings — the agency's emulation officer
  (`policy.can_record_evaluation`) or an administrator;
- award history — the same, and the province board's officers of the agency's province
  (`policy.can_record_awards`), who record the province's decisions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.accounts.scope import Scope
from thidua.audit.services import audit_record, snapshot
from thidua.catalog.models import AwardKind, AwardType
from thidua.core import bounds
from thidua.organizations.models import Staff, Unit, UnitKind
from thidua.organizations.policy import can_record_awards, can_record_evaluation

from .locks import rating_lock
from .models import Achievement, AwardRecord, CollectiveRating, Discipline, Rating, RatingReopening

REASON_MAX = 2000


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(f"Bạn không có quyền {what}.")


def _check_year(year: int) -> None:
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValidationError({"year": "Năm không hợp lệ."})
    # Records are of years worked: at most next year, inside the product's year window.
    reason = bounds.year_error(year) or (f"Năm {year} chưa tới." if year > dt.date.today().year + 1 else None)
    if reason:
        raise ValidationError({"year": reason})


def _check_unlocked(agency: Unit, year: int) -> None:
    """Ratings of a year a decision was issued for are not changed (evaluation.locks)."""
    lock = rating_lock(agency, year)
    if lock is not None:
        raise ValidationError(lock.message)


def can_reopen_ratings(user: Any, agency: Unit) -> bool:
    """Reopening locked ratings is a leader's act: the agency's leader, the province board of its
    province, or an administrator (not the officer who enters them)."""
    scope = Scope.of(user)
    if scope is None:
        return False
    if scope.admin:
        return True
    if scope.province_board:
        return scope.province_id == agency.province_id
    return scope.role == Role.AGENCY_LEADER and scope.agency_id == agency.agency.pk


@transaction.atomic
def rating_set(*, actor: Any, staff: Staff, year: int, rating: str, note: str = "") -> Rating:
    """Record or correct a person's rating for `year` (one per person and year)."""
    _require(can_record_evaluation(actor, staff.agency), "ghi xếp loại cho cán bộ của đơn vị này")
    _check_year(year)
    _check_unlocked(staff.agency, year)
    current = Rating.objects.select_for_update().filter(staff=staff, year=year).order_by().first()
    before = current.rating if current else None
    snap = snapshot(current) if current else {}
    obj = current or Rating(staff=staff, year=year)
    obj.rating, obj.note = rating, note
    obj.full_clean(validate_unique=False)
    obj.save()
    audit_record(actor=actor, action="rating.set", obj=obj, summary=f"{staff} – {year}: {before or '∅'} → {rating}",
                 before=snap)
    return obj


@transaction.atomic
def ratings_bulk_set(*, actor: Any, agency: Unit, year: int, ratings: dict[int, str]) -> list[Rating]:
    """A ratings grid saved at once: `ratings` maps staff ids of `agency` to a rating. All or nothing."""
    _require(can_record_evaluation(actor, agency), "ghi xếp loại cho cán bộ của đơn vị này")
    staff = {s.pk: s for s in Staff.objects.filter(agency=agency, pk__in=list(ratings))}
    strangers = sorted(set(ratings) - set(staff))
    if strangers:
        raise ValidationError(f"Không phải cán bộ của {agency}: {', '.join(map(str, strangers))}.")
    _check_year(year)
    levels = dict(Rating._meta.get_field("rating").choices)
    wrong = [f"{staff[pid].full_name}: «{str(value)[:30]}» không phải một mức xếp loại"
             for pid, value in ratings.items() if value not in levels]
    if wrong:
        raise ValidationError("Chưa lưu xếp loại nào. " + "; ".join(wrong) + ".")
    return [rating_set(actor=actor, staff=staff[pid], year=year, rating=value) for pid, value in ratings.items()]


@transaction.atomic
def collective_rating_set(*, actor: Any, unit: Unit, year: int, rating: str, note: str = "") -> CollectiveRating:
    _require(can_record_evaluation(actor, unit.agency), "ghi xếp loại cho tập thể này")
    _check_year(year)
    _check_unlocked(unit.agency, year)
    current = CollectiveRating.objects.select_for_update().filter(unit=unit, year=year).order_by().first()
    before = current.rating if current else None
    snap = snapshot(current) if current else {}
    obj = current or CollectiveRating(unit=unit, year=year)
    obj.rating, obj.note = rating, note
    obj.full_clean(validate_unique=False)
    obj.save()
    audit_record(actor=actor, action="collective_rating.set", obj=obj,
                 summary=f"{unit} – {year}: {before or '∅'} → {rating}",
                 before=snap)
    return obj


@transaction.atomic
def ratings_reopen(*, actor: Any, agency: Unit, year: int, reason: str) -> RatingReopening:
    """Make `agency`'s locked ratings of `year` editable again, with the reason on record (audited).
    Refused when they are not locked: there is nothing to reopen."""
    _require(can_reopen_ratings(actor, agency),
             "mở lại xếp loại (việc của lãnh đạo cơ quan hoặc Ban Thi đua – Khen thưởng tỉnh)")
    _check_year(year)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Hãy ghi lý do mở lại xếp loại."})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"Lý do dài quá {REASON_MAX} ký tự."})
    lock = rating_lock(agency, year)
    if lock is None:
        raise ValidationError(f"Xếp loại năm {year} của {agency.name} đang sửa được, không cần mở lại.")
    reopening = RatingReopening.objects.create(agency=agency, year=year, reason=reason, actor=actor,
                                               at=timezone.now())
    audit_record(actor=actor, action="rating_reopening.create", obj=reopening,
                 summary=f"Mở lại xếp loại năm {year} của {agency.name} (đã khóa bởi {lock.decision}): {reason}",
                 changes={"agency": agency.pk, "year": year, "decision": lock.decision.pk, "reason": reason})
    return reopening


@transaction.atomic
def achievement_add(*, actor: Any, staff: Staff, year: int, kind: str, title: str, scope: str = "",
                    recognised_by: str = "", recognised_on: dt.date | None = None) -> Achievement:
    """A recognised initiative or accepted research work; `scope` empty when not known yet."""
    _require(can_record_evaluation(actor, staff.agency), "ghi sáng kiến, đề tài cho cán bộ của đơn vị này")
    _check_year(year)
    obj = Achievement(staff=staff, year=year, kind=kind, title=title.strip(), scope=scope,
                      recognised_by=recognised_by, recognised_on=recognised_on)
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, action="achievement.add", obj=obj, summary=f"{staff} – {year}: {obj.title}",
                 before={})
    return obj


@transaction.atomic
def achievement_set_scope(*, actor: Any, achievement: Achievement, scope: str) -> Achievement:
    """The scope is often known later than the initiative itself (a province council rules on it)."""
    _require(can_record_evaluation(actor, achievement.staff.agency), "sửa sáng kiến, đề tài này")
    before = snapshot(achievement)
    achievement.scope = scope
    achievement.full_clean()
    achievement.save(update_fields=["scope"])
    audit_record(actor=actor, action="achievement.scope", obj=achievement, summary=str(achievement),
                 before=before)
    return achievement


@transaction.atomic
def discipline_add(*, actor: Any, staff: Staff, year: int, form: str, decided_on: dt.date | None = None,
                   decision_number: str = "", note: str = "") -> Discipline:
    _require(can_record_evaluation(actor, staff.agency), "ghi kỷ luật cho cán bộ của đơn vị này")
    _check_year(year)
    obj = Discipline(staff=staff, year=year, form=form, decided_on=decided_on, decision_number=decision_number,
                     note=note)
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, action="discipline.add", obj=obj, summary=str(obj), before={})
    return obj


@transaction.atomic
def award_record_add(*, actor: Any, code: str, year: int, staff: Staff | None = None, unit: Unit | None = None,
                     awarded_on: dt.date | None = None, decision_number: str = "", issuer: str = "",
                     note: str = "") -> AwardRecord:
    """One line of award history for a person or a collective (exactly one). The code must be in
    the catalog and fit the subject; an emulation title (danh hiệu) is given at most once per
    subject and year — forms of commendation may be given more than once."""
    if (staff is None) == (unit is None):
        raise ValidationError("Khen thưởng phải ghi cho đúng một cá nhân hoặc một tập thể.")
    subject = staff or unit
    agency = staff.agency if staff is not None else unit.agency
    _require(can_record_awards(actor, agency), "ghi khen thưởng cho đơn vị này")
    _check_year(year)
    code = code.strip().upper()
    award = AwardType.objects.filter(code=code).first()
    if award is None:
        raise ValidationError({"code": f"Mã {code} không có trong danh mục danh hiệu, hình thức khen thưởng."})
    if staff is not None and not award.allows_individual():
        raise ValidationError({"code": f"«{award.name}» chỉ xét tặng cho tập thể."})
    if unit is not None and not award.allows_collective():
        raise ValidationError({"code": f"«{award.name}» chỉ xét tặng cho cá nhân."})
    if unit is not None and unit.kind == UnitKind.PROVINCE_BODY:
        raise ValidationError({"unit": "Chỉ ghi khen thưởng cho cơ quan, đơn vị hoặc phòng, ban."})
    if award.kind == AwardKind.TITLE:
        same = AwardRecord.objects.select_for_update().filter(code=code, year=year, staff=staff, unit=unit)
        if same.exists():
            raise ValidationError({"code": f"{subject} đã có danh hiệu «{award.name}» năm {year}."})
    obj = AwardRecord(staff=staff, unit=unit, code=code, year=year, awarded_on=awarded_on,
                      decision_number=decision_number.strip(), issuer=issuer.strip(), note=note)
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, action="award_record.add", obj=obj, summary=f"{subject} – {code} {year}", before={})
    return obj


@transaction.atomic
def award_record_delete(*, actor: Any, record: AwardRecord, reason: str) -> None:
    """Remove a line recorded by mistake; the reason is kept in the audit log."""
    agency = record.staff.agency if record.staff_id else record.unit.agency
    _require(can_record_awards(actor, agency), "xóa khen thưởng của đơn vị này")
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do xóa."})
    audit_record(actor=actor, action="award_record.delete", obj=record, summary=str(record),
                 before=snapshot(record), after={}, changes={"reason": reason.strip()})
    record.delete()
