"""The award history a decision writes (evaluation.AwardRecord, read by next year's rules) and
takes back when a later act withdraws lines. Until that model exists the decision lines themselves
are the history (see selectors.award_history)."""

from __future__ import annotations

from django.apps import apps


def _award_model():
    try:
        return apps.get_model("evaluation", "AwardRecord")
    except LookupError:
        return None


def record_awards(decision, lines) -> None:
    """One award record per line of an issued decision."""
    if _award_model() is None:
        return


def remove_awards(lines, *, by) -> None:
    """The records of `lines`, withdrawn or replaced by the act `by`."""
    if _award_model() is None:
        return
