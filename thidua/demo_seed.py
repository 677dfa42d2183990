"""The seed document (shared/seeds/000_2b5d586db099c44e.txt) as data: SKHCN's 2022 registration,
exactly as written, slips included (heading "NĂM 2021", "Phân đầu", the last movement's quote)."""

PREAMBLE = (
    "Hưởng ứng phong trào thi đua năm 2022 do UBND tỉnh phát động; Lãnh đạo đơn vị và Ban chấp hành Công đoàn "
    "cùng toàn thể cán bộ, công chức, viên chức, người lao động Sở Khoa học và Công nghệ (KH&CN) thống nhất "
    "hưởng ứng phong trào và đăng ký giao ước thi đua năm 2022 với các nội dung:"
)
CONTENT_INTRO = (
    "Căn cứ nội dung thi đua do Chủ tịch UBND tỉnh phát động và chức năng, nhiệm vụ của đơn vị được giao; "
    "Lãnh đạo Sở KH&CN và Ban chấp hành Công đoàn Sở cụ thể hóa nội dung thi đua như sau:"
)
PROFESSIONAL_GOAL = (
    "Phân đầu hoàn thành xuất sắc, toàn diện công tác chuyên môn nghiệp vụ được UBND tỉnh giao năm 2022."
)
SOLUTIONS = [
    "Thông qua chương trình tổng kết công tác năm 2021 và triển khai chương trình kế hoạch công tác năm 2022.",
    "Thông qua Hội nghị Cán bộ công chức, viên chức; ký giao ước thi đua của các tập thể, cá nhân năm 2022.",
    "Đề ra mục tiêu cụ thể và biện pháp trong công tác thi đua để góp phần hoàn thành xuất sắc nhiệm vụ năm 2022. "
    "Gắn công tác thi đua với công tác quản lý và sử dụng cán bộ, công chức, viên chức, người lao động, "
    "công tác phát triển Đảng.",
    "Đăng ký đề tài, sáng kiến cải tiến góp phần hoàn thành tốt công tác chuyên môn và xây dựng đơn vị vững mạnh.",
    "Chấp hành, thực hiện nghiêm chủ trương, đường lối, Chỉ thị, Nghị quyết của Đảng; chính sách pháp luật của "
    "Nhà nước, của tỉnh, của ngành; nội quy, quy chế của cơ quan, đơn vị, xây dựng các đoàn thể trong sạch vững mạnh.",
    "Tiếp tục thực hiện chương trình cải cách hành chính và quy chế dân chủ trong hoạt động cơ quan, đơn vị.",
    "Thi đua thực hành tiết kiệm chống lãng phí; phòng, chống tham nhũng.",
    "Thi đua học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Thường xuyên quan tâm xây dựng đơn vị đoàn kết, vững mạnh, không có các biểu hiện bè phái, cục bộ, tiêu cực.",
    "Thực hiện thường xuyên, thiết thực đến công tác chăm lo đời sống, bảo vệ quyền và lợi ích hợp pháp của cán bộ, "
    "công chức, viên chức, người lao động trong đơn vị.",
    "Thi đua tham gia tích cực vào các phong trào ủng hộ, các hoạt động xã hội, từ thiện, nhân đạo do Trung ương, "
    "Bộ, tỉnh và đơn vị phát động.",
]
# (movement name, text as written in the registration)
MOVEMENTS = [
    ("Thái Nguyên chung sức xây dựng nông thôn mới",
     "Phong trào thi đua: “Thái Nguyên chung sức xây dựng nông thôn mới”;"),
    ("Đẩy mạnh chương trình chuyển đổi số", "Phong trào thi đua: “Đẩy mạnh chương trình chuyển đổi số”;"),
    ("Thái Nguyên chung tay vì người nghèo – không để ai bị bỏ lại phía sau",
     "Phong trào thi đua: “Thái Nguyên chung tay vì người nghèo – không để ai bị bỏ lại phía sau”;"),
    ("Đoàn kết, chung sức, đồng lòng cùng cả nước thi đua phòng chống và chiến thắng đại dịch Covid-19",
     "Phong trào thi đua: “Đoàn kết, chung sức, đồng lòng cùng cả nước thi đua phòng chống và chiến thắng "
     "đại dịch Covid-19”;"),
    ("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
     "Phong trào thi đua: “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”;"),
    ("Thực hiện cải cách hành chính", "Phong trào thi đua: Thực hiện cải cách hành chính”."),
]
# code -> (label as written, collective count, collective ratio, individual count, individual ratio)
TARGETS = {
    "LDTT": ("Lao động tiên tiến", None, "", 70, "> 95%"),
    "CSTDCS": ("Chiến sĩ thi đua cơ sở", None, "", 11, "15 %"),
    "CSTD_TINH": ("Chiến sĩ thi đua cấp Bộ, tỉnh", None, "", 3, ""),
    "CSTD_TQ": ("Chiến sĩ thi đua toàn quốc", None, "", 1, ""),
    "TTLDTT": ("Tập thể Lao động tiên tiến", 7, "100%", None, ""),
    "TTLDXS": ("Tập thể Lao động xuất sắc", 2, "30", None, ""),
    "CO_TINH": ("Cờ thi đua của Tỉnh, Bộ", 1, "", None, ""),
    "CO_CP": ("Cờ thi đua của Chính phủ", None, "", None, ""),
    "BK_TINH": ("Bằng khen của Chủ tịch UBND tỉnh", 1, "", 2, ""),
    "BK_BO": ("Bằng khen của Bộ trưởng", 1, "", 4, ""),
    "BK_TTG": ("Bằng khen của Thủ tướng Chính phủ", 1, "", 1, ""),
    "HCLD3": ("Huân chương Lao động hạng ba", None, "", None, ""),
    "HCLD2": ("Huân chương Lao động hạng nhì", None, "", None, ""),
    "HCLD1": ("Huân chương Lao động hạng nhất", None, "", None, ""),
    "HCDL3": ("Huân chương Độc lập hạng ba", None, "", None, ""),
    "HCDL2": ("Huân chương Độc lập hạng nhì", None, "", None, ""),
    "HCDL1": ("Huân chương Độc lập hạng nhất", None, "", None, ""),
}
REGISTRATION = {
    "heading_year": 2021,
    "addressee": "Trưởng Khối Thi đua các cơ quan tham mưu tổng hợp",
    "letter_number": "",
    "letter_symbol": "KHCN-TTR",
    "letter_day": None,
    "letter_month": 2,
    "letter_year": 2022,
    "place": "Thái Nguyên",
    "doc_day": None,
    "doc_month": 2,
    "doc_year": 2022,
    "preamble": PREAMBLE,
    "content_intro": CONTENT_INTRO,
    "professional_goal": PROFESSIONAL_GOAL,
    "signer_authority": "KT.",
    "signer_authority_title": "GIÁM ĐỐC",
    "signer_position": "PHÓ GIÁM ĐỐC",
    "signer_name": "Đinh Bộ Sơn",
}
