"""Reads of the organisation tree that other apps (and the scope rules) build on."""

from __future__ import annotations

from .models import UnitSuccession


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
