"""A statistics table as a workbook laid out like the official form, and as a Word report in the
Nghị định 30/2020 layout (heading, title, the table, signature) through the documents machinery:
the skeleton comes from `documents.build_templates`, the heading and signature are filled by
`documents.render.render_template` like every other document."""

from __future__ import annotations

import io

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from thidua.core.formatting import place_date_line
from thidua.documents import build_templates as layout
from thidua.documents.render import render_template

from .statistics import Table, form_data

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _header_lines(table: Table, reporter: str) -> list[tuple[str, str]]:
    data = form_data()
    left = [f"Biểu số: {table.code}" if table.code else "Bảng tổng hợp",
            f"Ban hành theo {data['basis']}" if table.code else "",
            f"Ngày nhận báo cáo: {data['due']}" if table.code else ""]
    right = [f"Đơn vị báo cáo: {reporter}", f"Đơn vị nhận báo cáo: {data['receiver']}", ""]
    return list(zip(left, right, strict=True))


def _head_rows(table: Table) -> list[list[str]]:
    """Header rows of the grid (label, code, unit, total, the columns), official-form style."""
    groups = any(c.group for c in table.columns)
    top = ["", "Mã số", "Đơn vị tính", table.total_label] + ["Chia ra"] * len(table.columns)
    rows = [top]
    if groups:
        rows.append(["", "Mã số", "Đơn vị tính", table.total_label] + [c.group for c in table.columns])
    rows.append(["", "Mã số", "Đơn vị tính", table.total_label] + [c.label for c in table.columns])
    rows.append(["A", "B", "C", "1"] + [str(i) for i in range(2, 2 + len(table.columns))])
    return rows


def _body_rows(table: Table) -> list[tuple[list, dict]]:
    out = []
    for row in table.rows:
        values = [] if row.heading else [row.total, *row.values]
        cells = [row.label, row.no, row.unit, *values] + [""] * (len(table.columns) + 1 - len(values))
        out.append((cells, {"bold": row.bold or row.heading, "italic": row.italic}))
    return out


