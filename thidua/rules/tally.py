"""The council's arithmetic, on plain values (no database): quorum and the approval threshold of a
secret ballot, decided at the exact boundary with integers only.

A ratio is a fraction numerator/denominator (2/3, 90/100): "at least 2/3 of 9 members" is 6, not
ceil(0.6667 × 9) = 7, which a decimal ratio would give. A count meets a ratio of a base when
count × denominator ≥ numerator × base, i.e. count ≥ ceil(numerator × base / denominator):
9 of 10 members is 90% and passes a 90% rule; 8 of 10 never does, and nothing in between exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALL_MEMBERS = "all"
PRESENT = "present"


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        if self.denominator <= 0 or self.numerator < 0 or self.numerator > self.denominator:
            raise ValueError(f"invalid ratio {self.numerator}/{self.denominator}")

    def required(self, base: int) -> int:
        """The least whole count that reaches the ratio of `base` (ceil without floats)."""
        if base < 0:
            raise ValueError("base must not be negative")
        return -(-self.numerator * base // self.denominator)

    def met_by(self, count: int, base: int) -> bool:
        return count * self.denominator >= self.numerator * base

    def label(self) -> str:
        """'2/3' or '90%' as a person would write the rule."""
        if self.denominator == 100:
            return f"{self.numerator}%"
        return f"{self.numerator}/{self.denominator}"


@dataclass(frozen=True)
class Threshold:
    """One row of the rule: attendance needed, approval needed and of what base, and why."""

    quorum: Ratio
    approval: Ratio
    base: str = ALL_MEMBERS  # "all": of every member of the council; "present": of those attending
    basis: str = ""
    secret_ballot: bool = True

    def __post_init__(self) -> None:
        if self.base not in (ALL_MEMBERS, PRESENT):
            raise ValueError(f"unknown base {self.base!r}")


@dataclass(frozen=True)
class Attendance:
    members: int  # members of the council on the day of the session
    present: int  # attending the meeting
    written: int = 0  # absent, but voted in writing (ND 91/2017: "thành viên vắng mặt … bằng văn bản")

    def __post_init__(self) -> None:
        if min(self.members, self.present, self.written) < 0 or self.present + self.written > self.members:
            raise ValueError("attendance does not add up")

    @property
    def voters(self) -> int:
        return self.present + self.written


@dataclass(frozen=True)
class Tally:
    passed: bool
    quorum_met: bool
    quorum_required: int
    base: int  # the count the approval ratio is taken of
    required_yes: int
    yes: int
    no: int
    invalid: int
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def yes_percent(self) -> str:
        """Share of the base, as the minutes print it ('90,91%')."""
        if not self.base:
            return "0%"
        hundredths = (self.yes * 10000 * 2 + self.base) // (2 * self.base)  # rounded half up
        whole, frac = divmod(hundredths, 100)
        return f"{whole}%" if not frac else f"{whole},{frac:02d}".rstrip("0") + "%"


def quorum_met(attendance: Attendance, threshold: Threshold) -> bool:
    return threshold.quorum.met_by(attendance.present, attendance.members)


def check_counts(yes: int, no: int, invalid: int, attendance: Attendance) -> None:
    """Raise ValueError when the counts cannot be right: negative, or more ballots than voters."""
    if min(yes, no, invalid) < 0:
        raise ValueError("Số phiếu không được âm.")
    if yes + no + invalid > attendance.voters:
        raise ValueError(
            f"Tổng số phiếu ({yes + no + invalid}) nhiều hơn số thành viên bỏ phiếu ({attendance.voters})."
        )


def tally(yes: int, no: int, invalid: int, *, attendance: Attendance, threshold: Threshold) -> Tally:
    """Passed or failed, with the counts needed and the reasons in Vietnamese."""
    check_counts(yes, no, invalid, attendance)
    q_required = threshold.quorum.required(attendance.members)
    q_met = quorum_met(attendance, threshold)
    base = attendance.members if threshold.base == ALL_MEMBERS else attendance.voters
    required_yes = threshold.approval.required(base)
    reasons = []
    if not q_met:
        reasons.append(f"Không đủ số thành viên dự họp: có mặt {attendance.present}/{attendance.members}, "
                       f"cần ít nhất {q_required} ({threshold.quorum.label()}).")
    approved = base > 0 and threshold.approval.met_by(yes, base)
    of_what = "tổng số thành viên hội đồng" if threshold.base == ALL_MEMBERS else "số thành viên tham gia bỏ phiếu"
    if not approved:
        reasons.append(f"Số phiếu tán thành {yes}/{base} chưa đạt {threshold.approval.label()} {of_what} "
                       f"(cần ít nhất {required_yes}).")
    return Tally(passed=q_met and approved, quorum_met=q_met, quorum_required=q_required, base=base,
                 required_yes=required_yes, yes=yes, no=no, invalid=invalid, reasons=tuple(reasons))
