"""Whose people and collectives a body has authority over: one rule for decisions, councils and the
year end's nominations.

- A province body (UBND tỉnh, its board) — anyone and any unit of its province.
- An agency — its own staff and itself or its departments, including those of the units it
  continues (lineage: after a merge the successor acts for its predecessors' people).
"""

from __future__ import annotations

from .models import Staff, Unit, UnitKind
from .services import lineage_ids


def governs(owner: Unit, *, staff: Staff | None = None, unit: Unit | None = None) -> bool:
    """Is the person `staff` or the collective `unit` within `owner`'s authority?"""
    agency = staff.agency if staff is not None else unit.agency if unit is not None else None
    if agency is None:
        return False
    if owner.kind == UnitKind.PROVINCE_BODY:
        return agency.province_id == owner.province_id
    return agency.pk in lineage_ids(owner.pk)


def authority_error(owner: Unit, *, staff: Staff | None = None, unit: Unit | None = None) -> str | None:
    """The Vietnamese reason `governs` is false, else None."""
    if governs(owner, staff=staff, unit=unit):
        return None
    subject = staff if staff is not None else unit
    if owner.kind == UnitKind.PROVINCE_BODY:
        return f"{subject} không thuộc tỉnh của {owner}."
    what = "cán bộ" if staff is not None else "tập thể"
    return f"{subject} không phải {what} của {owner}: cơ quan chỉ xét, khen cán bộ, tập thể của cơ quan mình."
