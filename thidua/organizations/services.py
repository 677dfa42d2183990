"""Changes to the organisation tree and its people that keep history attached: renames keep the former name with
its period; merges and splits record who continues whom, so registrations and awards of a former
unit are found from its successor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from thidua.audit.services import audit_record, diff, snapshot
from thidua.organizations.policy import can_govern, can_manage_staff

from .models import (
    DEPARTURES,
    MovementKind,
    Staff,
    StaffMovement,
    SuccessionKind,
    Unit,
    UnitKind,
    UnitName,
    UnitSuccession,
)
from .selectors import lineage_ids as lineage_ids  # re-exported: other apps import it from here


def _require_govern(actor: Any, units: list[Unit]) -> None:
    """Renaming, merging, splitting and creating units is for whoever governs every unit touched
    (Unit.objects.for_user(actor, "change"): the province board its province's units, an agency's
    officer its departments)."""
    for unit in units:
        if not can_govern(actor, unit):
            raise PermissionDenied(f"Bạn không có quyền thay đổi tổ chức của {unit.name}.")


@transaction.atomic
def unit_create(*, actor: Any, code: str, name: str, like: Unit) -> Unit:
    """A new unit of the same kind, parent and province as `like` (the unit a merge or split
    continues): its officer or the province board creates it, the same rule as for `like`."""
    _require_govern(actor, [like])
    code, name = code.strip().upper(), name.strip()
    if not code or not name:
        raise ValueError("Cần mã và tên của đơn vị mới.")
    if Unit.objects.filter(code=code).exists():
        raise ValueError(f"Mã đơn vị {code} đã có.")
    unit = Unit(code=code, name=name, kind=like.kind, parent=like.parent, province=like.province)
    unit.full_clean()
    unit.save()
    audit_record(actor=actor, action="unit.create", obj=unit, summary=name, before={}, changes={"like": like.name})
    return unit


@transaction.atomic
def unit_rename(*, actor: Any, unit: Unit, new_name: str, on: dt.date, document_name: str = "",
                basis: str = "") -> Unit:
    _require_govern(actor, [unit])
    new_name = new_name.strip()
    if not new_name:
        raise ValueError("Tên mới không được để trống.")
    previous = UnitName.objects.filter(unit=unit).order_by("-valid_to").first()
    since = previous.valid_to + dt.timedelta(days=1) if previous else unit.active_from
    UnitName.objects.create(unit=unit, name=unit.name, document_name=unit.document_name, valid_from=since,
                            valid_to=on - dt.timedelta(days=1))
    old, before = unit.name, snapshot(unit)
    unit.name = new_name
    if document_name:
        unit.document_name = document_name
    unit.save()
    audit_record(actor=actor, action="unit.rename", obj=unit, summary=f"{old} → {new_name}", before=before,
                 changes={"basis": basis, "date": on} if basis else {"date": on})
    return unit


@transaction.atomic
def unit_merge(*, actor: Any, predecessors: list[Unit], successor: Unit, on: dt.date, basis: str = "") -> Unit:
    """The predecessors stop on the day before `on`; the successor continues them from `on`."""
    if successor in predecessors:
        raise ValueError("Đơn vị tiếp nhận không thể đồng thời là đơn vị bị hợp nhất.")
    if not predecessors:
        raise ValueError("Cần ít nhất một đơn vị được hợp nhất.")
    _require_govern(actor, [*predecessors, successor])
    for unit in predecessors:
        before = snapshot(unit)
        unit.active_to = on - dt.timedelta(days=1)
        unit.save(update_fields=["active_to"])
        UnitSuccession.objects.create(predecessor=unit, successor=successor, kind=SuccessionKind.MERGE, date=on,
                                      basis=basis)
        audit_record(actor=actor, action="unit.merge", obj=unit, summary=f"{unit} → {successor}", before=before,
                     changes={"successor": successor.name, "date": on, "basis": basis})
    return successor


@transaction.atomic
def unit_split(*, actor: Any, predecessor: Unit, successors: list[Unit], on: dt.date, basis: str = "") -> None:
    if predecessor in successors or not successors:
        raise ValueError("Danh sách đơn vị sau khi chia, tách không hợp lệ.")
    _require_govern(actor, [predecessor, *successors])
    before = snapshot(predecessor)
    predecessor.active_to = on - dt.timedelta(days=1)
    predecessor.save(update_fields=["active_to"])
    for unit in successors:
        UnitSuccession.objects.create(predecessor=predecessor, successor=unit, kind=SuccessionKind.SPLIT, date=on,
                                      basis=basis)
    audit_record(actor=actor, action="unit.split", obj=predecessor, summary=f"{predecessor} → "
                 + ", ".join(str(u) for u in successors), before=before,
                 changes={"successors": ", ".join(u.name for u in successors), "date": on, "basis": basis})


# --- staff ---------------------------------------------------------------------------------------

STAFF_FIELDS = ("full_name", "gender", "birth_date", "birth_year", "position", "kind", "personal_id",
                "active_from", "service_start")
NO_SCOPE = "Bạn chỉ quản lý được nhân sự của cơ quan mình (Ban Thi đua – Khen thưởng: các cơ quan trong tỉnh)."


class StaffError(ValueError):
    """A staff change that cannot be made, with the reason in Vietnamese (field -> messages)."""

    def __init__(self, message: str | dict[str, list[str]]) -> None:
        self.errors = message if isinstance(message, dict) else {"__all__": [message]}
        super().__init__("; ".join(m for ms in self.errors.values() for m in ms))


def _check_scope(actor: Any, agency: Unit) -> None:
    if not can_manage_staff(actor, agency):
        raise PermissionDenied(NO_SCOPE)


def _check_department(agency: Unit, department: Unit | None) -> None:
    if department is not None and (department.kind != UnitKind.DEPARTMENT or department.parent_id != agency.pk):
        raise StaffError({"department": [f"Phòng, ban này không thuộc {agency.name}."]})


def _validate(staff: Staff) -> None:
    staff.full_name = " ".join(staff.full_name.split())
    staff.position = " ".join(staff.position.split())
    staff.personal_id = staff.personal_id.strip()
    if staff.birth_date is not None:
        staff.birth_year = staff.birth_date.year
    try:
        staff.full_clean(exclude=["name_folded"])
    except ValidationError as exc:
        raise StaffError(exc.message_dict) from exc
    if staff.birth_year is not None and not 1930 <= staff.birth_year <= dt.date.today().year - 15:
        raise StaffError({"birth_date": ["Năm sinh không hợp lệ (người lao động từ 15 tuổi)."]})
    if staff.active_to is not None and staff.active_from is not None and staff.active_to < staff.active_from:
        raise StaffError({"active_from": ["Ngày bắt đầu làm việc phải trước ngày thôi làm việc."]})


@transaction.atomic
def staff_create(*, actor: Any, agency: Unit, department: Unit | None = None, **fields: Any) -> Staff:
    """Add a person to `agency` (and one of its departments, or its leadership when none)."""
    _check_scope(actor, agency)
    _check_department(agency, department)
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise TypeError(f"unknown staff fields: {sorted(unknown)}")
    staff = Staff(agency=agency, department=department, **fields)
    _validate(staff)
    staff.save()
    audit_record(actor=actor, action="staff.create", obj=staff, summary=f"Thêm {staff.full_name} vào {agency.name}",
                 before={})
    return staff


@transaction.atomic
def staff_update(*, actor: Any, staff: Staff, **fields: Any) -> Staff:
    """Correct a person's particulars (name, gender, birth, position, kind, identifier, start date).
    A change of department is a move (staff_move), dated and kept in history."""
    staff = Staff.objects.select_for_update(of=("self",)).get(pk=staff.pk)
    _check_scope(actor, staff.agency)
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise TypeError(f"unknown staff fields: {sorted(unknown)}")
    before = snapshot(staff)
    for name, value in fields.items():
        setattr(staff, name, value)
    _validate(staff)
    if diff(before, snapshot(staff)):
        staff.save()
        audit_record(actor=actor, action="staff.update", obj=staff, summary=f"Sửa thông tin {staff.full_name}",
                     before=before)
    return staff


@transaction.atomic
def staff_move(*, actor: Any, staff: Staff, department: Unit | None, on: dt.date, note: str = "") -> StaffMovement:
    """Move a person to another department of the same agency (None: the agency's leadership) from
    `on`; the movement is recorded with both departments."""
    staff = Staff.objects.select_for_update(of=("self",)).select_related("agency").get(pk=staff.pk)
    _check_scope(actor, staff.agency)
    _check_department(staff.agency, department)
    if department is not None and department.active_to is not None and department.active_to < on:
        raise StaffError({"department": [f"{department.name} đã thôi hoạt động từ {department.active_to:%d/%m/%Y}."]})
    if staff.department_id == (department.pk if department else None):
        raise StaffError({"department": ["Người này đang ở đúng phòng, ban đó."]})
    if not staff.is_active_on(on):
        raise StaffError({"date": [f"Ngày {on:%d/%m/%Y} {staff.full_name} không làm việc tại cơ quan."]})
    movement = _movement(actor, staff, MovementKind.MOVE, on, note, to_department=department)
    before = snapshot(staff)
    staff.department = department
    staff.save()
    audit_record(actor=actor, action="staff.move", obj=staff,
                 summary=f"{staff.full_name}: {movement.from_department or 'Lãnh đạo'} → {department or 'Lãnh đạo'}",
                 before=before, changes={"date": on, "note": movement.note} if movement.note else {"date": on})
    return movement


@transaction.atomic
def staff_depart(*, actor: Any, staff: Staff, kind: str, on: dt.date, destination: str = "",
                 note: str = "") -> StaffMovement:
    """Record that a person left the agency on `on` (resigned, retired, transferred). They are no
    longer on current lists from the next day, but stay in the years they worked, with their awards."""
    if kind not in DEPARTURES:
        raise StaffError({"kind": ["Hãy chọn nghỉ việc, nghỉ hưu hoặc chuyển công tác."]})
    staff = Staff.objects.select_for_update(of=("self",)).select_related("agency").get(pk=staff.pk)
    _check_scope(actor, staff.agency)
    if staff.active_to is not None:
        raise StaffError({"date": [f"{staff.full_name} đã thôi làm việc từ {staff.active_to:%d/%m/%Y}."]})
    if staff.active_from is not None and on < staff.active_from:
        raise StaffError({"date": [f"Ngày thôi làm việc phải sau ngày bắt đầu ({staff.active_from:%d/%m/%Y})."]})
    if staff.movements.filter(date__gt=on).exists():
        raise StaffError({"date": ["Đã có biến động sau ngày này; hãy kiểm tra lại ngày."]})
    movement = _movement(actor, staff, kind, on, note, destination=destination)
    before = snapshot(staff)
    staff.active_to = on
    staff.save()
    audit_record(actor=actor, action="staff.depart", obj=staff,
                 summary=f"{staff.full_name}: {movement.get_kind_display().lower()} từ {on:%d/%m/%Y}",
                 before=before, changes={"departure": movement.get_kind_display(), "destination": movement.destination})
    return movement


def _movement(actor: Any, staff: Staff, kind: str, on: dt.date, note: str, **fields: Any) -> StaffMovement:
    movement = StaffMovement(staff=staff, kind=kind, date=on, note=" ".join(note.split()),
                             from_department=staff.department, recorded_by=actor if getattr(actor, "pk", None)
                             else None, **fields)
    if isinstance(movement.destination, str):
        movement.destination = " ".join(movement.destination.split())
    try:
        movement.full_clean(exclude=["staff", "from_department", "to_department", "recorded_by"])
    except ValidationError as exc:
        raise StaffError(exc.message_dict) from exc
    movement.save()
    return movement
