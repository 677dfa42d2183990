from django import template

from thidua.core.formatting import vn_number

register = template.Library()


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
