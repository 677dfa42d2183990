"""The fields of `thidua.rules.types.Criteria` as editable settings: which keys exist, what each
means (in Vietnamese, for the admin), how a typed text is read and checked against the field's
type, and how a set of overrides is applied. Pure: no ORM here, so the admin, the selectors and
the tests share one reading of a value."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from thidua.catalog.reference import default_criteria
from thidua.core.text import fold
from thidua.rules.types import RATING_NAMES, RATING_RANK, SCOPE_NAMES, SCOPE_RANK, Criteria

# What each key means, as an officer reads it.
LABELS: dict[str, str] = {
    "old_law_rule_sets": "Các bộ quy định áp dụng Luật Thi đua, khen thưởng 2003",
    "ldtt_min_rating": "LĐTT: xếp loại tối thiểu",
    "cstdcs_initiative_mandatory_in": "CSTĐCS: các bộ quy định bắt buộc có sáng kiến, đề tài",
    "cstdcs_rating_instead_of_initiative": "CSTĐCS: xếp loại được thay cho sáng kiến, đề tài",
    "cstdcs_min_scope": "CSTĐCS: phạm vi ảnh hưởng tối thiểu của sáng kiến",
    "cstd_tinh_streak_years": "CSTĐ cấp tỉnh: số năm liên tục đạt CSTĐCS",
    "cstd_tinh_min_scope": "CSTĐ cấp tỉnh: phạm vi ảnh hưởng tối thiểu của sáng kiến",
    "cstd_tq_consecutive_tinh": "CSTĐ toàn quốc: số lần liên tục đạt CSTĐ cấp tỉnh",
    "cstd_tq_min_scope": "CSTĐ toàn quốc: phạm vi ảnh hưởng tối thiểu của sáng kiến",
    "ttldxs_completed_min_percent": "Tập thể LĐXS: tỷ lệ thành viên hoàn thành nhiệm vụ tối thiểu (%)",
    "ttldxs_ldtt_min_percent": "Tập thể LĐXS: tỷ lệ thành viên đạt LĐTT tối thiểu (%)",
    "ttldxs_cstdcs_min": "Tập thể LĐXS: số thành viên đạt CSTĐCS tối thiểu",
    "ttldxs_rating": "Tập thể LĐXS: xếp loại của tập thể",
    "ttldxs_no_discipline_in": "Tập thể LĐXS: các bộ quy định yêu cầu không có thành viên bị kỷ luật",
    "ttldtt_ldtt_above_percent": "Tập thể LĐTT: tỷ lệ thành viên đạt LĐTT phải trên (%)",
    "ttldtt_no_discipline": "Tập thể LĐTT: không có thành viên bị kỷ luật từ cảnh cáo trở lên",
    "ttldtt_min_rating": "Tập thể LĐTT: xếp loại tối thiểu của tập thể (để trống: không xét)",
    "hcld3_rule_sets_excluded": "HCLĐ hạng Ba: các bộ quy định chưa mã hóa tiêu chuẩn",
    "hcld3_years_after_bk_ttg": "HCLĐ hạng Ba: số năm liên tục sau Bằng khen của Thủ tướng",
    "hcld3_min_rating": "HCLĐ hạng Ba: xếp loại tối thiểu mỗi năm",
    "hcld3_htxs_years_min": "HCLĐ hạng Ba: số năm tối thiểu đạt xếp loại xuất sắc",
    "hcld3_excellent_rating": "HCLĐ hạng Ba: xếp loại được tính là xuất sắc",
    "hcld3_cstdcs_min": "HCLĐ hạng Ba: số lần đạt CSTĐCS tối thiểu",
    "discipline_bars_individual": "Cá nhân bị kỷ luật trong năm xét không được đề nghị",
    "discipline_bar_stated_in": "Các bộ quy định mà nghị định nêu rõ nguyên tắc không khen người đang bị kỷ luật",
    "co_cp_movement_min_years": "Cờ thi đua của Chính phủ: số năm tối thiểu của phong trào do Thủ tướng phát động",
}

_HINTS = typing.get_type_hints(Criteria)
_DEFAULTS = default_criteria()
KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Criteria))

_TRUE = {"1", "true", "yes", "co", "có", "đúng", "x"}
_FALSE = {"0", "false", "no", "khong", "không", "sai"}


def label(key: str) -> str:
    return LABELS.get(key, key)


# Which rule a criterion belongs to (its key's prefix), so a built-in value shows the article of
# that rule (`RuleSet.citations`); the discipline bar follows the law's conduct rule or principles;
# the others (which rule sets follow the old law) follow the rule set's own texts.
_GROUND_PREFIXES = ("ldtt", "cstdcs", "cstd_tinh", "cstd_tq", "ttldxs", "ttldtt", "hcld3", "co_cp")


def ground(key: str) -> str:
    """The citation ground of criterion `key` ("ldtt_min_rating" → "ldtt"); "" when it follows no
    single rule."""
    found = next((g for g in _GROUND_PREFIXES if key.startswith(g + "_")), None)
    if found:
        return found
    return "conduct" if key.startswith("discipline_") else ""


def choices() -> list[tuple[str, str]]:
    return [(key, f"{label(key)} [{key}]") for key in KEYS]


def default_text(key: str) -> str:
    """The built-in default of `key`, written as an officer would type it."""
    return to_text(key, getattr(_DEFAULTS, key))


def to_text(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def display(key: str, text: str, rule_set_names: Mapping[str, str] | None = None) -> str:
    """A stored value as an officer reads it: "có"/"không" for yes/no, "(trống)" for empty, rule
    sets by their names when `rule_set_names` (code → name) is given."""
    if not text:
        return "(trống)"
    try:
        value = parse(key, text)
    except ValueError:
        return text
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, tuple) and rule_set_names is not None:
        return "; ".join(rule_set_names.get(code, code) for code in value) or "(trống)"
    vocabulary = _vocabulary(key)
    if vocabulary is not None and isinstance(value, str):
        return vocabulary[1].get(value, value)  # words, not the code ("hoàn thành tốt nhiệm vụ")
    return to_text(key, value)


def _vocabulary(key: str) -> tuple[str, dict[str, str]] | None:
    """Ratings or scopes: told apart by the field's default (e.g. "HTTNV" → ratings)."""
    default = getattr(_DEFAULTS, key)
    if default in RATING_RANK:
        return "xếp loại", RATING_NAMES
    if default in SCOPE_RANK:
        return "phạm vi", SCOPE_NAMES
    return None


