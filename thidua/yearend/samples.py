"""Sample contexts of the dossier's templates ("proposal_letter", "achievement_report"): made-up
data used to check an uploaded replacement template and in the tests."""

from __future__ import annotations

SAMPLE_PROPOSAL_LETTER_CONTEXT: dict = {
    "parent_body": "UBND TỈNH THÁI NGUYÊN",
    "issuer": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "number_line": "15/TTr-KHCN",
    "place_date": "Thái Nguyên, ngày 05 tháng 01 năm 2023",
    "title": "Về việc đề nghị xét tặng danh hiệu thi đua, hình thức khen thưởng năm 2022",
    "addressee": "Hội đồng Thi đua – Khen thưởng tỉnh Thái Nguyên",
    "paragraphs": [
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003 và các Luật sửa đổi, bổ sung;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ;",
        "Căn cứ kết quả bình xét của Hội đồng Thi đua – Khen thưởng Sở Khoa học và Công nghệ năm 2022,",
    ],
    "list_intro": "Sở Khoa học và Công nghệ kính đề nghị xét tặng danh hiệu thi đua, hình thức khen thưởng năm 2022 "
                  "cho 01 tập thể và 02 cá nhân, cụ thể:",
    "rows": [
        {"group": True, "no": "I", "name": "Chiến sĩ thi đua cấp tỉnh (01 cá nhân)", "unit": "", "award": ""},
        {"group": False, "no": "1", "name": "Nguyễn Thị Hoa", "unit": "Trưởng phòng, Phòng Quản lý khoa học",
         "award": "Chiến sĩ thi đua cấp tỉnh"},
        {"group": True, "no": "II", "name": "Bằng khen của Chủ tịch UBND tỉnh (01 tập thể, 01 cá nhân)",
         "unit": "", "award": ""},
        {"group": False, "no": "1", "name": "Thanh tra Sở", "unit": "Sở Khoa học và Công nghệ",
         "award": "Bằng khen của Chủ tịch UBND tỉnh"},
        {"group": False, "no": "2", "name": "Trần Văn Bình", "unit": "Chuyên viên, Văn phòng Sở",
         "award": "Bằng khen của Chủ tịch UBND tỉnh"},
    ],
    "closing": ["(Có hồ sơ, báo cáo thành tích và biên bản họp Hội đồng kèm theo.)",
                "Kính đề nghị Hội đồng Thi đua – Khen thưởng tỉnh xem xét, trình Chủ tịch UBND tỉnh quyết định./."],
    "signer": {"authority_line": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Đinh Bộ Sơn"},
    "recipients": ["Như trên", "Lãnh đạo Sở", "Lưu: VT, VP"],
}

SAMPLE_ACHIEVEMENT_REPORT_CONTEXT: dict = {
    "place_date": "Thái Nguyên, ngày 20 tháng 12 năm 2022",
    "title": "ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CẤP TỈNH NĂM 2022",
    "profile_heading": "SƠ LƯỢC LÝ LỊCH",
    "profile": ["Họ và tên: Nguyễn Thị Hoa; giới tính: Nữ", "Năm sinh: 1980",
                "Đơn vị công tác: Phòng Quản lý khoa học, Sở Khoa học và Công nghệ tỉnh Thái Nguyên",
                "Chức vụ: Trưởng phòng"],
    "duties": "Tham mưu quản lý các nhiệm vụ khoa học và công nghệ cấp tỉnh.",
    "achievements": ["Năm 2022: hoàn thành xuất sắc nhiệm vụ",
                     "Sáng kiến “Số hóa kho dữ liệu thông tin khoa học và công nghệ” (cấp tỉnh), công nhận 15/11/2022"],
    "history": [{"year": "2021", "award": "Chiến sĩ thi đua cơ sở",
                 "decision": "33/QĐ-KHCN ngày 20/01/2022 – Giám đốc Sở Khoa học và Công nghệ"}],
    "left_signer": {"title": "Xác nhận, đề nghị của thủ trưởng đơn vị", "name": "Đinh Bộ Sơn"},
    "right_signer": {"title": "Người báo cáo thành tích", "name": "Nguyễn Thị Hoa"},
}


def dossier_samples() -> dict[str, dict]:
    return {"proposal_letter": SAMPLE_PROPOSAL_LETTER_CONTEXT, "achievement_report": SAMPLE_ACHIEVEMENT_REPORT_CONTEXT}
