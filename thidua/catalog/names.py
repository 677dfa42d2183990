"""What pages call the catalog's codes: one place, read from the catalog tables (never a copy of a
name in code or templates). Templates use the filters of ``thidua.catalog.templatetags.catalog``.

Names are read once per request (and again after an administrator saves a title or a rule set), so
a corrected name shows on the next page."""

from __future__ import annotations

from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import AwardType, RuleSet

# A name longer than this gets a short form (with the full name on hover) where space is tight.
SHORT_LIMIT = 24
# Words left out of a short form: "Cờ thi đua của Chính phủ" → "CTĐCP", as officers write it.
_LINKING = {"của", "và"}

_awards: dict[str, str] | None = None
_rule_sets: dict[str, str] | None = None
_rows: dict[str, tuple[str, str, str, str]] | None = None


def award_rows() -> dict[str, tuple[str, str, str, str]]:
    """Catalog code → (name, subject, kind, review note): what the law snapshot of the rules reads."""
    global _rows
    if _rows is None:
        _rows = {code: (name, subject, kind, note) for code, name, subject, kind, note
                 in AwardType.objects.values_list("code", "name", "subject", "kind", "review_note")}
    return _rows


def award_names() -> dict[str, str]:
    """Catalog code → Vietnamese name of every title and form."""
    global _awards
    if _awards is None:
        _awards = {code: row[0] for code, row in award_rows().items()}
    return _awards


def rule_set_names() -> dict[str, str]:
    """Rule set code → its name ("Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP")."""
    global _rule_sets
    if _rule_sets is None:
        _rule_sets = dict(RuleSet.objects.values_list("code", "name"))
    return _rule_sets


def award_name(code: str) -> str:
    if not isinstance(code, str):  # an empty lookup in a template
        return ""
    return award_names().get(code, code)


def initials(name: str) -> str:
    """The usual Vietnamese short form of a title: initials of its words up to the first comma,
    linking words left out, acronyms kept: "Lao động tiên tiến" → "LĐTT",
    "Bằng khen của Chủ tịch UBND tỉnh" → "BKCTUBNDT"."""
    head = name.split(",")[0]
    parts = []
    for word in head.split():
        if word.lower() in _LINKING:
            continue
        parts.append(word if word.isupper() and len(word) > 1 else word[0].upper())
    return "".join(parts)


def award_short(code: str) -> str:
    """The name itself when it is short, else its initials."""
    name = award_name(code)
    if name == code or len(name) <= SHORT_LIMIT:
        return name
    return initials(name)


def rule_set_name(code: str) -> str:
    if not isinstance(code, str):
        return ""
    return rule_set_names().get(code, code)


@receiver(request_started)
@receiver([post_save, post_delete], sender=AwardType)
@receiver([post_save, post_delete], sender=RuleSet)
def _forget(**kwargs) -> None:
    global _awards, _rule_sets, _rows
    _awards = _rule_sets = _rows = None
