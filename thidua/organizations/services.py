"""Changes to the organisation tree that keep history attached: renames keep the former name with
its period; merges and splits record who continues whom, so registrations and awards of a former
unit are found from its successor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from thidua.audit.services import audit_record

from .models import SuccessionKind, Unit, UnitName, UnitSuccession


@transaction.atomic
def unit_rename(*, actor: Any, unit: Unit, new_name: str, on: dt.date, document_name: str = "",
                basis: str = "") -> Unit:
    new_name = new_name.strip()
    if not new_name:
        raise ValueError("Tên mới không được để trống.")
    previous = UnitName.objects.filter(unit=unit).order_by("-valid_to").first()
    since = previous.valid_to + dt.timedelta(days=1) if previous else unit.active_from
    UnitName.objects.create(unit=unit, name=unit.name, document_name=unit.document_name, valid_from=since,
                            valid_to=on - dt.timedelta(days=1))
    old = unit.name
    unit.name = new_name
    if document_name:
        unit.document_name = document_name
    unit.save()
    audit_record(actor=actor, action="unit.rename", obj=unit, summary=f"{old} → {new_name}",
                 changes={"name": [old, new_name], "basis": basis})
    return unit


@transaction.atomic
def unit_merge(*, actor: Any, predecessors: list[Unit], successor: Unit, on: dt.date, basis: str = "") -> Unit:
    """The predecessors stop on the day before `on`; the successor continues them from `on`."""
    if successor in predecessors:
        raise ValueError("Đơn vị tiếp nhận không thể đồng thời là đơn vị bị hợp nhất.")
    if not predecessors:
        raise ValueError("Cần ít nhất một đơn vị được hợp nhất.")
    for unit in predecessors:
        unit.active_to = on - dt.timedelta(days=1)
        unit.save(update_fields=["active_to"])
        UnitSuccession.objects.create(predecessor=unit, successor=successor, kind=SuccessionKind.MERGE, date=on,
                                      basis=basis)
        audit_record(actor=actor, action="unit.merge", obj=unit, summary=f"{unit} → {successor}",
                     changes={"successor": successor.code, "date": on.isoformat(), "basis": basis})
    return successor


@transaction.atomic
def unit_split(*, actor: Any, predecessor: Unit, successors: list[Unit], on: dt.date, basis: str = "") -> None:
    if predecessor in successors or not successors:
        raise ValueError("Danh sách đơn vị sau khi chia, tách không hợp lệ.")
    predecessor.active_to = on - dt.timedelta(days=1)
    predecessor.save(update_fields=["active_to"])
    for unit in successors:
        UnitSuccession.objects.create(predecessor=predecessor, successor=unit, kind=SuccessionKind.SPLIT, date=on,
                                      basis=basis)
    audit_record(actor=actor, action="unit.split", obj=predecessor, summary=f"{predecessor} → "
                 + ", ".join(str(u) for u in successors), changes={"successors": [u.code for u in successors]})


def lineage_ids(unit_id: int) -> set[int]:
    """The unit and every unit it continues, however many merges back (one query per generation,
    and generations are few)."""
    seen = {unit_id}
    frontier = {unit_id}
    while frontier:
        frontier = set(UnitSuccession.objects.filter(successor_id__in=frontier)
                       .values_list("predecessor_id", flat=True)) - seen
        seen |= frontier
    return seen
