"""The consolidated block registration read back: DOCX (python-docx), XLSX (openpyxl), PDF."""

import io
import re
import shutil

import openpyxl
import pytest
from docx import Document

from thidua.blocks import selectors
from thidua.blocks.documents import export_block_docx, export_block_xlsx
from thidua.documents.render import check_template, shipped_template_path


def _cells(table):
    return [[c.text.strip() for c in row.cells] for row in table.rows]


def test_the_docx_reads_back_with_totals_equal_to_the_members_sum(block_year):
    data = selectors.consolidation(block_year)
    doc = Document(io.BytesIO(export_block_docx(data).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "Tổng hợp đăng ký thi đua năm 2022" in text
    assert "Kính gửi: Ban Thi đua – Khen thưởng tỉnh Thái Nguyên" in text
    assert "Trưởng Khối đã tiếp nhận 1/7 bản đăng ký" in text
    heading = _cells(doc.tables[0])
    assert heading[0][0].startswith("UBND TỈNH THÁI NGUYÊN") and "KHỐI THI ĐUA CÁC CƠ QUAN THAM MƯU TỔNG HỢP" in \
        heading[0][0]
    totals = {row[1]: (row[2], row[3]) for row in _cells(doc.tables[1])[1:]}
    assert totals["Lao động tiên tiến"] == ("", str(data.totals["LDTT"]["individual"]))
    assert totals["Tập thể Lao động tiên tiến"] == (str(data.totals["TTLDTT"]["collective"]), "")
    members = _cells(doc.tables[2])[1:]
    heads = [row for row in members if re.fullmatch(r"\d+", row[0])]
    assert [row[1] for row in heads][0] == "Sở Khoa học và Công nghệ tỉnh Thái Nguyên (Dự thảo)"
    assert len(heads) == 7 and "Sở Nội vụ tỉnh Thái Nguyên (Bị trả lại)" in [row[1] for row in heads]
    ldtt = sum(int(row[3]) for row in members if not re.fullmatch(r"\d+", row[0]) and row[1] == "Lao động tiên tiến")
    assert ldtt == data.totals["LDTT"]["individual"]
    assert ["1.1", "Lao động tiên tiến", "", "70"] in members
    sign = _cells(doc.tables[3])[0][1]
    assert "TM. KHỐI THI ĐUA" in sign and "TRƯỞNG KHỐI" in sign and "GIÁM ĐỐC SỞ TÀI CHÍNH" in sign


def test_only_received_counts_in_the_docx_when_asked(block_year):
    data = selectors.consolidation(block_year, statuses=("received",))
    doc = Document(io.BytesIO(export_block_docx(data).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "chỉ tính các bản đăng ký đã được Trưởng Khối tiếp nhận" in text
    members = [r for r in _cells(doc.tables[2])[1:] if re.fullmatch(r"\d+", r[0])]
    assert "Sở Tư pháp tỉnh Thái Nguyên (Đã gửi, không tính)" in [r[1] for r in members]


def test_the_xlsx_has_one_row_per_member_and_a_total_row_that_sums_them(block_year):
    data = selectors.consolidation(block_year)
    content = export_block_xlsx(data).content
    values = openpyxl.load_workbook(io.BytesIO(content), data_only=True)["Tổng hợp"]
    formulas = openpyxl.load_workbook(io.BytesIO(content))["Tổng hợp"]
    header = [c.value for c in values[4]]
    ldtt = header.index("Lao động tiên tiến") + 1 + 1  # the individual column follows the collective one
    rows = list(values.iter_rows(min_row=6, max_row=12, values_only=True))
    assert [r[1] for r in rows][0] == "Sở Khoa học và Công nghệ tỉnh Thái Nguyên" and len(rows) == 7
    assert values.cell(13, ldtt).value == sum(r[ldtt - 1] or 0 for r in rows) == data.totals["LDTT"]["individual"]
    assert formulas.cell(13, ldtt).value.startswith("=SUM(")
    by_code = {r[1]: (r[3], r[4]) for r in openpyxl.load_workbook(io.BytesIO(content))["Theo danh hiệu"].iter_rows(
        min_row=4, values_only=True)}
    assert by_code == {code: (t["collective"], t["individual"]) for code, t in data.totals.items()}


def test_the_shipped_template_passes_the_upload_check():
    check_template("block_registration", shipped_template_path("block_registration").read_bytes())


@pytest.mark.skipif(not shutil.which("soffice") and not shutil.which("libreoffice"), reason="LibreOffice missing")
def test_the_docx_converts_to_a_pdf(block_year):
    from thidua.documents.pdf import docx_to_pdf

    pdf = docx_to_pdf(export_block_docx(selectors.consolidation(block_year)).content)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_the_page_downloads_docx_and_xlsx(as_user, block_year):
    client = as_user("truongkhoi")
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK")):
        response = client.get(f"/khoi/KHOI-TMTH/2022/tong-hop.{fmt}")
        assert response.status_code == 200 and response.content[:2] == magic
        assert f"tong-hop-dang-ky-2022-KHOI-TMTH.{fmt}" in response["Content-Disposition"]
    assert client.get("/khoi/KHOI-TMTH/2022/tong-hop.exe").status_code == 404
