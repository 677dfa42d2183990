"""Sample contexts for the document templates.

``SEED_REGISTRATION_CONTEXT`` is the real 2022 registration of Sở Khoa học và Công nghệ Thái Nguyên,
word for word (its slips included: "NĂM 2021" in the title, "Phân đầu", the closing quote of the
last movement, ratios written loosely). It is the reference for the tests and the context used to
check an uploaded replacement template.
"""

from __future__ import annotations

SIGNER_DEPUTY = {"authority_line": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Đinh Bộ Sơn"}


def _row(no, label, note="", cc="", cr="", ic="", ir=""):
    return {
        "no": no,
        "label": label,
        "note": note,
        "collective_count": cc,
        "collective_ratio": cr,
        "individual_count": ic,
        "individual_ratio": ir,
    }


_DEPTS = "phòng, ban trực thuộc đơn vị"
_UNIT = "tập thể đơn vị"

SEED_REGISTRATION_CONTEXT: dict = {
    "parent_body": "UBND TỈNH THÁI NGUYÊN",
    "issuer": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "place_date": "Thái Nguyên, ngày    tháng 02 năm 2022",
    "year": 2022,
    "heading_year": 2021,
    "letter_number": "",
    "letter_symbol": "KHCN-TTR",
    "letter_date": "/02/2022",
    "addressee": "Trưởng Khối Thi đua các cơ quan tham mưu tổng hợp",
    "preamble": (
        "Hưởng ứng phong trào thi đua năm 2022 do UBND tỉnh phát động; Lãnh đạo đơn vị và Ban chấp "
        "hành Công đoàn cùng toàn thể cán bộ, công chức, viên chức, người lao động Sở Khoa học và "
        "Công nghệ (KH&CN) thống nhất hưởng ứng phong trào và đăng ký giao ước thi đua năm 2022 với "
        "các nội dung:"
    ),
    "content_intro": (
        "Căn cứ nội dung thi đua do Chủ tịch UBND tỉnh phát động và chức năng, nhiệm vụ của đơn vị "
        "được giao; Lãnh đạo Sở KH&CN và Ban chấp hành Công đoàn Sở cụ thể hóa nội dung thi đua "
        "như sau:"
    ),
    "professional_goal": (
        "Phân đầu hoàn thành xuất sắc, toàn diện công tác chuyên môn nghiệp vụ được UBND tỉnh giao năm 2022."
    ),
    "solutions": [
        "Thông qua chương trình tổng kết công tác năm 2021 và triển khai chương trình kế hoạch công tác năm 2022.",
        "Thông qua Hội nghị Cán bộ công chức, viên chức; ký giao ước thi đua của các tập thể, cá nhân năm 2022.",
        "Đề ra mục tiêu cụ thể và biện pháp trong công tác thi đua để góp phần hoàn thành xuất sắc "
        "nhiệm vụ năm 2022. Gắn công tác thi đua với công tác quản lý và sử dụng cán bộ, công "
        "chức, viên chức, người lao động, công tác phát triển Đảng.",
        "Đăng ký đề tài, sáng kiến cải tiến góp phần hoàn thành tốt công tác chuyên môn và xây dựng đơn vị vững mạnh.",
        "Chấp hành, thực hiện nghiêm chủ trương, đường lối, Chỉ thị, Nghị quyết của Đảng; chính "
        "sách pháp luật của Nhà nước, của tỉnh, của ngành; nội quy, quy chế của cơ quan, đơn vị, "
        "xây dựng các đoàn thể trong sạch vững mạnh.",
        "Tiếp tục thực hiện chương trình cải cách hành chính và quy chế dân chủ trong hoạt động cơ quan, đơn vị.",
        "Thi đua thực hành tiết kiệm chống lãng phí; phòng, chống tham nhũng.",
        "Thi đua học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Thường xuyên quan tâm xây dựng đơn vị đoàn kết, vững mạnh, không có các biểu hiện bè phái, cục bộ, tiêu cực.",
        "Thực hiện thường xuyên, thiết thực đến công tác chăm lo đời sống, bảo vệ quyền và lợi ích "
        "hợp pháp của cán bộ, công chức, viên chức, người lao động trong đơn vị.",
        "Thi đua tham gia tích cực vào các phong trào ủng hộ, các hoạt động xã hội, từ thiện, nhân "
        "đạo do Trung ương, Bộ, tỉnh và đơn vị phát động.",
    ],
    "movements": [
        "Phong trào thi đua: “Thái Nguyên chung sức xây dựng nông thôn mới”;",
        "Phong trào thi đua: “Đẩy mạnh chương trình chuyển đổi số”;",
        "Phong trào thi đua: “Thái Nguyên chung tay vì người nghèo – không để ai bị bỏ lại phía sau”;",
        "Phong trào thi đua: “Đoàn kết, chung sức, đồng lòng cùng cả nước thi đua phòng chống và "
        "chiến thắng đại dịch Covid-19”;",
        "Phong trào thi đua: “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”;",
        "Phong trào thi đua: Thực hiện cải cách hành chính”.",
    ],
    "targets": [
        _row("1", "Lao động tiên tiến", ic="70", ir="> 95%"),
        _row("2", "Chiến sĩ thi đua cơ sở", ic="11", ir="15 %"),
        _row("3", "Chiến sĩ thi đua cấp Bộ, tỉnh", ic="03"),
        _row("4", "Chiến sĩ thi đua toàn quốc", ic="01"),
        _row("5", "Tập thể Lao động tiên tiến", _DEPTS, cc="07", cr="100%"),
        _row("6", "Tập thể Lao động xuất sắc", _DEPTS, cc="02", cr="30"),
        _row("7", "Cờ thi đua của Tỉnh, Bộ", _UNIT, cc="01"),
        _row("8", "Cờ thi đua của Chính phủ", _UNIT),
        _row("9", "Bằng khen của Chủ tịch UBND tỉnh", cc="01", ic="02"),
        _row("10", "Bằng khen của Bộ trưởng", cc="01", ic="04"),
        _row("11", "Bằng khen của Thủ tướng Chính phủ", cc="01", ic="01"),
        _row("12", "Huân chương Lao động hạng ba"),
        _row("13", "Huân chương Lao động hạng nhì"),
        _row("14", "Huân chương Lao động hạng nhất"),
        _row("15", "Huân chương Độc lập hạng ba"),
        _row("16", "Huân chương Độc lập hạng nhì"),
        _row("17", "Huân chương Độc lập hạng nhất"),
    ],
    "table_continues": True,
    "signer": dict(SIGNER_DEPUTY),
}

SAMPLE_COVER_LETTER_CONTEXT: dict = {
    "parent_body": "UBND TỈNH THÁI NGUYÊN",
    "issuer": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "number_line": "     /KHCN-TTR",
    "summary": "đăng ký thi đua năm 2022",
    "place_date": "Thái Nguyên, ngày    tháng 02 năm 2022",
    "addressee": "Trưởng Khối Thi đua các cơ quan tham mưu tổng hợp",
    "paragraphs": [
        "Thực hiện Kế hoạch phát động phong trào thi đua năm 2022 của UBND tỉnh Thái Nguyên và "
        "hướng dẫn của Khối Thi đua các cơ quan tham mưu tổng hợp về việc đăng ký thi đua, ký giao "
        "ước thi đua năm 2022;",
        "Sở Khoa học và Công nghệ (KH&CN) gửi Bản đăng ký thi đua năm 2022 của đơn vị (có bản đăng ký kèm theo).",
        "Sở KH&CN trân trọng đề nghị Trưởng Khối tổng hợp./.",
    ],
    "signer": dict(SIGNER_DEPUTY),
    # Each entry is printed as "- entry;", the last one (the archive line) as "- entry.".
    "recipients": ["Như trên", "Ban Thi đua - Khen thưởng tỉnh (b/c)", "Lãnh đạo Sở", "Lưu: VT, TTR"],
}


# The sample context of each kind, what an uploaded replacement template is checked with
# (render.check_template). The app that writes a kind registers its sample from its
# AppConfig.ready(): this module imports nothing, so an apps.py may import it before the models
# are loaded, and `documents` imports no app.
_SAMPLES: dict[str, dict] = {"registration": SEED_REGISTRATION_CONTEXT, "cover_letter": SAMPLE_COVER_LETTER_CONTEXT}


def register_samples(samples: dict[str, dict]) -> None:
    """Record the sample context of each kind in ``samples`` (an app's documents)."""
    _SAMPLES.update(samples)


def sample_contexts() -> dict[str, dict]:
    """A sample context per kind."""
    return dict(_SAMPLES)
