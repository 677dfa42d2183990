"""Plain values the rules work on: an individual's yearly record, a collective's figures, a case to
judge, the verdict, a rule-set period and the criteria (thresholds) of the law.

Parsing from the JSON case format (shared/cases/README.md) lives here too, and is lenient on
purpose: an unknown scope or rating becomes "unknown", which the rules answer with `review`
naming what is missing, rather than crashing a whole batch on one odd case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# --- vocabularies ---------------------------------------------------------------------------

HTXSNV, HTTNV, HTNV, KHTNV = "HTXSNV", "HTTNV", "HTNV", "KHTNV"
# Higher is better (law.md §2).
RATING_RANK: dict[str, int] = {KHTNV: 0, HTNV: 1, HTTNV: 2, HTXSNV: 3}
RATING_NAMES: dict[str, str] = {
    HTXSNV: "hoàn thành xuất sắc nhiệm vụ",
    HTTNV: "hoàn thành tốt nhiệm vụ",
    HTNV: "hoàn thành nhiệm vụ",
    KHTNV: "không hoàn thành nhiệm vụ",
}

CO_SO, TINH, TOAN_QUOC = "co_so", "tinh", "toan_quoc"
SCOPE_RANK: dict[str, int] = {CO_SO: 0, TINH: 1, TOAN_QUOC: 2}
SCOPE_NAMES: dict[str, str] = {CO_SO: "cấp cơ sở", TINH: "cấp bộ, ngành, tỉnh", TOAN_QUOC: "toàn quốc"}
# Spellings seen in the wild for the same scopes.
_SCOPE_ALIASES = {
    "co_so": CO_SO, "coso": CO_SO, "cs": CO_SO,
    "tinh": TINH, "bo": TINH, "nganh": TINH, "bo_nganh": TINH, "bo_nganh_tinh": TINH,
    "toan_quoc": TOAN_QUOC, "toanquoc": TOAN_QUOC, "quoc_gia": TOAN_QUOC, "tq": TOAN_QUOC,
}

DISCIPLINES: dict[str, str] = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}

ELIGIBLE, NOT_ELIGIBLE, REVIEW = "eligible", "not_eligible", "review"
STATUSES = (ELIGIBLE, NOT_ELIGIBLE, REVIEW)

INDIVIDUAL, COLLECTIVE = "individual", "collective"


# --- an individual --------------------------------------------------------------------------


@dataclass(frozen=True)
class Achievement:
    """A recognised initiative (sáng kiến) or an accepted research work (đề tài, đề án).
    `scope` is None when unknown."""

    kind: str  # "initiative" | "research"
    scope: str | None

    def reaches(self, minimum: str) -> bool | None:
        """True/False when the scope is known, None when it is not."""
        if self.scope is None:
            return None
        return SCOPE_RANK[self.scope] >= SCOPE_RANK[minimum]


@dataclass(frozen=True)
class YearRecord:
    """What is known of one person in one year. `titles` are codes awarded FOR that year."""

    year: int
    rating: str | None = None
    titles: frozenset[str] = frozenset()
    initiatives: tuple[Achievement, ...] = ()
    research: tuple[Achievement, ...] = ()
    discipline: str | None = None

    @property
    def achievements(self) -> tuple[Achievement, ...]:
        return self.initiatives + self.research

    def rating_at_least(self, minimum: str) -> bool | None:
        if self.rating is None:
            return None
        return RATING_RANK[self.rating] >= RATING_RANK[minimum]


# --- a collective ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Members:
    """Counts over the members of a collective; None when not given."""

    total: int | None = None
    completed: int | None = None
    ldtt: int | None = None
    cstdcs: int | None = None
    disciplined_canh_cao_or_above: int | None = None


@dataclass(frozen=True)
class CollectiveFigures:
    rating: str | None = None
    members: Members = field(default_factory=Members)
    # Grounds of CO_CP (the rule set's citation `co_cp`); None = not known.
    leads_block: bool | None = None  # leads a block/cluster organised by a ministry or province
    leads_central_block: bool | None = None  # leads a block organised by the Central Council
    led_pm_movement: bool | None = None  # led a >= 5-year movement launched by the Prime Minister


# --- a case and its result ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    subject: str  # INDIVIDUAL | COLLECTIVE
    year: int
    ask: tuple[str, ...]
    history: tuple[YearRecord, ...] = ()
    collective: CollectiveFigures | None = None
    rule_set: str | None = None  # forces a rule set
    service_start: dt.date | None = None  # the day the person entered service; None: the whole time

    def record(self, year: int) -> YearRecord | None:
        for rec in self.history:
            if rec.year == year:
                return rec
        return None


@dataclass(frozen=True)
class Verdict:
    status: str  # ELIGIBLE | NOT_ELIGIBLE | REVIEW
    reasons: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class CaseResult:
    id: str
    rule_set: str | None
    verdicts: dict[str, Verdict]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule_set": self.rule_set,
            "verdicts": {code: v.to_dict() for code, v in self.verdicts.items()},
        }


# The grounds a reason cites, each looked up in the rule set's citations (catalog data): the rules
# name the ground, the catalog says which article of which text it is.
CITATION_GROUNDS: tuple[str, ...] = (
    "titles", "ldtt", "cstdcs", "cstd_tinh", "cstd_tq", "ttldxs", "ttldtt", "co_tinh", "co_cp", "hcld3",
    "hcld3_grounds", "hcld3_unassessed", "once", "conduct", "title_ladder",
)


@dataclass(frozen=True)
class RuleSetPeriod:
    """A legal regime in force from `valid_from` to `valid_to` (inclusive; open-ended if None)."""

    code: str
    valid_from: dt.date | None
    valid_to: dt.date | None = None
    name: str = ""
    # LĐTT needs this many whole months of service in the year (ND 91/2017); None: no such rule.
    ldtt_min_months: int | None = None
    ldtt_min_months_basis: str = ""
    # The texts as reasons name them (catalog LegalText.short_name), e.g. "Luật Thi đua, khen thưởng
    # 2022" and "Nghị định 152/2025/NĐ-CP".
    law_name: str = ""
    decree_name: str = ""
    # Reward money is rounded up to this many đồng (catalog RuleSet.money_rounding_step).
    money_rounding_step: int | None = None
    # What each rule cites in its reasons under this rule set (catalog RuleSet.citations): pairs of
    # a key of CITATION_GROUNDS and the citation, the article of the text as reasons print it.
    citations: tuple[tuple[str, str], ...] = ()

    def citation(self, ground: str) -> str | None:
        return next((text for key, text in self.citations if key == ground and text), None)

    def in_force_on(self, day: dt.date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


# --- criteria -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    """Every threshold the eligibility rules use. No defaults here: the values are catalog data
    (`thidua.catalog.reference.CRITERIA`, overridden per rule set and province by the settings of
    `evaluation.CriteriaSetting`) and reach the rules through the law snapshot (`rules.law.Law`)."""

    # Rule sets of the old law (Luật 2003 + ND 91/2017). Any other rule set is read as Luật 2022.
    old_law_rule_sets: tuple[str, ...]
    # LĐTT (citation `ldtt`): the lowest rating.
    ldtt_min_rating: str
    # CSTĐCS (citation `cstdcs`): the old law makes the initiative/research mandatory; Luật 2022 accepts a
    # rating instead of it.
    cstdcs_initiative_mandatory_in: tuple[str, ...]
    cstdcs_rating_instead_of_initiative: str
    cstdcs_min_scope: str
    # CSTĐ cấp bộ, ngành, tỉnh (citation `cstd_tinh`).
    cstd_tinh_streak_years: int
    cstd_tinh_min_scope: str
    # CSTĐ toàn quốc (citation `cstd_tq`): consecutive CSTĐ cấp tỉnh whose periods adjoin.
    cstd_tq_consecutive_tinh: int
    cstd_tq_min_scope: str
    # Tập thể LĐXS (citation `ttldxs`).
    ttldxs_completed_min_percent: int
    ttldxs_ldtt_min_percent: int  # at least (≥)
    ttldxs_cstdcs_min: int
    ttldxs_rating: str
    ttldxs_no_discipline_in: tuple[str, ...]
    # Tập thể LĐTT (citation `ttldtt`; the 2022 law delegates it to ministries and provinces).
    ttldtt_ldtt_above_percent: int  # strictly more than
    ttldtt_no_discipline: bool
    ttldtt_min_rating: str | None  # None: not checked
    # HCLĐ hạng Ba, individual (citation `hcld3`).
    hcld3_rule_sets_excluded: tuple[str, ...]
    hcld3_years_after_bk_ttg: int
    hcld3_min_rating: str
    hcld3_htxs_years_min: int
    hcld3_excellent_rating: str  # needed in at least `hcld3_htxs_years_min` years
    hcld3_cstdcs_min: int
    # A person disciplined in the year judged is not proposed (see eligibility._discipline_bar).
    discipline_bars_individual: bool
    # Rule sets whose decree states that bar itself as a principle (the others: this system's reading).
    discipline_bar_stated_in: tuple[str, ...]
    # CO_CP under the 2022 law (citation `co_cp`): led a Prime-Minister movement of at least this many years.
    co_cp_movement_min_years: int

    def is_old_law(self, rule_set: str) -> bool:
        return rule_set in self.old_law_rule_sets


# --- parsing the JSON case format -----------------------------------------------------------


class CaseFormatError(ValueError):
    """The case cannot be read at all (no id, no year, ...)."""


_RATING_ALIASES = {"HTXS": HTXSNV, "HTT": HTTNV, "HT": HTNV, "KHT": KHTNV}


def _norm_rating(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip().upper()
    text = _RATING_ALIASES.get(text, text)
    return text if text in RATING_RANK else None


def _norm_scope(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("scope")
    if value is None:
        return None
    return _SCOPE_ALIASES.get(str(value).strip().lower().replace("-", "_").replace(" ", "_"))


def _achievements(kind: str, items: Any) -> tuple[Achievement, ...]:
    if not items:
        return ()
    if isinstance(items, Mapping | str):
        items = [items]
    return tuple(Achievement(kind, _norm_scope(item)) for item in items)


def _norm_discipline(value: Any) -> str | None:
    if value in (None, "", False):
        return None
    text = str(value).strip().lower()
    if text in ("none", "null", "khong", "không"):
        return None
    # An unlisted form of discipline is still a discipline.
    return text


def _as_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _as_bool(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "co", "có"}
    return bool(value)


def year_record_from_dict(data: Mapping[str, Any]) -> YearRecord:
    try:
        year = int(data["year"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CaseFormatError(f"history entry without a year: {data!r}") from exc
    return YearRecord(
        year=year,
        rating=_norm_rating(data.get("rating")),
        titles=frozenset(str(t).strip().upper() for t in (data.get("titles") or [])),
        initiatives=_achievements("initiative", data.get("initiatives")),
        research=_achievements("research", data.get("research")),
        discipline=_norm_discipline(data.get("discipline")),
    )


def _member_count(members: Mapping[str, Any], *names: str) -> int | None:
    for name in names:
        if name in members:
            return _as_int(members[name])
    return None


def collective_from_dict(data: Mapping[str, Any]) -> CollectiveFigures:
    m = data.get("members") or {}
    members = Members(
        total=_member_count(m, "total"),
        completed=_member_count(m, "completed"),
        ldtt=_member_count(m, "LDTT", "ldtt"),
        cstdcs=_member_count(m, "CSTDCS", "cstdcs"),
        disciplined_canh_cao_or_above=_member_count(
            m, "disciplined_canh_cao_or_above", "disciplined"
        ),
    )
    flags = {**(data.get("flags") or {}), **data}  # top-level keys win over a "flags" object
    return CollectiveFigures(
        rating=_norm_rating(data.get("rating")),
        members=members,
        leads_block=_as_bool(flags.get("leads_block")),
        leads_central_block=_as_bool(flags.get("leads_central_block")),
        led_pm_movement=_as_bool(flags.get("led_pm_movement")),
    )


def case_from_dict(data: Mapping[str, Any]) -> Case:
    """Read one case of the JSON format (shared/cases/README.md)."""
    try:
        year = int(data["year"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CaseFormatError(f"case {data.get('id')!r} has no valid year") from exc
    subject = str(data.get("subject") or "").strip().lower()
    if subject not in (INDIVIDUAL, COLLECTIVE):
        subject = COLLECTIVE if "members" in data else INDIVIDUAL
    ask = data.get("ask") or []
    if isinstance(ask, str):
        ask = [ask]
    history: Iterable[Mapping[str, Any]] = data.get("history") or []
    records: dict[int, YearRecord] = {}
    for entry in history:
        rec = year_record_from_dict(entry)
        records[rec.year] = rec  # a repeated year: the last entry wins
    rule_set = data.get("rule_set")
    service_start = None
    if data.get("service_start"):
        try:
            service_start = dt.date.fromisoformat(str(data["service_start"])[:10])
        except ValueError:
            service_start = None  # lenient like the rest: an unreadable date is not a crash
    return Case(
        id=str(data.get("id", "")),
        subject=subject,
        year=year,
        ask=tuple(str(code).strip().upper() for code in ask),
        history=tuple(sorted(records.values(), key=lambda r: r.year)),
        collective=collective_from_dict(data) if subject == COLLECTIVE else None,
        rule_set=str(rule_set).strip() if rule_set else None,
        service_start=service_start,
    )
