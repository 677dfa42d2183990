"""Ratings of a year are locked once a decision for that year is issued (issue 12): the awards were
decided on them, so changing one afterwards would silently contradict the decision. They become
editable again only by a recorded act (`RatingReopening`: who, when, why — by the agency's leader,
the province board or an administrator); a later decision for the year locks them again.

A decision "for the year" of an agency is an issued decision whose award year is that year and
which the agency issued or which names its people, its departments or itself; the decisions app
finds them (`evaluation.decided`: decisions sit above evaluation in the apps' order)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from thidua.organizations.models import Unit

from .decided import deciding_decisions
from .models import RatingReopening


@dataclass(frozen=True)
class RatingLock:
    """Why the ratings of `year` cannot be changed, and what to do."""

    year: int
    decision: Any  # the issued decisions.Decision

    @property
    def message(self) -> str:
        return (f"Xếp loại năm {self.year} đã khóa: {self.decision} đã khen thưởng cho năm {self.year} dựa trên "
                "các xếp loại này. Muốn sửa, lãnh đạo cơ quan hoặc Ban Thi đua – Khen thưởng tỉnh mở lại xếp loại "
                "năm này (ghi rõ lý do); nếu khen thưởng đã ban hành sai, sửa đổi hoặc thu hồi bằng quyết định mới.")


def last_reopening(agency: Unit, year: int) -> RatingReopening | None:
    return RatingReopening.objects.filter(agency=agency, year=year).select_related("actor").order_by("-at").first()


def rating_lock(agency: Unit, year: int) -> RatingLock | None:
    """The lock on `agency`'s ratings of `year`, or None when they may be changed."""
    decision = deciding_decisions(agency, year).first()
    if decision is None:
        return None
    reopening = last_reopening(agency, year)
    if reopening is not None and decision.issued_at is not None and reopening.at >= decision.issued_at:
        return None
    return RatingLock(year=year, decision=decision)
