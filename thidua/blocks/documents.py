"""The block's consolidated registration as official documents: DOCX (ND 30/2020 layout, template
kind ``block_registration`` of thidua.documents) and XLSX (xlsxwriter; formulas with their values,
so the totals recalculate in Excel and read back in any reader)."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone

from thidua.core.formatting import place_date_line
from thidua.documents import pdf, render
from thidua.emulation.documents import DOCX_TYPE, PDF_TYPE, ExportedFile
from thidua.emulation.models import Status
from thidua.organizations.models import BlockYear, Staff

from .selectors import NO_REGISTRATION, Consolidation

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _count(value: int) -> str:
    return str(value) if value else ""


def _block_rest(block_year: BlockYear) -> str:
    """'các cơ quan tham mưu tổng hợp' out of 'Khối các cơ quan tham mưu tổng hợp'."""
    name = block_year.block.name
    return name.split(" ", 1)[1] if name.lower().startswith(("khối ", "cụm ")) else name


def _word(block_year: BlockYear) -> str:
    return "Cụm" if block_year.block.kind == "cum" else "Khối"


def head_signer(block_year: BlockYear) -> dict:
    """TM. KHỐI THI ĐUA / TRƯỞNG KHỐI / GIÁM ĐỐC <head agency>, signed by the head agency's director."""
    head = block_year.head
    director = None
    if head is not None:
        director = Staff.objects.filter(agency=head, position__iexact="Giám đốc").order_by("pk").first()
    word = _word(block_year).upper()
    head_name = (head.document_name or head.name).upper() if head else ""
    return {
        "authority_line": f"TM. {word} THI ĐUA",
        "position": f"TRƯỞNG {word}\nGIÁM ĐỐC {head_name}" if head_name.startswith("SỞ") else f"TRƯỞNG {word}",
        "name": director.full_name if director else "",
    }


def block_registration_context(data: Consolidation, *, day: dt.date | None = None) -> dict:
    block_year = data.block_year
    province = block_year.block.province
    word = _word(block_year)
    day = day or timezone.localdate()
    dated = day.year == block_year.year  # made during the block's year: dated today; otherwise left to fill in
    counts = data.status_counts()
    n = len(data.members)
    labels = {a.code: a.name for a in data.codes}
    until = f"Đến ngày {day:%d/%m/%Y}" if dated else "Đến nay"
    state = (f"{until}, Trưởng {word} đã tiếp nhận {counts.get(Status.RECEIVED, 0)}/{n} bản đăng ký; "
             f"{counts.get(Status.SUBMITTED, 0)} bản đã gửi đang chờ tiếp nhận; {counts.get(Status.RETURNED, 0)} bản "
             f"trả lại để đơn vị hoàn thiện; {counts.get(Status.DRAFT, 0)} bản đơn vị đang soạn"
             + (f"; {counts[NO_REGISTRATION]} đơn vị chưa đăng ký" if counts.get(NO_REGISTRATION) else "") + ".")
    if data.statuses is None:
        scope = "Số liệu dưới đây tính trên toàn bộ bản đăng ký của các đơn vị, trạng thái ghi bên cạnh tên đơn vị."
    else:
        scope = "Số liệu dưới đây chỉ tính các bản đăng ký đã được Trưởng " + word + " tiếp nhận."
    counted = {m.unit.pk for m in data.counted}
    members = []
    for i, m in enumerate(data.members, 1):
        rows = [(code, c) for code, c in m.targets.items()] if m.unit.pk in counted else []
        members.append({
            "no": str(i), "name": m.unit.name, "status": m.status_label if m.unit.pk in counted or
            m.status == NO_REGISTRATION else f"{m.status_label}, không tính",
            "targets": [{"no": f"{i}.{j}", "label": labels.get(code, code), "collective": _count(c["collective"]),
                         "individual": _count(c["individual"])} for j, (code, c) in enumerate(rows, 1)],
        })
    return {
        "parent_body": province.parent_body.upper(),
        "issuer": f"{word.upper()} THI ĐUA {_block_rest(block_year).upper()}",
        "number_line": "     /BC-KTĐ",
        "place_date": place_date_line(province.place_name, day.day if dated else None, day.month if dated else None,
                                      block_year.year),
        "title": "BÁO CÁO",
        "summary": f"Tổng hợp đăng ký thi đua năm {block_year.year}\ncủa {block_year.block.name}",
        "addressee": f"Ban Thi đua – Khen thưởng tỉnh {province.name}",
        "year": block_year.year,
        "paragraphs": [
            f"Thực hiện phong trào thi đua năm {block_year.year} do Ủy ban nhân dân tỉnh phát động, Trưởng {word} "
            f"báo cáo kết quả đăng ký thi đua năm {block_year.year} của {n} đơn vị thành viên trong {word} như sau:",
            state,
            scope,
        ],
        "totals": [{"no": str(i), "label": labels.get(code, code), "collective": _count(c["collective"]),
                    "individual": _count(c["individual"])} for i, (code, c) in enumerate(data.totals.items(), 1)],
        "member_count": n,
        "members": members,
        "closing": [f"Trưởng {word} kính báo cáo Ban Thi đua – Khen thưởng tỉnh tổng hợp, theo dõi./."],
        "signer": head_signer(block_year),
        "recipients": ["Như trên", f"Các đơn vị thành viên {word}", f"Lưu: VT, {word} thi đua"],
    }


