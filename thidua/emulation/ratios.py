"""Ratios as people write them in registrations: "> 95%", "15 %", "30", "≥ 90%", "trên 95%"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_COMPARATORS = {
    ">": ">", "≥": ">=", ">=": ">=", "<": "<", "≤": "<=", "<=": "<=", "=": "=",
    "trên": ">", "hơn": ">", "từ": ">=", "ít nhất": ">=", "tối thiểu": ">=", "dưới": "<", "tối đa": "<=",
}
_PATTERN = re.compile(
    r"^\s*(?P<op>>=|<=|≥|≤|>|<|=|trên|hơn|từ|ít nhất|tối thiểu|dưới|tối đa)?\s*"
    r"(?P<num>\d{1,3}(?:[.,]\d+)?)\s*%?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Ratio:
    op: str  # "=", ">", ">=", "<", "<="
    value: Decimal

    def accepts(self, actual: Decimal, tolerance: Decimal = Decimal("1")) -> bool:
        """Does an actual percentage agree with what was written? '=' allows a rounding tolerance."""
        if self.op == "=":
            return abs(actual - self.value) <= tolerance
        return {
            ">": actual > self.value, ">=": actual >= self.value,
            "<": actual < self.value, "<=": actual <= self.value,
        }[self.op]


def parse_ratio(text: str) -> Ratio | None:
    """None when empty or unreadable; the written text is always kept as is by the caller."""
    if not text or not text.strip():
        return None
    match = _PATTERN.match(text.strip())
    if not match:
        return None
    try:
        value = Decimal(match["num"].replace(",", "."))
    except InvalidOperation:
        return None
    if value > 100:
        return None
    op = _COMPARATORS[(match["op"] or "=").lower()]
    return Ratio(op=op, value=value)
