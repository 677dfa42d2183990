"""Builders for eligibility cases in the JSON shape of shared/cases/README.md (imported relatively
by the tests of this folder)."""

from __future__ import annotations

import dataclasses
from typing import Any

from thidua.catalog.reference import default_criteria, reference_law
from thidua.rules.eligibility import evaluate as _evaluate
from thidua.rules.law import Law
from thidua.rules.types import CaseResult, Criteria, Verdict

# The law snapshot of the reference data (law.md as the migrations load it): what the pure tests judge by.
LAW = reference_law()


def evaluate(case: Any, law: Law | None = None, criteria: Criteria | None = None) -> CaseResult:
    return _evaluate(case, law or LAW, criteria)


def criteria_with(**overrides: Any) -> Criteria:
    """The reference criteria with some fields changed (as a province's settings would)."""
    return dataclasses.replace(default_criteria(), **overrides)


def year(y: int, rating: str | None = "HTXSNV", titles: tuple[str, ...] = ("LDTT",), *,
         initiatives: tuple[str | None, ...] = (), research: tuple[str | None, ...] = (),
         discipline: str | None = None) -> dict[str, Any]:
    return {
        "year": y, "rating": rating, "titles": list(titles),
        "initiatives": [{"scope": s} for s in initiatives],
        "research": [{"scope": s} for s in research],
        "discipline": discipline,
    }


def person(y: int, history: list[dict[str, Any]], *ask: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"case-{y}", "subject": "individual", "year": y, "history": history, "ask": list(ask), **extra}


def team(y: int, *ask: str, rating: str | None = "HTXSNV", total: int = 20, completed: int | None = None,
         ldtt: int = 15, cstdcs: int = 1, disciplined: int = 0, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"team-{y}", "subject": "collective", "year": y, "rating": rating,
        "members": {"total": total, "completed": total if completed is None else completed, "LDTT": ldtt,
                    "CSTDCS": cstdcs, "disciplined_canh_cao_or_above": disciplined},
        "ask": list(ask), **extra,
    }


def streak(first: int, last: int, *, rating: str = "HTXSNV", titles: tuple[str, ...] = ("LDTT", "CSTDCS"),
           initiative_in: dict[int, str | None] | None = None) -> list[dict[str, Any]]:
    """One record per year from `first` to `last`, each with `titles`; `initiative_in` maps a year to
    the scope of an initiative recognised that year."""
    initiative_in = initiative_in or {}
    return [year(y, rating, titles, initiatives=(initiative_in[y],) if y in initiative_in else ())
            for y in range(first, last + 1)]


def verdict(case: dict[str, Any], code: str, **kwargs: Any) -> Verdict:
    return evaluate(case, **kwargs).verdicts[code]


def status(case: dict[str, Any], code: str, **kwargs: Any) -> str:
    return verdict(case, code, **kwargs).status
