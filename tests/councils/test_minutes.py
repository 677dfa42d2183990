"""The minutes (biên bản) read back: heading, number, attendance, the ballot table, the thresholds
with their basis, the conclusion and the two signatures."""

import datetime as dt
import io
import re

import docx

from thidua.councils import services
from thidua.councils.documents import export_minutes, minutes_context
from thidua.councils.models import Presence


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def test_the_minutes_read_back(org, session):
    admin = org.users["admin"]
    rows = list(session.attendance.order_by("-member_id"))
    services.session_set_attendance(actor=admin, session=session, presence={rows[0].member_id: Presence.ABSENT})
    passed = services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[10])
    failed = services.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[11])
    dept = services.session_add_candidate(actor=admin, session=session, code="TTLDTT", unit=org.departments[1])
    services.ballot_record(actor=admin, candidate=passed, yes=7, no=2)   # 7/9 = 77,78%, needs 7 (6.3)
    services.ballot_record(actor=admin, candidate=failed, yes=6, no=3)   # 66,67%
    services.ballot_record(actor=admin, candidate=dept, yes=9, no=0)
    session = services.session_close(actor=admin, session=session, end_time=dt.time(10, 30))

    context = minutes_context(session)
    assert context["parent_body"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    document = docx.Document(io.BytesIO(export_minutes(session).content))
    cells = [norm(c.text) for t in document.tables for r in t.rows for c in r.cells]
    lines = [norm(p.text) for p in document.paragraphs if norm(p.text)]
    assert "Số: 01/BB-HĐTĐKT" in cells and "Thái Nguyên, ngày 12 tháng 12 năm 2022" in cells
    assert "BIÊN BẢN" in lines
    assert "Tổng số thành viên Hội đồng: 10; có mặt: 09; vắng mặt: 01." in lines
    assert f"- {org.staff[0].full_name}, Giám đốc – Chủ tịch Hội đồng;" in lines
    ballot = next(t for t in document.tables if norm(t.rows[0].cells[0].text) == "TT")
    table = [[norm(c.text) for c in r.cells] for r in ballot.rows]
    assert table[0][3:] == ["Phiếu tán thành", "Tỷ lệ tán thành", "Không tán thành", "Không hợp lệ", "Kết quả"]
    assert table[1][0] == "1" and table[1][1].startswith(org.staff[10].full_name)
    assert table[1][3:] == ["07", "77,78%", "02", "00", "Đạt"]
    assert table[2][3:] == ["06", "66,67%", "03", "00", "Không đạt"]
    assert table[3][1] == "Phòng Quản lý khoa học" and table[3][-1] == "Đạt"
    assert any("tán thành ≥ 70% số thành viên tham gia" in line for line in lines)
    assert any(line.startswith("Hội đồng thống nhất đề nghị 02 trường hợp") for line in lines)
    assert any(org.staff[11].full_name in line and "không đạt" in line for line in lines)
    assert any("10 giờ 30 phút" in line for line in lines)
    signed = {norm(p.text) for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs}
    assert {"THƯ KÝ", "CHỦ TỌA", org.staff[2].full_name, org.staff[0].full_name} <= signed
    assert "CHỦ TỊCH HỘI ĐỒNG" not in signed
