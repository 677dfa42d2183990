"""Small pieces of HTML built in Python once per page instead of once per table row."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def select_options(choices: Iterable[tuple[str, str, str]], blank: str) -> dict[str, SafeString]:
    """The <option>s of a select, one variant per selected value (and "" for none):
    `choices` are (value, text, title). A grid of 250 rows with the same select then costs one
    dictionary look-up per row instead of a template loop over the choices per row. Each option is
    escaped once; a variant only marks one of them selected (format_html for each option of each
    variant was a third of the individual registrations page)."""
    options = [(value, f'<option value="{escape(value)}"' + (f' title="{escape(title)}"' if title else ""),
                f">{escape(text)}</option>") for value, text, title in choices]
    blank_text = escape(blank)

    def variant(selected: str) -> SafeString:
        first = f'<option value=""{"" if selected else " selected"}>{blank_text}</option>'
        return mark_safe(first + "".join(  # every part escaped above
            f"{head} selected{tail}" if value == selected else head + tail for value, head, tail in options))

    return {selected: variant(selected) for selected in ("", *(value for value, _, _ in options))}
