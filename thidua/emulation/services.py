"""Every change to a registration goes through here: permission check, transaction, the recorded
event (who, when, from what state, why) and the audit row. Views and commands stay thin."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from thidua.audit.services import audit_record, diff, snapshot
from thidua.catalog.models import AwardType
from thidua.core import bounds
from thidua.emulation.policy import can
from thidua.notifications import hooks as notification_hooks
from thidua.notifications.services import notify
from thidua.organizations.models import BlockYear
from thidua.organizations.policy import can_start_registration

from .checks import Finding, has_errors
from .legacy import ParsedRegistration
from .models import Action, RegisteredMovement, Registration, RegistrationEvent, Solution, Status, Target
from .selectors import registration_findings

HEADER_FIELDS = [
    "heading_year", "addressee", "letter_number", "letter_symbol", "letter_day", "letter_month", "letter_year",
    "place", "doc_day", "doc_month", "doc_year", "preamble", "content_intro", "professional_goal",
    "signer_authority", "signer_authority_title", "signer_position", "signer_name",
]
TARGET_FIELDS = ["collective_count", "collective_ratio", "individual_count", "individual_ratio"]


class EditConflict(Exception):
    """Someone saved the registration after this editor opened it."""

    def __init__(self, current: Registration):
        super().__init__("Bản đăng ký đã được người khác sửa sau khi bạn mở. Hãy xem bản mới nhất rồi sửa lại.")
        self.current = current


class SubmitBlocked(Exception):
    def __init__(self, findings: list[Finding]):
        super().__init__("Bản đăng ký còn lỗi, chưa gửi được.")
        self.findings = findings


class NoRecipient(Exception):
    """Nobody would receive the registration: its unit is in no block that year, or the block has
    no head. Says so, and what to do, in Vietnamese."""


def recipient(registration: Registration) -> BlockYear | None:
    """The block-year whose head receives `registration` (None: none is set up for its year)."""
    return (BlockYear.objects.filter(year=registration.year, memberships__unit=registration.unit_id)
            .select_related("block", "head").first())


def no_recipient_reason(registration: Registration) -> str:
    """Why the registration cannot be sent and what to do; empty when it can be."""
    block_year = recipient(registration)
    year, unit = registration.year, registration.unit.name
    if block_year is None:
        return (f"Năm {year}, {unit} chưa thuộc khối thi đua nào, nên chưa có trưởng khối nhận bản đăng ký. "
                f"Hãy đề nghị Ban Thi đua – Khen thưởng tỉnh xếp đơn vị vào khối năm {year} (trang «Khối thi đua»: "
                "lập khối mới hoặc sao chép khối của năm trước), rồi gửi lại; bản đăng ký vẫn được giữ nguyên.")
    if block_year.head_id is None:
        return (f"{block_year.block.name} năm {year} chưa có đơn vị trưởng khối, nên chưa ai nhận bản đăng ký. "
                "Hãy đề nghị Ban Thi đua – Khen thưởng tỉnh chọn trưởng khối năm này (trang «Khối thi đua»), "
                "rồi gửi lại; bản đăng ký vẫn được giữ nguyên.")
    return ""


@dataclass
class TargetChange:
    award_type_id: int
    collective_count: int | None
    collective_ratio: str
    individual_count: int | None
    individual_ratio: str


def _require(user: Any, action: str, registration: Registration) -> None:
    if not can(user, action, registration):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với bản đăng ký.")


def _record(registration: Registration, *, actor: Any, action: str, from_status: str, reason: str = "",
            before: dict | None = None, after: dict | None = None) -> None:
    """The step of the registration's workflow (its timeline: `RegistrationEvent`) and the audit
    row with what changed from `before` to `after` (default: the status)."""
    RegistrationEvent.objects.create(registration=registration, action=action, from_status=from_status,
                                     to_status=registration.status, actor=actor, reason=reason)
    if before is None:
        before = {"status": Status(from_status).label if from_status else None}
        after = {"status": registration.get_status_display()}
    audit_record(actor=actor, action=f"registration.{action}", obj=registration, summary=str(registration),
                 before=before, after=after, changes={"reason": reason} if reason else None)


def _locked(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().select_related("unit").get(pk=registration.pk)


def _target_text(target: Target) -> str:
    def part(count: int | None, ratio: str) -> str:
        return " ".join(filter(None, [str(count) if count is not None else "", ratio])) or "—"

    return (f"tập thể {part(target.collective_count, target.collective_ratio)}; "
            f"cá nhân {part(target.individual_count, target.individual_ratio)}")


def _snapshot(reg: Registration) -> dict:
    """The registration as the audit trail keeps it: its fields, its lines of solutions and
    movements, and each target row by its label."""
    return {
        **snapshot(reg),
        "solutions": "\n".join(reg.solutions.values_list("text", flat=True)),
        "movements": "\n".join(reg.movements.values_list("text", flat=True)),
        **{f"Chỉ tiêu: {t.label}"[:120]: _target_text(t) for t in reg.targets.order_by("position", "id")},
    }


@transaction.atomic
def registration_update(*, actor: Any, registration: Registration, expected_version: int, header: dict,
                        targets: list[TargetChange], solutions: list[str], movements: list[str],
                        reason: str = "") -> Registration:
    """Save an edited draft. A draft always saves, whatever its findings; only submitting needs
    no errors. Raises EditConflict when another editor saved in between."""
    reg = _locked(registration)
    _require(actor, "edit", reg)
    if reg.version != expected_version:
        raise EditConflict(reg)
    before = _snapshot(reg)
    for name in HEADER_FIELDS:
        if name in header:
            setattr(reg, name, header[name])
    # A draft saves whatever its findings, but never a value outside the bounds (a 30/02 date,
    # a year out of the window, text longer than its column): the same on SQLite and PostgreSQL.
    problems = bounds.bounds_errors(reg)
    existing = {t.award_type_id: t for t in reg.targets.all()}
    changed = []
    for change in targets:
        target = existing.get(change.award_type_id)
        if target is None:
            continue
        for name in TARGET_FIELDS:
            setattr(target, name, getattr(change, name))
        wrong = bounds.bounds_errors(target)
        if wrong:  # counts past the column (a document saying 10^20), ratios too long: named per row
            problems.setdefault("__all__", "")
            problems["__all__"] += " ".join(f"{target.label}: {target._meta.get_field(k).verbose_name} {v}"
                                            for k, v in wrong.items()) + " "
        changed.append(target)
    if problems:
        raise ValidationError({k: v.strip() for k, v in problems.items()})
    reg.version += 1
    reg.save()
    for target in changed:
        target.save(update_fields=TARGET_FIELDS)
    _replace_lines(reg, Solution, solutions)
    _replace_lines(reg, RegisteredMovement, movements)
    after = _snapshot(reg)
    if diff(before, after):
        _record(reg, actor=actor, action=Action.EDIT, from_status=reg.status, reason=reason, before=before,
                after=after)
    return reg


def _replace_lines(reg: Registration, model: type, lines: list[str]) -> None:
    current = list(model.objects.filter(registration=reg).values_list("text", flat=True))
    clean = [line.strip() for line in lines if line.strip()]
    if current == clean:
        return
    model.objects.filter(registration=reg).delete()
    model.objects.bulk_create(model(registration=reg, position=i, text=text) for i, text in enumerate(clean, 1))


@transaction.atomic
def registration_submit(*, actor: Any, registration: Registration) -> Registration:
    reg = _locked(registration)
    _require(actor, "submit", reg)
    _, findings = registration_findings(reg)
    if has_errors(findings):
        raise SubmitBlocked(findings)
    reason = no_recipient_reason(reg)
    if reason:
        raise NoRecipient(reason)  # sent to nobody, it would be stuck where no one sees it
    previous = reg.status
    reg.status = Status.SUBMITTED
    reg.save(update_fields=["status", "updated_at"])
    _record(reg, actor=actor, action=Action.SUBMIT, from_status=previous)
    transaction.on_commit(lambda: _notify_submitted(reg.pk))
    return reg


@transaction.atomic
def registration_receive(*, actor: Any, registration: Registration) -> Registration:
    reg = _locked(registration)
    _require(actor, "receive", reg)
    previous = reg.status
    reg.status = Status.RECEIVED
    reg.save(update_fields=["status", "updated_at"])
    _record(reg, actor=actor, action=Action.RECEIVE, from_status=previous)
    return reg


@transaction.atomic
def registration_return(*, actor: Any, registration: Registration, reason: str) -> Registration:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("Cần ghi rõ lý do trả lại để đơn vị biết cần sửa gì.")
    reg = _locked(registration)
    _require(actor, "return", reg)
    previous = reg.status
    reg.status = Status.RETURNED
    reg.save(update_fields=["status", "updated_at"])
    _record(reg, actor=actor, action=Action.RETURN, from_status=previous, reason=reason)
    transaction.on_commit(lambda: _notify_returned(reg.pk))
    return reg


def last_return_reason(registration: Registration) -> str:
    event = registration.events.filter(action=Action.RETURN).order_by("-at", "-id").first()
    return event.reason if event else ""


def _notify_submitted(registration_id: int) -> None:
    """A member sent its registration: the block head's officers have something to receive."""
    reg = Registration.objects.select_related("unit").filter(pk=registration_id).first()
    if reg is None:
        return
    notify(recipients=notification_hooks.block_head_officers(reg.unit_id, reg.year),
           text=f"{reg.unit.name} đã gửi bản đăng ký thi đua năm {reg.year}, chờ tiếp nhận.",
           link=reverse("registration_detail", args=[reg.pk]))


