"""The law as the rules read it: one typed snapshot of the catalog's data (titles and forms with
their names and subjects, the rule sets with their periods and texts, the criteria of each rule
set), built by `thidua.catalog.law.snapshot` from the database or by
`thidua.catalog.reference.reference_law` from the reference data the migrations load.

The rules hold no name, threshold or regime of their own: whatever they say about the law they
read here, so a correction of the catalog reaches every verdict without a release."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from thidua.rules.types import Criteria, RuleSetPeriod

BOTH = "both"


@dataclass(frozen=True)
class Award:
    """A title or form of the catalog as the rules need it."""

    code: str
    name: str
    subject: str  # "individual" | "collective" | "both"
    kind: str = ""  # "title" | "form"
    # Where the standard is judged by people (BK_*, HC* …): what the `review` reason says.
    review_note: str = ""


@dataclass(frozen=True)
class Quota:
    """`code` at most `ratio` % of `base_code` under `rule_set` (catalog QuotaRule)."""

    rule_set: str
    code: str
    base_code: str
    ratio: Decimal
    basis: str = ""
    # How a cap with a remainder is rounded (rules.quotas): the row's, else the province's choice.
    rounding: str = "down"


@dataclass(frozen=True)
class Law:
    """One snapshot: the awards by code, the rule-set periods, and the criteria of each rule set
    (already resolved for a province and day by whoever built it)."""

    awards: Mapping[str, Award]
    periods: tuple[RuleSetPeriod, ...]
    default_criteria: Criteria
    criteria: Mapping[str, Criteria] = field(default_factory=dict)
    quotas: tuple[Quota, ...] = ()

    def name(self, code: str) -> str:
        award = self.awards.get(code)
        return award.name if award else code

    def subject(self, code: str) -> str | None:
        award = self.awards.get(code)
        return award.subject if award else None

    def criteria_for(self, rule_set: str) -> Criteria:
        return self.criteria.get(rule_set, self.default_criteria)

    def period(self, code: str) -> RuleSetPeriod | None:
        return next((p for p in self.periods if p.code == code), None)

    def quota(self, rule_set: str, code: str) -> Quota | None:
        return next((q for q in self.quotas if q.rule_set == rule_set and q.code == code), None)
