from django import template
from django.utils.html import format_html

from thidua.catalog import names
from thidua.core.formatting import vn_number
from thidua.evaluation.models import RatingLevel

register = template.Library()

RATING_NAMES = dict(RatingLevel.choices)


@register.filter
def get(mapping, key):
    """{{ mapping|get:key }} — a dict lookup with a computed key."""
    return mapping.get(key, []) if mapping else []


@register.filter
def vnd(value):
    return vn_number(value)


@register.simple_tag
def field_key(prefix, name):
    return f"{prefix}-{name}"


@register.filter
def award_name(code: str) -> str:
    """{{ line.code|award_name }} — the catalog's Vietnamese name of a title or form."""
    return names.award_name(code)


@register.filter
def award_short(code: str) -> str:
    """A short form for tight places (table headers): the name, or its initials with the full
    name on hover."""
    short, full = names.award_short(code), names.award_name(code)
    if short == full:
        return full
    return format_html('<abbr title="{}">{}</abbr>', full, short)


@register.filter
def rule_set_name(code) -> str:
    """A rule set (or its code) by its name."""
    return names.rule_set_name(getattr(code, "code", code))


@register.filter
def rating_name(code: str) -> str:
    """A yearly rating by its words: "Hoàn thành xuất sắc nhiệm vụ"."""
    return RATING_NAMES.get(code, code or "")


@register.filter
def rating_short(code: str) -> str:
    """A rating in a tight column: its usual initials with the words on hover."""
    if not code:
        return ""
    return format_html('<abbr title="{}">{}</abbr>', RATING_NAMES.get(code, code), code)


@register.filter
def person(user) -> str:
    """A user as people call them: full name (the login name only when no name is recorded)."""
    if user is None:
        return "hệ thống"
    return getattr(user, "display_name", None) or str(user)
