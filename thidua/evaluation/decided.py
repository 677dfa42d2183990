"""What evaluation asks of the decisions app. Decisions sit above evaluation in the apps' order
(docs/architecture.md: a decision writes the award history this app reads), so they are not
imported here: the decisions app registers its answers when it is ready (decisions/apps.py).

- `deciding_decisions(agency, year)`: the issued decisions for `year` that concern `agency`, latest
  first (they lock its ratings of that year: evaluation.locks);
- `decision_links(user, staff)`: the number ("179/QĐ-KHCN") → id of each numbered decision naming
  `staff` that `user` may open (the person page links its award history to them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from thidua.organizations.models import Staff, Unit

_answers: dict[str, Callable[..., Any]] = {}


def register(*, deciding: Callable[[Unit, int], QuerySet], links: Callable[[Any, Staff], dict[str, int]]) -> None:
    """Called once by the decisions app (its AppConfig.ready())."""
    _answers.update(deciding=deciding, links=links)


def _answer(name: str) -> Callable[..., Any]:
    try:
        return _answers[name]
    except KeyError:
        raise ImproperlyConfigured("thidua.decisions is not ready: evaluation cannot ask for its decisions") from None


def deciding_decisions(agency: Unit, year: int) -> QuerySet:
    return _answer("deciding")(agency, year)


def decision_links(user: Any, staff: Staff) -> dict[str, int]:
    return _answer("links")(user, staff)