def parse(key: str, text: str, *, rule_set_codes: Iterable[str] | Mapping[str, str] | None = None) -> Any:
    """Read `text` as the value of criteria field `key`. Raises ValueError (Vietnamese message) when
    the key is unknown or the value does not fit the field's type and vocabulary."""
    if key not in _HINTS:
        raise ValueError(f"Không có tiêu chí «{key}».")
    hint = _HINTS[key]
    text = (text or "").strip()
    optional = type(None) in typing.get_args(hint)
    base = next((a for a in typing.get_args(hint) if a is not type(None)), hint) if optional else hint
    if optional and text == "":
        return None
    if base is bool:
        folded = text.lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise ValueError(f"«{label(key)}» nhận giá trị đúng/sai (true/false), không phải «{text}».")
    if base is int:
        try:
            value = int(text)
        except ValueError:
            raise ValueError(f"«{label(key)}» phải là số nguyên, không phải «{text}».") from None
        if value < 0:
            raise ValueError(f"«{label(key)}» không được âm.")
        if key.endswith("_percent") and value > 100:
            raise ValueError(f"«{label(key)}» là tỷ lệ phần trăm, phải từ 0 đến 100.")
        if key in ("cstd_tinh_streak_years", "cstd_tq_consecutive_tinh", "hcld3_years_after_bk_ttg",
                   "co_cp_movement_min_years") and value < 1:
            raise ValueError(f"«{label(key)}» phải từ 1 trở lên.")
        return value
    if typing.get_origin(base) is tuple:
        # Rule sets by code or by name; names hold commas, so a list of names is split on ";".
        parts = text.split(";") if ";" in text else text.split(",")
        items = tuple(dict.fromkeys(part.strip() for part in parts if part.strip()))
        if rule_set_codes is not None:
            names = rule_set_codes if isinstance(rule_set_codes, Mapping) else {c: c for c in rule_set_codes}
            by_name = {fold(name): code for code, name in names.items()}
            if fold(text) in by_name:
                return (by_name[fold(text)],)
            items = tuple(dict.fromkeys(i if i in names else by_name.get(fold(i), i) for i in items))
            unknown = [i for i in items if i not in names]
            if unknown:
                raise ValueError(f"«{label(key)}»: không có bộ quy định «{'; '.join(unknown)}» "
                                 f"(có: {'; '.join(sorted(names.values()))}).")
        return items
    if base is str:
        vocabulary = _vocabulary(key)
        if vocabulary is None:
            if not text:
                raise ValueError(f"«{label(key)}» không được để trống.")
            return text
        what, names = vocabulary
        value = text.upper() if what == "xếp loại" else text.lower()
        value = {fold(name): code for code, name in names.items()}.get(fold(text), value)  # a name, not a code
        if value not in names:
            raise ValueError(f"«{label(key)}»: {what} «{text}» không hợp lệ "
                             f"(chọn một trong: {'; '.join(names.values())}).")
        return value
    raise ValueError(f"Chưa hỗ trợ kiểu dữ liệu của tiêu chí «{key}».")  # pragma: no cover


def apply(overrides: Mapping[str, Any], base: Criteria | None = None) -> Criteria:
    """`base` (the built-in defaults when None) with the parsed `overrides` applied."""
    return dataclasses.replace(base or _DEFAULTS, **overrides) if overrides else (base or _DEFAULTS)
