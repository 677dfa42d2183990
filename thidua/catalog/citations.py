"""What each rule cites in its reasons, per rule set (`RuleSet.citations`): the grounds the rules
ask for (`thidua.rules.types.CITATION_GROUNDS`), what each means to an officer, and the check of a
stored value. Pure: no ORM, so the model, the admin and the law page share one reading."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from thidua.rules.types import CITATION_GROUNDS

MAX_LENGTH = 500

LABELS: dict[str, str] = {
    "titles": "Các danh hiệu thi đua (đối tượng được xét tặng)",
    "ldtt": "Tiêu chuẩn Lao động tiên tiến",
    "cstdcs": "Tiêu chuẩn Chiến sĩ thi đua cơ sở",
    "cstd_tinh": "Tiêu chuẩn Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
    "cstd_tq": "Tiêu chuẩn Chiến sĩ thi đua toàn quốc",
    "ttldxs": "Tiêu chuẩn Tập thể lao động xuất sắc",
    "ttldtt": "Tiêu chuẩn Tập thể lao động tiên tiến",
    "co_tinh": "Tiêu chuẩn Cờ thi đua cấp bộ, ngành, tỉnh",
    "co_cp": "Tiêu chuẩn Cờ thi đua của Chính phủ",
    "hcld3": "Huân chương Lao động hạng Ba: căn cứ hệ thống kiểm tra được",
    "hcld3_grounds": "Huân chương Lao động hạng Ba: các căn cứ xét tặng",
    "hcld3_unassessed": "Huân chương Lao động hạng Ba: lời ghi chú về các căn cứ do Hội đồng đánh giá",
    "once": "Nguyên tắc: một thành tích chỉ được khen thưởng một lần",
    "conduct": "Chấp hành tốt pháp luật (không xét người bị kỷ luật trong năm)",
    "title_ladder": "Đăng ký thi đua: người đạt danh hiệu trên phải đạt danh hiệu dưới",
}


def label(ground: str) -> str:
    return LABELS.get(ground, ground)


def clean(value: Any) -> dict[str, str]:
    """A stored value as {ground: citation}; ValueError (Vietnamese) for anything else."""
    if value in (None, ""):
        return {}
    if not isinstance(value, Mapping):
        raise ValueError("Căn cứ của các tiêu chuẩn phải là các cặp «tiêu chuẩn: điều khoản».")
    out: dict[str, str] = {}
    for ground, text in value.items():
        if ground not in CITATION_GROUNDS:
            raise ValueError(f"Không có tiêu chuẩn «{ground}» (có: {', '.join(CITATION_GROUNDS)}).")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"«{label(ground)}»: cần ghi điều khoản được trích dẫn.")
        if len(text) > MAX_LENGTH:
            raise ValueError(f"«{label(ground)}»: không quá {MAX_LENGTH} ký tự.")
        out[ground] = text.strip()
    return out
