"""Yearly statistics (Thông tư 02/2023/TT-BNV forms and the general table) computed from the demo's
2022 decisions: on the page, in Excel (opened and read back) and in Word (read back)."""

from __future__ import annotations

import io

import docx
import pytest
from openpyxl import load_workbook

from thidua.decisions.models import DecisionLine, DecisionStatus
from thidua.organizations.models import Province
from thidua.reports.statistics import award_form, general_table, movement_form, position_of
from thidua.reports.statistics_export import statistics_docx, statistics_workbook


@pytest.fixture
def province(users):
    return Province.objects.get(code="TN")


def _in_force(**filters) -> int:
    return DecisionLine.objects.filter(decision__status=DecisionStatus.ISSUED, revoked_by__isnull=True, year=2022,
                                       decision__issuer__province__code="TN", **filters).count()


@pytest.mark.parametrize(("title", "group"), [
    ("Giám đốc", "leader_department"), ("Phó Giám đốc", "leader_department"),
    ("Trưởng phòng", "leader_other"), ("Phó Chánh Thanh tra", "leader_other"),
    # A department's chief inspector (Thanh tra Sở) leads a department; the province's leads a sở-level agency.
    ("Chánh Thanh tra", "leader_other"), ("Chánh Thanh tra tỉnh", "leader_department"),
    ("Chánh Văn phòng UBND tỉnh", "leader_department"), ("Chánh Văn phòng", "leader_other"),
    ("Phó Chủ tịch UBND tỉnh", "leader_province"), ("Giám đốc Công ty TNHH An Phát", "entrepreneur"),
    ("Chuyên viên", "worker"), ("", "worker"),
])
def test_position_groups_come_from_the_configured_words(title, group):
    assert position_of(title) == group


def test_form_0603_agrees_with_the_decisions(province):
    table = award_form("0603", province, 2022)
    bk, cstd, flag = (_in_force(code=c) for c in ("BK_TINH", "CSTD_TINH", "CO_TINH"))
    assert bk and cstd  # the demo's province decision gives both
    assert table.cell("01") == bk + cstd + flag
    assert [table.cell("01", i) for i in range(3)] == [bk, cstd, flag]
    assert table.cell("02", 0) == _in_force(code="BK_TINH", unit__isnull=False)
    assert table.cell("05") == _in_force(code__in=["BK_TINH", "CSTD_TINH", "CO_TINH"], staff__isnull=False)
    individuals = sum(table.cell(no) for no in ("06", "07", "08", "09", "10"))
    assert individuals == table.cell("05")  # every person in exactly one position group
    assert table.cell("11") == table.cell("01")  # yearly decisions are "thường xuyên"


def test_general_table_counts_every_line_once_by_subject_gender_and_position(province):
    table = general_table(province, 2022)
    assert table.cell("01") == _in_force()
    assert table.cell("02") + table.cell("03") == table.cell("01")
    assert table.cell("04") + table.cell("05") == table.cell("03")
    assert sum(table.cell(f"{n:02d}") for n in range(6, 11)) == table.cell("03")
    assert table.cell("05") == _in_force(staff__gender="nu")


def test_form_0601_counts_the_movements(province):
    table = movement_form(province, 2022)
    assert table.cell("01") == table.cell("03") + table.cell("05") >= 1
    assert sum(table.cell(f"{n:02d}") for n in range(6, 11)) == table.cell("01")
    assert table.cell("11") + table.cell("12") == table.cell("01")


def _sheet_numbers(content: bytes) -> dict[str, list]:
    ws = load_workbook(io.BytesIO(content)).active
    rows = {}
    for row in ws.iter_rows(values_only=True):
        if row[1] and str(row[1]).isdigit() and len(str(row[1])) == 2:
            rows[row[1]] = list(row[3:])
    return rows


def test_the_excel_file_opens_and_agrees_with_the_decisions(province):
    table = award_form("0603", province, 2022)
    content = statistics_workbook(table, reporter="Ban Thi đua - Khen thưởng tỉnh Thái Nguyên")
    ws = load_workbook(io.BytesIO(content)).active
    assert ws["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    numbers = _sheet_numbers(content)
    assert numbers["01"][:4] == [table.cell("01"), _in_force(code="BK_TINH"), _in_force(code="CSTD_TINH"),
                                 _in_force(code="CO_TINH")]
    assert numbers["05"][0] == table.cell("05")


def test_the_word_report_reads_back(province):
    table = general_table(province, 2022)
    content = statistics_docx(table, parent_body="UBND TỈNH THÁI NGUYÊN", issuer="Ban Thi đua - Khen thưởng",
                              place="Thái Nguyên")
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO THỐNG KÊ" in text and "Năm 2022" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "UBND TỈNH THÁI NGUYÊN" in "\n".join(cells)  # the ND 30 heading, filled by the renderer
    grid = next(t for t in document.tables if len(t.rows) > len(table.rows))
    total_row = next(row for row in grid.rows if row.cells[1].text == "01")
    assert total_row.cells[3].text == str(_in_force())


def test_the_page_in_scope_and_out(client, users):
    client.force_login(users["bantdkt"])
    page = client.get("/bao-cao/thong-ke/?nam=2022&bieu=0603")
    assert page.status_code == 200 and "0603.N/BNV-TĐKT" in page.content.decode()
    xlsx = client.get("/bao-cao/thong-ke/?nam=2022&bieu=tong-hop&xuat=xlsx")
    assert xlsx.status_code == 200 and _sheet_numbers(xlsx.content)["01"][0] == _in_force()
    word = client.get("/bao-cao/thong-ke/?nam=2022&bieu=0601&xuat=docx")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert client.get("/bao-cao/thong-ke/?nam=abc&bieu=khong-co").status_code == 200  # bad input, no 500
    client.force_login(users["skhcn"])
    assert client.get("/bao-cao/thong-ke/?nam=2022").status_code == 403
    client.force_login(users["admin"])
    assert client.get("/bao-cao/thong-ke/?tinh=TN&nam=2022").status_code == 200
    assert client.get("/bao-cao/thong-ke/?tinh=XX&nam=2022").status_code == 404
    client.logout()
    assert client.get("/bao-cao/thong-ke/").status_code == 302
