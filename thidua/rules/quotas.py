"""Quotas: a title may not exceed a ratio of a base (e.g. CSTĐCS ≤ 15% of LĐTT in the unit)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

ROUNDING_MODES = {"down": ROUND_FLOOR, "up": ROUND_CEILING, "half_up": ROUND_HALF_UP}


def quota_cap(base_count: int, ratio_percent: Decimal, rounding: str = "down") -> int:
    """The largest count allowed: base × ratio%, rounded as the province decides.

    >>> quota_cap(70, Decimal("15"), "down"), quota_cap(70, Decimal("15"), "up")
    (10, 11)
    """
    if base_count < 0:
        raise ValueError("base_count must not be negative")
    exact = Decimal(base_count) * Decimal(ratio_percent) / Decimal(100)
    return int(exact.to_integral_value(rounding=ROUNDING_MODES[rounding]))


@dataclass(frozen=True)
class QuotaCheck:
    code: str
    base_code: str
    count: int
    base_count: int
    ratio_percent: Decimal
    rounding: str
    cap: int
    basis: str

    @property
    def exceeded(self) -> bool:
        return self.count > self.cap

    @property
    def exact_share(self) -> Decimal:
        """count / base as a percentage (for messages)."""
        if not self.base_count:
            return Decimal(0)
        return (Decimal(self.count) * 100 / Decimal(self.base_count)).quantize(Decimal("0.1"))


def check_quota(*, code: str, base_code: str, count: int, base_count: int, ratio_percent: Decimal,
                rounding: str, basis: str) -> QuotaCheck:
    return QuotaCheck(
        code=code, base_code=base_code, count=count, base_count=base_count,
        ratio_percent=Decimal(ratio_percent), rounding=rounding,
        cap=quota_cap(base_count, Decimal(ratio_percent), rounding), basis=basis,
    )
