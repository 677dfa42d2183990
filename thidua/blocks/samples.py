"""Sample context of the block's consolidation report ("block_registration"): made-up data used to
check an uploaded replacement template and in the tests."""

from __future__ import annotations

SAMPLE_BLOCK_REGISTRATION_CONTEXT: dict = {
    "parent_body": "UBND TỈNH THÁI NGUYÊN",
    "issuer": "KHỐI THI ĐUA CÁC CƠ QUAN THAM MƯU TỔNG HỢP",
    "number_line": "     /BC-KTĐ",
    "place_date": "Thái Nguyên, ngày    tháng    năm 2022",
    "title": "BÁO CÁO",
    "summary": "Tổng hợp đăng ký thi đua năm 2022\ncủa Khối các cơ quan tham mưu tổng hợp",
    "addressee": "Ban Thi đua – Khen thưởng tỉnh Thái Nguyên",
    "year": 2022,
    "paragraphs": ["Thực hiện phong trào thi đua năm 2022 do Ủy ban nhân dân tỉnh phát động, Trưởng Khối tổng hợp "
                   "đăng ký thi đua năm 2022 của 2 đơn vị thành viên như sau:"],
    "totals": [{"no": "1", "label": "Lao động tiên tiến", "collective": "", "individual": "122"},
               {"no": "2", "label": "Tập thể Lao động tiên tiến", "collective": "12", "individual": ""}],
    "member_count": 2,
    "members": [
        {"no": "1", "name": "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", "status": "Đã tiếp nhận",
         "targets": [{"no": "1.1", "label": "Lao động tiên tiến", "collective": "", "individual": "70"},
                     {"no": "1.2", "label": "Tập thể Lao động tiên tiến", "collective": "7", "individual": ""}]},
        {"no": "2", "name": "Sở Tài chính tỉnh Thái Nguyên", "status": "Đã gửi",
         "targets": [{"no": "2.1", "label": "Lao động tiên tiến", "collective": "", "individual": "52"},
                     {"no": "2.2", "label": "Tập thể Lao động tiên tiến", "collective": "5", "individual": ""}]},
    ],
    "closing": ["Trưởng Khối kính báo cáo Ban Thi đua – Khen thưởng tỉnh tổng hợp, theo dõi./."],
    "signer": {"authority_line": "TM. KHỐI THI ĐUA", "position": "TRƯỞNG KHỐI\nGIÁM ĐỐC SỞ TÀI CHÍNH",
               "name": "Nguyễn Văn An"},
    "recipients": ["Như trên", "Các đơn vị thành viên Khối", "Lưu: VT, Khối thi đua"],
}