def _stem(block_year: BlockYear) -> str:
    return f"tong-hop-dang-ky-{block_year.year}-{block_year.block.code}"


def export_block_docx(data: Consolidation, *, fmt: str = "docx") -> ExportedFile:
    content = render.render_document("block_registration", block_registration_context(data))
    if fmt == "pdf":
        return ExportedFile(pdf.docx_to_pdf(content), f"{_stem(data.block_year)}.pdf", PDF_TYPE)
    return ExportedFile(content, f"{_stem(data.block_year)}.docx", DOCX_TYPE)


def export_block_xlsx(data: Consolidation) -> ExportedFile:
    """Sheet "Tổng hợp": one row per member, two columns (tập thể, cá nhân) per title or form, a
    total row (SUM formulas with their values). Sheet "Theo danh hiệu": the block's totals."""
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    block_year = data.block_year
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    wb.set_properties({"title": f"Tổng hợp đăng ký thi đua năm {block_year.year} – {block_year.block.name}",
                       "author": "thidua"})
    title = wb.add_format({"bold": True, "font_size": 14, "font_name": "Times New Roman"})
    base = {"font_name": "Times New Roman", "font_size": 12, "border": 1, "valign": "vcenter"}
    head = wb.add_format({**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#EEF1F5"})
    text = wb.add_format({**base, "text_wrap": True})
    num = wb.add_format({**base, "align": "center"})
    bold_num = wb.add_format({**base, "align": "center", "bold": True})
    bold_text = wb.add_format({**base, "bold": True})
    counted = {m.unit.pk for m in data.counted}

    ws = wb.add_worksheet("Tổng hợp")
    ws.write(0, 0, f"TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {block_year.year} – {block_year.block.name.upper()}", title)
    ws.write(1, 0, "Trạng thái: trạng thái bản đăng ký của đơn vị; số liệu chỉ tính các dòng có cột “Tính vào "
                   "tổng” là “Có”.")
    top = 3
    ws.merge_range(top, 0, top + 1, 0, "TT", head)
    ws.merge_range(top, 1, top + 1, 1, "Đơn vị", head)
    ws.merge_range(top, 2, top + 1, 2, "Trạng thái", head)
    ws.merge_range(top, 3, top + 1, 3, "Tính vào tổng", head)
    for j, award in enumerate(data.codes):
        col = 4 + 2 * j
        ws.merge_range(top, col, top, col + 1, award.name, head)
        ws.write(top + 1, col, "Tập thể", head)
        ws.write(top + 1, col + 1, "Cá nhân", head)
    ws.set_row(top, 48)
    first = top + 2
    for i, m in enumerate(data.members):
        r = first + i
        ws.write_number(r, 0, i + 1, num)
        ws.write(r, 1, m.unit.name, text)
        ws.write(r, 2, m.status_label, text)
        ws.write(r, 3, "Có" if m.unit.pk in counted else "Không", num)
        for j, award in enumerate(data.codes):
            counts = m.targets.get(award.code) if m.unit.pk in counted else None
            for k, key in enumerate(("collective", "individual")):
                value = counts[key] if counts else None
                if value:
                    ws.write_number(r, 4 + 2 * j + k, value, num)
                else:
                    ws.write_blank(r, 4 + 2 * j + k, None, num)
    total_row = first + len(data.members)
    ws.merge_range(total_row, 0, total_row, 3, f"Tổng cộng {block_year.block.name}", bold_text)
    for j, award in enumerate(data.codes):
        for k, key in enumerate(("collective", "individual")):
            col = 4 + 2 * j + k
            if data.members:
                cells = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(total_row - 1, col)}"
                ws.write_formula(total_row, col, f"=SUM({cells})", bold_num,
                                 data.totals.get(award.code, {}).get(key, 0))
            else:
                ws.write_number(total_row, col, 0, bold_num)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 42)
    ws.set_column(2, 3, 14)
    ws.set_column(4, 3 + 2 * len(data.codes), 10)
    ws.freeze_panes(first, 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top, top + 1)

    ws2 = wb.add_worksheet("Theo danh hiệu")
    ws2.write(0, 0, f"Chỉ tiêu đăng ký của {block_year.block.name} năm {block_year.year}", title)
    for c, label in enumerate(("TT", "Mã", "Danh hiệu thi đua, hình thức khen thưởng", "Tập thể", "Cá nhân")):
        ws2.write(2, c, label, head)
    for i, award in enumerate(data.codes):
        totals = data.totals.get(award.code, {"collective": 0, "individual": 0})
        ws2.write_number(3 + i, 0, i + 1, num)
        ws2.write(3 + i, 1, award.code, text)
        ws2.write(3 + i, 2, award.name, text)
        ws2.write_number(3 + i, 3, totals["collective"], num)
        ws2.write_number(3 + i, 4, totals["individual"], num)
    ws2.set_column(0, 0, 5)
    ws2.set_column(1, 1, 12)
    ws2.set_column(2, 2, 48)
    ws2.set_column(3, 4, 10)
    wb.close()
    return ExportedFile(out.getvalue(), f"{_stem(block_year)}.xlsx", XLSX_TYPE)
