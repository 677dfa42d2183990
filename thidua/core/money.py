"""Money as official documents print it: "1.234.567" and "Một triệu hai trăm ba mươi bốn nghìn … đồng".

num2words (lang "vi") reads numbers the way people speak, which is not how a decision, a payment
order or an invoice writes an amount "bằng chữ". What it gets wrong for official use:

- a group after the first loses its "không trăm": 1.015.000 comes out "một triệu mười lăm nghìn";
  accounting and official documents read every group after the first in full, "một triệu không
  trăm mười lăm nghìn", so that no digit can be slipped in when copying the words;
- for a lone unit after a hundred it writes the southern "lẻ" ("một trăm lẻ năm"); official
  texts (drafted in the northern standard, e.g. the Government's own decrees and the State
  Treasury's forms) write "linh": "một trăm linh năm";
- it mishandles a group of 10–19 after an empty hundreds place ("một nghìn lẻ mười" for 1.010).

So num2words is used only for the words of numbers below 100, and the grouping is done here.
"nghìn" (not the southern "ngàn") and "tỷ" are the forms of official documents; "mươi bốn" is
kept rather than "mươi tư" — both are correct and "bốn" cannot be misread.
"""

from __future__ import annotations

from decimal import Decimal

from num2words import num2words

# Scale words of each three-digit group, from the right; "nghìn tỷ" etc. beyond a tỷ.
_SCALES = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ")


def _below_100(n: int) -> str:
    words = num2words(n, lang="vi")
    return words.replace("ngàn", "nghìn").replace("lẻ", "linh")


def _group(n: int, full: bool) -> str:
    """Words of 0 < n < 1000. `full` reads the hundreds even when zero ("không trăm linh năm"),
    as every group after the first is read."""
    hundreds, rest = divmod(n, 100)
    parts: list[str] = []
    if hundreds or full:
        parts.append(f"{_below_100(hundreds)} trăm")
    if rest:
        if rest < 10 and parts:
            parts.append("linh")
        parts.append(_below_100(rest))
    return " ".join(parts)


def _as_whole(amount: int | Decimal) -> int:
    if isinstance(amount, bool | float):
        raise TypeError("amount must be an int or a Decimal, not a float")
    value = Decimal(amount)
    if value != value.to_integral_value():
        raise ValueError("amount must be a whole number of đồng")
    return int(value)


def number_in_words(n: int) -> str:
    """Vietnamese words of a non-negative whole number, lower case, as official documents read it."""
    if n < 0:
        raise ValueError("number must not be negative")
    if n == 0:
        return _below_100(0)
    groups: list[int] = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    if len(groups) > len(_SCALES):
        raise ValueError("number too large")
    words: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if not g:
            continue  # an all-zero group is not read ("một tỷ không trăm linh năm nghìn")
        words.append(_group(g, full=i < len(groups) - 1))
        if _SCALES[i]:
            words.append(_SCALES[i])
    return " ".join(words)


def amount_in_words(amount: int | Decimal) -> str:
    """1015000 -> 'Một triệu không trăm mười lăm nghìn đồng'."""
    words = number_in_words(_as_whole(amount))
    return words[:1].upper() + words[1:] + " đồng"


def format_vnd(amount: int | Decimal) -> str:
    """1234567 -> '1.234.567' (the Vietnamese thousands separator is a dot)."""
    value = _as_whole(amount)
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")
