from decimal import Decimal, InvalidOperation

from django import template

from thidua.blocks.scoring import fmt_points

register = template.Library()


@register.filter
def pts(value):
    """Points as Vietnamese write them: 96,5 · 100 · '' for nothing; text typed by a user stays as typed."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float | Decimal):
        return fmt_points(Decimal(str(value)))
    try:
        return fmt_points(Decimal(str(value).replace(",", ".")))
    except InvalidOperation:
        return value
