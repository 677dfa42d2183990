from django import template

from thidua.core.formatting import vn_number

register = template.Library()

# The names of the catalog's codes are filters of `catalog` ({% load catalog %}), the ratings' words
# of `evaluation`: core sits below those apps and imports neither.


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
def person(user) -> str:
    """A user as people call them: full name (the login name only when no name is recorded)."""
    if user is None:
        return "hệ thống"
    return getattr(user, "display_name", None) or str(user)
