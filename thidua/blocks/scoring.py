"""Scoring and ranking as pure functions over plain values (no ORM): a scorecard's total under the
scoring table, and the block's ranking with its stated tie-break rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

STANDARD, BONUS, PENALTY = "standard", "bonus", "penalty"
ZERO = Decimal(0)

# Shown on the ranking page and in docs/blocks.md; `rank` below implements exactly this.
TIE_BREAK_RULE = [
    "Tổng điểm thống nhất (điểm tiêu chí + điểm thưởng − điểm trừ) cao hơn xếp trên.",
    "Bằng tổng điểm: điểm các tiêu chí chấm điểm (không tính điểm thưởng) cao hơn xếp trên.",
    "Vẫn bằng: bị trừ ít điểm hơn xếp trên.",
    "Vẫn bằng: điểm chấm chéo bình quân (các phiếu chấm chéo đã gửi) cao hơn xếp trên.",
    "Vẫn bằng: đồng hạng; hội nghị Khối biểu quyết nếu cần chọn một đơn vị.",
]


@dataclass(frozen=True)
class Item:
    id: int
    group_id: int
    max_points: Decimal


@dataclass(frozen=True)
class Group:
    id: int
    kind: str  # STANDARD | BONUS | PENALTY
    cap: Decimal | None = None  # the most the whole group counts for; None: sum of its items' maxima


@dataclass(frozen=True)
class Table:
    groups: tuple[Group, ...]
    items: tuple[Item, ...]

    @property
    def max_standard(self) -> Decimal:
        return self._max(STANDARD)

    @property
    def max_bonus(self) -> Decimal:
        return self._max(BONUS)

    def _max(self, kind: str) -> Decimal:
        total = ZERO
        for group in self.groups:
            if group.kind == kind:
                items = sum((i.max_points for i in self.items if i.group_id == group.id), ZERO)
                total += min(items, group.cap) if group.cap is not None else items
        return total


@dataclass(frozen=True)
class Breakdown:
    base: Decimal  # standard criteria
    bonus: Decimal
    penalty: Decimal  # points deducted (a positive number)
    scored_items: int = 0

    @property
    def total(self) -> Decimal:
        return self.base + self.bonus - self.penalty


class ScoreError(ValueError):
    """A score outside 0..maximum of its criterion."""


def check_points(points: Decimal, item: Item, label: str = "") -> None:
    if points < 0 or points > item.max_points:
        raise ScoreError(f"Điểm {label or 'tiêu chí'} phải từ 0 đến {_fmt(item.max_points)}.")


def breakdown(table: Table, points: Mapping[int, Decimal]) -> Breakdown:
    """Totals of one set of scores (item id → points). Each group counts at most its cap."""
    sums = {STANDARD: ZERO, BONUS: ZERO, PENALTY: ZERO}
    scored = 0
    for group in table.groups:
        group_sum = ZERO
        for item in table.items:
            if item.group_id != group.id or item.id not in points:
                continue
            scored += 1
            group_sum += min(max(Decimal(points[item.id]), ZERO), item.max_points)
        if group.cap is not None:
            group_sum = min(group_sum, group.cap)
        sums[group.kind] += group_sum
    return Breakdown(base=sums[STANDARD], bonus=sums[BONUS], penalty=sums[PENALTY], scored_items=scored)


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (sum(values, ZERO) / len(values)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Standing:
    unit: str
    scores: Breakdown
    cross_mean: Decimal | None = None  # mean total of the submitted cross-scorecards about the unit


@dataclass(frozen=True)
class Ranked:
    unit: str
    score: Decimal
    rank: int
    tied_with: tuple[str, ...] = ()  # units sharing the same rank after every tie-break
    decided_by: str = ""  # which step of TIE_BREAK_RULE separated it from a unit with the same total


def _key(s: Standing) -> tuple:
    cross = s.cross_mean if s.cross_mean is not None else Decimal("-1")
    return (-s.scores.total, -s.scores.base, s.scores.penalty, -cross)


_STEP_NAMES = ["", "điểm tiêu chí chấm điểm", "điểm trừ", "điểm chấm chéo bình quân"]


def rank(standings: Sequence[Standing]) -> list[Ranked]:
    """Order by TIE_BREAK_RULE; equal on every step means the same rank (1, 2, 2, 4)."""
    ordered = sorted(standings, key=_key)  # stable: equal units keep the block's member order
    out: list[Ranked] = []
    for i, s in enumerate(ordered):
        key = _key(s)
        first = next(j for j, other in enumerate(ordered) if _key(other) == key)
        tied = tuple(o.unit for o in ordered if _key(o) == key and o.unit != s.unit)
        decided = ""
        if not tied:
            # Against each neighbour with the same total, the first step that tells them apart; the
            # closest call (the latest step) is the one reported.
            neighbours = [ordered[j] for j in (i - 1, i + 1)
                          if 0 <= j < len(ordered) and ordered[j].scores.total == s.scores.total]
            steps = [next(k for k in range(1, len(key)) if key[k] != _key(o)[k]) for o in neighbours]
            decided = _STEP_NAMES[max(steps)] if steps else ""
        out.append(Ranked(unit=s.unit, score=s.scores.total, rank=first + 1, tied_with=tied, decided_by=decided))
    return out


def _fmt(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def fmt_points(value: Decimal | None) -> str:
    """'96,5', '100', '' — Vietnamese decimal comma."""
    return "" if value is None else _fmt(Decimal(value))