def _notify_returned(registration_id: int) -> None:
    """The block head returned a registration: the agency's officer and leaders see why."""
    reg = Registration.objects.select_related("unit").filter(pk=registration_id).first()
    if reg is None:
        return
    reason = last_return_reason(reg)
    notify(recipients=notification_hooks.agency_users([reg.unit_id]),
           text=f"Bản đăng ký thi đua năm {reg.year} bị trả lại. Lý do: {reason}",
           link=reverse("registration_detail", args=[reg.pk]))


@transaction.atomic
def registration_start(*, actor: Any, unit, year: int, addressee: str = "", place: str = "") -> Registration:
    """A new draft for a year: one row per catalog title and form in the registration table. When
    the agency registered the year before, its content is carried over (years moved on by one) so
    the officer edits rather than retypes; counts and ratios are kept as last year's targets."""
    if not can_start_registration(actor, unit):
        raise PermissionDenied("Chỉ cán bộ phụ trách thi đua của đơn vị mới lập được bản đăng ký.")
    previous = Registration.objects.filter(unit=unit, year=year - 1).first()
    reg = Registration.objects.create(
        unit=unit, year=year, heading_year=year, addressee=addressee or (previous.addressee if previous else ""),
        place=place or unit.province.place_name, doc_year=year, letter_year=year,
        letter_symbol=previous.letter_symbol if previous else (f"{unit.symbol}-TTR" if unit.symbol else ""),
        **(_carried_over(previous, year) if previous else {}),
    )
    last_targets = {t.award_type_id: t for t in previous.targets.all()} if previous else {}
    awards = AwardType.objects.filter(active=True, position__isnull=False).order_by("position")
    rows = []
    for award in awards:
        old = last_targets.get(award.pk)
        rows.append(Target(
            registration=reg, award_type=award, position=award.position, label=old.label if old else award.name,
            note=award.registration_note, **({name: getattr(old, name) for name in TARGET_FIELDS} if old else {}),
        ))
    Target.objects.bulk_create(rows)
    if previous:
        Solution.objects.bulk_create(Solution(registration=reg, position=s.position, text=_next_year(s.text, year))
                                     for s in previous.solutions.all())
        RegisteredMovement.objects.bulk_create(
            RegisteredMovement(registration=reg, movement=m.movement, position=m.position, text=m.text)
            for m in previous.movements.all())
    _record(reg, actor=actor, action=Action.CREATE, from_status="",
            reason=f"Tạo từ bản đăng ký năm {previous.year}" if previous else "", before={}, after=_snapshot(reg))
    return reg


