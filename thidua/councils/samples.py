"""A sample context of the "council_minutes" template (a made-up session of an agency's council),
used to check an uploaded replacement template and in the tests."""

from __future__ import annotations

SAMPLE_MINUTES_CONTEXT: dict = {
    "parent_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "issuer": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    "number_line": "01/BB-HĐTĐKT",
    "place_date": "Thái Nguyên, ngày 12 tháng 12 năm 2022",
    "title": "Họp Hội đồng Thi đua – Khen thưởng Sở Khoa học và Công nghệ xét tặng danh hiệu thi đua, hình thức "
             "khen thưởng năm 2022",
    "time_line": "08 giờ 00 phút, ngày 12 tháng 12 năm 2022",
    "place": "Phòng họp Sở Khoa học và Công nghệ",
    "composition": "Tổng số thành viên Hội đồng: 03; có mặt: 03; vắng mặt: 00.",
    "chair": "Nguyễn Văn An, Chủ tịch Hội đồng",
    "secretary": "Lê Thị Chi, Thư ký Hội đồng",
    "present_members": [
        {"name": "Nguyễn Văn An", "position": "Giám đốc Sở", "role": "Chủ tịch Hội đồng", "note": ""},
        {"name": "Trần Minh Bình", "position": "Phó Giám đốc Sở", "role": "Phó Chủ tịch Hội đồng", "note": ""},
        {"name": "Lê Thị Chi", "position": "Chánh Văn phòng Sở", "role": "Thư ký Hội đồng", "note": ""},
    ],
    "absent_members": [],
    "content": ["Xét tặng danh hiệu thi đua, hình thức khen thưởng năm 2022.",
                "Số thành viên dự họp: 03/03 (100%); đủ điều kiện tiến hành họp theo quy định."],
    "candidates": [
        {"no": "1", "name": "Phạm Thu Hà", "unit": "Phòng Quản lý khoa học", "award": "Chiến sĩ thi đua cơ sở năm 2022",
         "yes": "03", "share": "100%", "against": "00", "invalid": "00", "result": "Đạt"},
    ],
    "thresholds": ["Chiến sĩ thi đua cơ sở: Dự họp ≥ 2/3 số thành viên; tán thành ≥ 70% số thành viên tham gia"],
    "conclusion": ["Hội đồng thống nhất đề nghị 01 trường hợp đạt số phiếu tán thành theo quy định, gồm:",
                   "- Phạm Thu Hà, Phòng Quản lý khoa học: Chiến sĩ thi đua cơ sở năm 2022;"],
    "closing": "Phiên họp kết thúc vào hồi 10 giờ 30 phút cùng ngày. Biên bản đã được thông qua trước Hội đồng./.",
    "left_signer": {"title": "THƯ KÝ", "name": "Lê Thị Chi"},
    "right_signer": {"title": "CHỦ TỌA", "name": "Nguyễn Văn An"},
}
