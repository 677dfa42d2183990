"""The whole province's targets report as a PDF (reportlab, the serif fonts with Vietnamese glyphs
that certificates use): the totals, then each agency's table. Made by a background job
(`thidua.jobs`), which passes `on_progress` to show how far along it is."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from thidua.decisions.certificates import vietnamese_fonts

from .selectors import GroupTargets, Row

HEAD = ["TT", "Danh hiệu thi đua, hình thức khen thưởng", "Tập thể\nđăng ký", "Tập thể\nđạt", "Tập thể\nchênh lệch",
        "Cá nhân\nđăng ký", "Cá nhân\nđạt", "Cá nhân\nchênh lệch"]
WIDTHS = [12 * mm, 105 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm]


def _number(value: int | None, *, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"+{value}" if signed and value > 0 else str(value)


def _table(rows: list[Row], fonts: dict[str, str], cell: ParagraphStyle) -> Table:
    data: list[list] = [HEAD]
    for i, row in enumerate(rows, 1):
        data.append([str(i), Paragraph(row.name, cell),
                     _number(row.collective.registered), str(row.collective.achieved),
                     _number(row.collective.gap, signed=True), _number(row.individual.registered),
                     str(row.individual.achieved), _number(row.individual.gap, signed=True)])
    if not rows:
        data.append(["", Paragraph("Không có chỉ tiêu đăng ký hay kết quả khen thưởng nào.", cell), *[""] * 6])
    table = Table(data, colWidths=WIDTHS, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts["regular"], 10),
        ("FONT", (0, 0), (-1, 0), fonts["bold"], 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF1F5")),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("ALIGN", (1, 1), (1, -1), "LEFT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def group_pdf(group: GroupTargets, on_progress: Callable[[int, int], None] | None = None) -> bytes:
    """The report of `group` (a province or a block) as PDF bytes, A4 landscape. `on_progress(done,
    total)` is called after each agency's table is laid out."""
    fonts = vietnamese_fonts()
    title = ParagraphStyle("title", fontName=fonts["bold"], fontSize=14, leading=18, alignment=1)
    heading = ParagraphStyle("heading", fontName=fonts["bold"], fontSize=12, leading=16, spaceBefore=8,
                             spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=fonts["regular"], fontSize=10, leading=12)
    note = ParagraphStyle("note", fontName=fonts["italic"], fontSize=10, leading=12, alignment=1)
    story: list = [
        Paragraph(f"CHỈ TIÊU ĐĂNG KÝ VÀ KẾT QUẢ KHEN THƯỞNG NĂM {group.year}", title),
        Paragraph(group.title, title),
        Paragraph(f"{len(group.members)} đơn vị. Tổng của các đơn vị; từng đơn vị ở sau.", note),
        Spacer(1, 6 * mm),
        Paragraph("Tổng hợp", heading),
        _table(group.totals, fonts, cell),
    ]
    total = len(group.members)
    for done, member in enumerate(group.members, 1):
        name = member.unit.name + ("" if member.registered else " (chưa có bản đăng ký)")
        story.append(KeepTogether([Paragraph(name, heading), _table(member.rows, fonts, cell)]))
        if on_progress:
            on_progress(done, total)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title=f"Chỉ tiêu và kết quả năm {group.year} – {group.title}",
                      author="thidua").build(story)
    return out.getvalue()