def _next_year(text: str, year: int) -> str:
    """Move the years of last year's text on by one ("năm 2022" → "năm 2023", "2021" → "2022")."""
    return text.replace(str(year - 1), str(year)).replace(str(year - 2), str(year - 1))


def _carried_over(previous: Registration, year: int) -> dict:
    fields = ["preamble", "content_intro", "professional_goal", "signer_authority", "signer_authority_title",
              "signer_position", "signer_name"]
    return {name: _next_year(getattr(previous, name), year) for name in fields}


def _bounded(model: type, values: dict) -> None:
    """Text read from a document must fit its field: say which one does not, in the user's words."""
    for name, value in values.items():
        limit = model._meta.get_field(name).max_length
        if limit and isinstance(value, str) and len(value) > limit:
            label = model._meta.get_field(name).verbose_name
            raise ValidationError(f"«{label}» đọc được dài {len(value)} ký tự, quá {limit} ký tự cho phép; "
                                  "hãy sửa trong văn bản hoặc nhập tay.")


def imported_header(parsed: ParsedRegistration) -> dict:
    """The registration's header fields from what a document said."""
    authority = _AUTHORITY_PREFIX.match(parsed.signer_authority or "")
    header = {
        "heading_year": parsed.heading_year or parsed.year,
        "addressee": parsed.addressee,
        "letter_number": parsed.letter_number_only,
        "letter_symbol": parsed.letter_symbol,
        "letter_day": parsed.letter_date[0], "letter_month": parsed.letter_date[1],
        "letter_year": parsed.letter_date[2],
        "place": parsed.place,
        "doc_day": parsed.date[0], "doc_month": parsed.date[1], "doc_year": parsed.date[2],
        "preamble": "\n".join(parsed.preamble),
        "content_intro": "\n".join(parsed.content_intro),
        "professional_goal": "\n".join(parsed.professional_goal),
        "signer_authority": f"{authority.group(1).upper()}." if authority else "",
        "signer_authority_title": parsed.signer_authority[authority.end():].strip() if authority else "",
        "signer_position": parsed.signer_position,
        "signer_name": parsed.signer_name,
    }
    # What the document does not say is left empty, not carried over from last year; only the year,
    # place and addressee of a new draft are kept when the document is silent on them.
    return {name: value for name, value in header.items()
            if value not in (None, "") or name not in ("heading_year", "place", "addressee", "doc_year",
                                                         "letter_year")}


