"""Targets against results as an Excel workbook (xlsxwriter): one sheet per table."""

from __future__ import annotations

import io

import xlsxwriter

from .selectors import GroupTargets, Row, UnitTargets

HEAD = ["TT", "Mã", "Danh hiệu thi đua, hình thức khen thưởng", "Tập thể – đăng ký", "Tập thể – đạt",
        "Tập thể – chênh lệch", "Cá nhân – đăng ký", "Cá nhân – đạt", "Cá nhân – chênh lệch"]
WIDTHS = [5, 11, 46, 12, 12, 12, 12, 12, 12]


def _sheet(book, formats, name: str, title: str, rows: list[Row]) -> None:
    sheet = book.add_worksheet(name[:31])
    sheet.merge_range(0, 0, 0, len(HEAD) - 1, title, formats["title"])
    for col, (text, width) in enumerate(zip(HEAD, WIDTHS, strict=True)):
        sheet.write(2, col, text, formats["head"])
        sheet.set_column(col, col, width)
    sheet.set_row(2, 32)
    for i, row in enumerate(rows, 1):
        r = 2 + i
        values = [i, row.code, row.name, row.collective.registered, row.collective.achieved, row.collective.gap,
                  row.individual.registered, row.individual.achieved, row.individual.gap]
        for col, value in enumerate(values):
            if value is None:
                sheet.write_blank(r, col, None, formats["cell"])
            else:
                sheet.write(r, col, value, formats["text" if col in (1, 2) else "cell"])
    sheet.freeze_panes(3, 3)


def _formats(book) -> dict:
    return {
        "title": book.add_format({"bold": True, "font_size": 13, "align": "center", "font_name": "Times New Roman"}),
        "head": book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter",
                                 "bg_color": "#EEF1F5", "font_name": "Times New Roman"}),
        "cell": book.add_format({"border": 1, "align": "center", "font_name": "Times New Roman"}),
        "text": book.add_format({"border": 1, "text_wrap": True, "font_name": "Times New Roman"}),
    }


def unit_workbook(table: UnitTargets) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    _sheet(book, _formats(book), table.unit.code,
           f"CHỈ TIÊU ĐĂNG KÝ VÀ KẾT QUẢ NĂM {table.year} – {table.unit.name.upper()}", table.rows)
    book.close()
    return out.getvalue()


def group_workbook(group: GroupTargets) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    formats = _formats(book)
    _sheet(book, formats, "Tổng hợp", f"CHỈ TIÊU ĐĂNG KÝ VÀ KẾT QUẢ NĂM {group.year} – {group.title.upper()}",
           group.totals)
    for member in group.members:
        _sheet(book, formats, member.unit.code, f"{member.unit.name.upper()} – NĂM {group.year}", member.rows)
    book.close()
    return out.getvalue()