def statistics_workbook(table: Table, *, reporter: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = (table.code.split(".")[0] if table.code else "Tong hop")[:31]
    width = 4 + len(table.columns)
    for i, (left, right) in enumerate(_header_lines(table, reporter), start=1):
        ws.cell(row=i, column=1, value=left).font = Font(bold=i == 1)
        ws.cell(row=i, column=max(4, width - 2), value=right)
    ws.cell(row=5, column=1, value=table.title).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=width)
    ws.cell(row=6, column=1, value=f"{table.province.name} – năm {table.year}").font = Font(italic=True)
    ws.merge_cells(start_row=6, start_column=1, end_row=6, end_column=width)
    ws.cell(row=5, column=1).alignment = CENTER
    ws.cell(row=6, column=1).alignment = CENTER
    if table.unit_label:
        ws.cell(row=7, column=width, value=table.unit_label).font = Font(italic=True)
    first = 8
    head = _head_rows(table)
    for r, values in enumerate(head, start=first):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment, cell.border, cell.font = CENTER, BOX, Font(bold=True)
    last_head = first + len(head) - 2  # the row of numbers is not merged
    for c in range(1, 5):
        ws.merge_cells(start_row=first, start_column=c, end_row=last_head, end_column=c)
    if table.columns:
        ws.merge_cells(start_row=first, start_column=5, end_row=first, end_column=width)
        if len(head) == 4:  # group row: merge runs of one group
            start = 5
            for c in range(6, width + 2):
                if c > width or ws.cell(row=first + 1, column=c).value != ws.cell(row=first + 1, column=start).value:
                    if c - 1 > start:
                        ws.merge_cells(start_row=first + 1, start_column=start, end_row=first + 1, end_column=c - 1)
                    start = c
    r = first + len(head)
    for cells, style in _body_rows(table):
        for c, value in enumerate(cells, start=1):
            cell = ws.cell(row=r, column=c, value=value if value != "" else None)
            cell.border = BOX
            cell.alignment = LEFT if c == 1 else CENTER
            cell.font = Font(bold=style["bold"], italic=style["italic"])
        r += 1
    r += 1
    for note in table.notes:
        ws.cell(row=r, column=1, value=f"Ghi chú: {note}").font = Font(italic=True, size=9)
        r += 1
    r += 1
    ws.cell(row=r, column=1, value="Người lập biểu").font = Font(bold=True)
    ws.cell(row=r, column=max(4, width - 2), value="THỦ TRƯỞNG ĐƠN VỊ").font = Font(bold=True)
    ws.cell(row=r + 1, column=1, value="(Ký, họ tên)").font = Font(italic=True)
    ws.cell(row=r + 1, column=max(4, width - 2), value="(Ký, họ tên, đóng dấu)").font = Font(italic=True)
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 7
    ws.column_dimensions["C"].width = 11
    for c in range(4, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    ws.freeze_panes = ws.cell(row=first + len(head), column=2)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _skeleton(table: Table) -> bytes:
    """The report's template: ND 30 heading and signature (Jinja tags), the title and the table
    as fixed text (numbers are already known)."""
    doc = layout._base_document()
    wide = len(table.columns) > 4
    text_width = layout.TEXT_WIDTH_CM
    if wide:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        text_width = 29.7 - 3.0 - 1.5
    layout._heading(doc, number_block=False)
    center = WD_ALIGN_PARAGRAPH.CENTER
    if table.code:
        layout.add_par(doc, [(f"Biểu số: {table.code}", {"bold": True})], size=12, before=6)
        layout.add_par(doc, f"Ban hành theo {form_data()['basis']}", size=11)
    layout.add_par(doc, [("BÁO CÁO THỐNG KÊ", {"bold": True})], size=14, align=center, before=12)
    layout.add_par(doc, [(table.title, {"bold": True})], size=13, align=center)
    layout.add_par(doc, [(f"Năm {table.year}", {"italic": True})], size=13, align=center, after=6)
    head = _head_rows(table)
    body = _body_rows(table)
    n = 4 + len(table.columns)
    label_cm = 6.0 if not wide else 7.0
    rest = (text_width - label_cm) / (n - 1)
    grid = doc.add_table(rows=len(head) + len(body), cols=n)
    layout._table_props(grid, widths_cm=[label_cm] + [rest] * (n - 1), borders=True, cell_margin_cm=0.05)
    for i, values in enumerate(head + [cells for cells, _ in body]):
        row = grid.rows[i]
        layout._row_props(row, header=i < len(head))
        style = body[i - len(head)][1] if i >= len(head) else {"bold": True, "italic": False}
        for j, value in enumerate(values):
            cell = row.cells[j]
            layout._clear(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            align = WD_ALIGN_PARAGRAPH.LEFT if (j == 0 and i >= len(head)) else center
            layout.add_par(cell, [("" if value is None else str(value),
                                   {"bold": style["bold"], "italic": style["italic"]})], size=10, align=align)
    # Merge the header cells that repeat (labels down, "Chia ra" and groups across).
    for j in range(4):
        grid.cell(0, j).merge(grid.cell(len(head) - 2, j))
    if table.columns:
        grid.cell(0, 4).merge(grid.cell(0, n - 1))
    for note in table.notes:
        layout.add_par(doc, [(f"Ghi chú: {note}", {"italic": True})], size=10, before=4)
    layout._signature(doc, recipients=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def statistics_docx(table: Table, *, parent_body: str, issuer: str, place: str, day=None) -> bytes:
    context = {
        "parent_body": parent_body, "issuer": issuer,
        "place_date": place_date_line(place, day.day if day else None, day.month if day else None,
                                      day.year if day else table.year),
        "signer": {"authority_line": "", "position": "THỦ TRƯỞNG ĐƠN VỊ", "name": ""},
    }
    return render_template(_skeleton(table), context)