_AUTHORITY_PREFIX = re.compile(r"^(KT|TM|Q|TL|TUQ)\.\s*")


@transaction.atomic
def registration_import(*, actor: Any, unit, year: int, parsed: ParsedRegistration, source: str = "") -> Registration:
    """Save a registration read from a document as the unit's draft for `year`, for a person to review
    and submit: a new draft, or the unit's draft of that year overwritten (never a submitted one).
    Target rows the document does not name are left empty; rows of catalog awards that the usual
    table leaves out (Giấy khen) are added when the document registers them."""
    if not can_start_registration(actor, unit):
        raise PermissionDenied("Chỉ cán bộ phụ trách thi đua của đơn vị mới nhập được bản đăng ký của đơn vị.")
    header = imported_header(parsed)
    _bounded(Registration, header)
    for row in parsed.targets.values():
        _bounded(Target, {"label": row.label, "note": row.note, "collective_ratio": row.collective.ratio or "",
                          "individual_ratio": row.individual.ratio or ""})
    reg = Registration.objects.filter(unit=unit, year=year).first()
    if reg is None:
        reg = registration_start(actor=actor, unit=unit, year=year)
    elif not can(actor, "edit", reg):
        raise PermissionDenied(f"Bản đăng ký năm {year} của đơn vị đã gửi đi; không ghi đè được bằng văn bản nhập.")
    awards = {a.code: a for a in AwardType.objects.filter(code__in=parsed.targets)}
    existing = {t.award_type.code: t for t in reg.targets.select_related("award_type")}
    last = max((t.position for t in existing.values()), default=0)
    for code, row in parsed.targets.items():
        target = existing.get(code)
        if target is None:
            last += 1
            existing[code] = Target.objects.create(registration=reg, award_type=awards[code], position=last,
                                                   label=row.label, note=row.note)
        elif target.label != row.label or target.note != row.note:
            target.label, target.note = row.label, row.note
            target.save(update_fields=["label", "note"])
    changes = []
    for code, target in existing.items():
        row = parsed.targets.get(code)
        changes.append(TargetChange(
            award_type_id=target.award_type_id,
            collective_count=row.collective.count if row else None,
            collective_ratio=(row.collective.ratio or "") if row else "",
            individual_count=row.individual.count if row else None,
            individual_ratio=(row.individual.ratio or "") if row else "",
        ))
    reg.refresh_from_db(fields=["version"])
    return registration_update(
        actor=actor, registration=reg, expected_version=reg.version, header=header, targets=changes,
        solutions=parsed.solutions, movements=parsed.movements,
        reason=f"Nhập từ văn bản {source}".strip(),
    )
