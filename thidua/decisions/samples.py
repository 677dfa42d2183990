"""A sample context of the "decision" template (a made-up decision of UBND tỉnh Thái Nguyên), used
to check an uploaded replacement template and in the tests."""

from __future__ import annotations

SAMPLE_DECISION_CONTEXT: dict = {
    "parent_body": "",
    "issuer": "ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN",
    "number_line": "2951/QĐ-UBND",
    "place_date": "Thái Nguyên, ngày 28 tháng 12 năm 2022",
    "title": "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen của Chủ tịch UBND tỉnh năm 2022",
    "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
    "bases": [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;",
        "Theo đề nghị của Giám đốc Sở Nội vụ (Ban Thi đua – Khen thưởng tỉnh).",
    ],
    "articles": [
        {"label": "Điều 1. ", "text": "Tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” năm 2022 cho 01 cá nhân; "
                                      "Bằng khen của Chủ tịch UBND tỉnh năm 2022 cho 01 tập thể và 01 cá nhân "
                                      "(có danh sách kèm theo)."},
        {"label": "Điều 2. ", "text": "Tiền thưởng thực hiện theo Nghị định 91/2017/NĐ-CP, mức lương cơ sở "
                                      "1.490.000 đồng/tháng (Nghị định 38/2019/NĐ-CP). Tổng số tiền thưởng: "
                                      "7.450.000 đồng (Bằng chữ: Bảy triệu bốn trăm năm mươi nghìn đồng), chi từ "
                                      "Quỹ thi đua, khen thưởng của tỉnh."},
        {"label": "Điều 3. ", "text": "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Giám "
                                      "đốc Sở Nội vụ và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi "
                                      "hành Quyết định này./."},
    ],
    "signer": {"authority_line": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Lê Quang Tiến"},
    "recipients": ["Như Điều 3", "Chủ tịch, các PCT UBND tỉnh", "Ban Thi đua – Khen thưởng tỉnh", "Lưu: VT, TĐKT"],
    "has_annex": True,
    "annex_title": "DANH SÁCH",
    "annex_subtitle": "CÁ NHÂN, TẬP THỂ ĐƯỢC TẶNG DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG NĂM 2022",
    "annex_note": "(Kèm theo Quyết định số 2951/QĐ-UBND ngày 28 tháng 12 năm 2022 của Chủ tịch Ủy ban nhân dân "
                  "tỉnh Thái Nguyên)",
    "annex_rows": [
        {"group": True, "no": "I", "name": "Danh hiệu “Chiến sĩ thi đua cấp tỉnh” năm 2022 (01 cá nhân)",
         "position": "", "unit": "", "award": "", "amount": ""},
        {"group": False, "no": "1", "name": "Nguyễn Thị Hoa", "position": "Trưởng phòng",
         "unit": "Phòng Quản lý khoa học, Sở Khoa học và Công nghệ tỉnh Thái Nguyên",
         "award": "Chiến sĩ thi đua cấp tỉnh", "amount": "4.470.000"},
        {"group": True, "no": "II", "name": "Bằng khen của Chủ tịch UBND tỉnh năm 2022 (01 tập thể, 01 cá nhân)",
         "position": "", "unit": "", "award": "", "amount": ""},
        {"group": False, "no": "1", "name": "Thanh tra Sở", "position": "",
         "unit": "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", "award": "Bằng khen của Chủ tịch UBND tỉnh",
         "amount": "1.490.000"},
        {"group": False, "no": "2", "name": "Trần Văn Bình", "position": "Chuyên viên",
         "unit": "Văn phòng Sở, Sở Khoa học và Công nghệ tỉnh Thái Nguyên",
         "award": "Bằng khen của Chủ tịch UBND tỉnh", "amount": "1.490.000"},
    ],
    "total_amount": "7.450.000",
    "total_words": "Bảy triệu bốn trăm năm mươi nghìn đồng",
}
