"""Small pieces of HTML built in Python once per page instead of once per table row."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def select_options(choices: Iterable[tuple[str, str, str]], blank: str) -> dict[str, SafeString]:
    """The <option>s of a select, one variant per selected value (and "" for none):
    `choices` are (value, text, title). A grid of 250 rows with the same select then costs one
    dictionary look-up per row instead of a template loop over the choices per row."""
    choices = list(choices)

    def variant(selected: str) -> SafeString:
        first = format_html('<option value=""{}>{}</option>', "" if selected else " selected", blank)
        return first + format_html_join("", '<option value="{}"{}{}>{}</option>', (
            (value, format_html(' title="{}"', title) if title else "", " selected" if value == selected else "",
             text) for value, text, title in choices))

    return {selected: variant(selected) for selected in ("", *(value for value, _, _ in choices))}
