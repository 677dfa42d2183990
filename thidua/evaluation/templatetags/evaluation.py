"""{% load evaluation %}: the yearly ratings by their words."""

from django import template
from django.utils.html import format_html

from thidua.evaluation.models import RatingLevel

register = template.Library()

RATING_NAMES = dict(RatingLevel.choices)


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
