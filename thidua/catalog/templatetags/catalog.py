"""{% load catalog %}: the catalog's codes by their Vietnamese names (thidua.catalog.names)."""

from django import template
from django.utils.html import format_html

from thidua.catalog import names

register = template.Library()


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
