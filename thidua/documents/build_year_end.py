"""Generate the shipped Word templates of the year end: the commendation decision (quyết định khen
thưởng) with its annex, and the minutes of a council session (biên bản họp Hội đồng Thi đua – Khen
thưởng). Same layout rules and helpers as ``build_templates`` (ND 30/2020, Phụ lục I)::

    .venv/bin/python -m thidua.documents.build_year_end

writes ``templates_docx/decision.docx`` and ``templates_docx/council_minutes.docx`` (fixed zip
timestamps: an unchanged build gives identical files).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .build_templates import (
    HEAD_INDENT_CM,
    HEAD_LEFT_CM,
    HEAD_RIGHT_CM,
    ISSUER_LINE_CM,
    MOTTO_LINE_CM,
    OUT_DIR,
    TABLE_STYLE,
    TEXT_WIDTH_CM,
    _base_document,
    _body,
    _body_fmt,
    _clear,
    _fmt,
    _mark_size,
    _row_props,
    _section_head,
    _signature,
    _stable_zip,
    _table_props,
    _tag_row,
    add_par,
    add_rule,
    add_tag,
)

# Annex columns: TT | name | position | unit | title or form | money (sum 16.5 cm).
ANNEX_COLS_CM = [0.9, 4.0, 2.3, 3.5, 3.6, 2.2]
# Ballot table: TT | name (unit) | title or form | yes | share | no | invalid | result.
BALLOT_COLS_CM = [0.9, 4.0, 3.2, 1.6, 1.7, 1.6, 1.5, 2.0]
TABLE_SIZE = 12
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
MIDDLE = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _heading(doc) -> None:
    """Issuing body | national motto, then "Số: …" | place-date. The parent-body line is dropped when
    empty (UBND tỉnh has none); an issuer's newline breaks its name ("ỦY BAN NHÂN DÂN / TỈNH …")."""
    table = doc.add_table(rows=2, cols=2)
    _table_props(
        table, widths_cm=[HEAD_LEFT_CM, HEAD_RIGHT_CM], indent_cm=HEAD_INDENT_CM, borders=False, cell_margin_cm=0.05
    )
    for row in table.rows:
        _row_props(row)
    cells = [table.cell(r, c) for r in (0, 1) for c in (0, 1)]
    for cell in cells:
        _clear(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    left, right, left2, right2 = cells
    add_tag(left, "{%p if parent_body %}")
    add_par(left, [("{{ parent_body|upper }}", {"bold": False})], size=13, align=CENTER)
    add_tag(left, "{%p endif %}")
    add_par(left, [("{{ issuer|upper }}", {"bold": True})], size=13, align=CENTER)
    add_rule(left, ISSUER_LINE_CM, HEAD_LEFT_CM - 0.1)
    add_par(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True})], size=13, align=CENTER)
    add_par(right, [("Độc lập - Tự do - Hạnh phúc", {"bold": True})], size=14, align=CENTER)
    add_rule(right, MOTTO_LINE_CM, HEAD_RIGHT_CM - 0.1)
    add_par(left2, "Số: {{ number_line }}", size=13, align=CENTER, before=8)
    add_par(right2, [("{{ place_date }}", {"italic": True})], size=14, align=CENTER, before=8)


def _title_rule(doc, width_cm: float = 3.0):
    """The short line under the title (ND 30: 1/3 to 1/2 of the title line), centred."""
    return add_rule(doc, width_cm, TEXT_WIDTH_CM)


def _cell_par(cell, runs, *, align=CENTER, size: float = TABLE_SIZE):
    if isinstance(runs, str):
        runs = [(runs, {})]
    return add_par(cell, runs, style=TABLE_STYLE, size=size, align=align, before=2, after=2)


def _header_row(table, texts) -> None:
    row = table.rows[0]
    _row_props(row, header=True)
    for cell, text in zip(row.cells, texts, strict=True):
        _clear(cell)
        cell.vertical_alignment = MIDDLE
        _cell_par(cell, [(text, {"bold": True})])


def _fix_widths(table, widths) -> None:
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            if cell._tc.tcPr is None or cell._tc.tcPr.find(qn("w:gridSpan")) is None:
                cell.width = Cm(width)


def _data_row(table, merge: tuple[int, int] | None = None):
    """A new row, its cells emptied; `merge` (first, last) joins those columns into one cell first."""
    row = table.add_row()
    _row_props(row)
    if merge is not None:
        row.cells[merge[0]].merge(row.cells[merge[1]])
    cells = row.cells
    for cell in cells:
        _clear(cell)
        cell.vertical_alignment = MIDDLE
    return cells


def _annex_table(doc) -> None:
    ncols = len(ANNEX_COLS_CM)
    table = doc.add_table(rows=1, cols=ncols)
    _table_props(table, widths_cm=ANNEX_COLS_CM, borders=True, cell_margin_cm=0.1)
    _header_row(table, ["TT", "Họ và tên, tên tập thể", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức khen thưởng",
                        "Số tiền (đồng)"])
    _tag_row(table, "{%tr for r in annex_rows %}")
    _tag_row(table, "{%tr if r.group %}")
    cells = _data_row(table, merge=(1, ncols - 1))
    _cell_par(cells[0], [("{{ r.no }}", {"bold": True})])
    _cell_par(cells[1], [("{{ r.name }}", {"bold": True})], align=LEFT)
    _tag_row(table, "{%tr else %}")
    cells = _data_row(table)
    _cell_par(cells[0], "{{ r.no }}")
    _cell_par(cells[1], "{{ r.name }}", align=LEFT)
    _cell_par(cells[2], "{{ r.position }}", align=LEFT)
    _cell_par(cells[3], "{{ r.unit }}", align=LEFT)
    _cell_par(cells[4], "{{ r.award }}", align=LEFT)
    _cell_par(cells[5], "{{ r.amount }}", align=RIGHT)
    _tag_row(table, "{%tr endif %}")
    _tag_row(table, "{%tr endfor %}")
    cells = _data_row(table, merge=(0, ncols - 2))
    _cell_par(cells[0], [("Tổng cộng", {"bold": True})])
    _cell_par(cells[ncols - 1], [("{{ total_amount }}", {"bold": True})], align=RIGHT)
    _fix_widths(table, ANNEX_COLS_CM)


def build_decision() -> Document:
    doc = _base_document()
    doc.core_properties.title = "Quyết định khen thưởng"
    _heading(doc)
    add_par(doc, [("QUYẾT ĐỊNH", {"bold": True})], align=CENTER, before=18, keep_next=True)
    add_par(doc, [("{{ title }}", {"bold": True})], align=CENTER, keep_next=True)
    _title_rule(doc).paragraph_format.keep_with_next = True
    add_par(doc, [("{{ authority|upper }}", {"bold": True})], align=CENTER, before=14, after=4, keep_next=True)
    add_tag(doc, "{%p for b in bases %}")
    _body(doc, [("{{ b }}", {"italic": True})], **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    add_par(doc, [("QUYẾT ĐỊNH:", {"bold": True})], align=CENTER, before=12, after=0, keep_next=True)
    # The last paragraph stays with the signature block: a signature never stands alone on a page.
    add_tag(doc, "{%p for a in articles %}")
    add_tag(doc, "{%p if loop.last %}")
    _body(doc, [("{{ a.label }}", {"bold": True}), ("{{ a.text }}", {})], keep_next=True, **_body_fmt())
    add_tag(doc, "{%p else %}")
    _body(doc, [("{{ a.label }}", {"bold": True}), ("{{ a.text }}", {})], **_body_fmt())
    add_tag(doc, "{%p endif %}")
    add_tag(doc, "{%p endfor %}")
    _signature(doc, recipients=True)

    # The annex starts on a new page, after the signature.
    add_tag(doc, "{%p if has_annex %}")
    heading = add_par(doc, [("{{ annex_title }}", {"bold": True})], align=CENTER, keep_next=True)
    heading.paragraph_format.page_break_before = True
    add_par(doc, [("{{ annex_subtitle }}", {"bold": True})], align=CENTER, keep_next=True)
    add_par(doc, [("{{ annex_note }}", {"italic": True})], align=CENTER, before=2, keep_next=True)
    rule = _title_rule(doc)
    rule.paragraph_format.space_after = Pt(10)
    rule.paragraph_format.keep_with_next = True
    _annex_table(doc)
    add_par(doc, [("(Bằng chữ: {{ total_words }})", {"italic": True})], align=CENTER, before=6)
    add_tag(doc, "{%p endif %}")
    return doc


def _ballot_table(doc) -> None:
    table = doc.add_table(rows=1, cols=len(BALLOT_COLS_CM))
    _table_props(table, widths_cm=BALLOT_COLS_CM, borders=True, cell_margin_cm=0.08)
    _header_row(table, ["TT", "Họ và tên, tên tập thể", "Danh hiệu, hình thức khen thưởng", "Phiếu tán thành",
                        "Tỷ lệ tán thành", "Không tán thành", "Không hợp lệ", "Kết quả"])
    _tag_row(table, "{%tr for c in candidates %}")
    cells = _data_row(table)
    _cell_par(cells[0], "{{ c.no }}")
    _cell_par(cells[1], "{{ c.name }}", align=LEFT)
    add_tag(cells[1], "{%p if c.unit %}")
    _cell_par(cells[1], [("{{ c.unit }}", {"italic": True})], align=LEFT, size=11)
    add_tag(cells[1], "{%p endif %}")
    _cell_par(cells[2], "{{ c.award }}", align=LEFT)
    _cell_par(cells[3], "{{ c.yes }}")
    _cell_par(cells[4], "{{ c.share }}")
    _cell_par(cells[5], "{{ c.against }}")
    _cell_par(cells[6], "{{ c.invalid }}")
    _cell_par(cells[7], [("{{ c.result }}", {"bold": True})])
    _tag_row(table, "{%tr endfor %}")
    _fix_widths(table, BALLOT_COLS_CM)


def _two_signatures(doc) -> None:
    """Minutes are signed by the secretary (left) and the chair (right), each with room to sign."""
    half = TEXT_WIDTH_CM / 2
    table = doc.add_table(rows=1, cols=2)
    _table_props(table, widths_cm=[half, half], borders=False, cell_margin_cm=0.05)
    _row_props(table.rows[0])
    for cell, key in zip(table.rows[0].cells, ("left_signer", "right_signer"), strict=True):
        _clear(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        add_par(cell, [("{{ " + key + ".title|upper }}", {"bold": True})], align=CENTER, before=12, keep_next=True)
        add_par(cell, [("{{ " + key + ".name }}", {"bold": True})], align=CENTER, before=80)


def build_council_minutes() -> Document:
    doc = _base_document()
    doc.core_properties.title = "Biên bản họp Hội đồng Thi đua – Khen thưởng"
    _heading(doc)
    add_par(doc, [("BIÊN BẢN", {"bold": True})], align=CENTER, before=18, keep_next=True)
    add_par(doc, [("{{ title }}", {"bold": True})], align=CENTER, keep_next=True)
    _title_rule(doc)
    _body(doc, "Thời gian: {{ time_line }}.", **_body_fmt())
    _body(doc, "Địa điểm: {{ place }}.", **_body_fmt())
    _section_head(doc, "I. THÀNH PHẦN")
    _body(doc, "{{ composition }}", **_body_fmt())
    _body(doc, "Chủ trì: {{ chair }}. Thư ký: {{ secretary }}.", **_body_fmt())
    _body(doc, "Thành viên dự họp:", **_body_fmt())
    add_tag(doc, "{%p for m in present_members %}")
    _body(doc, "- {{ m.name }}{% if m.position %}, {{ m.position }}{% endif %} – {{ m.role }};", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    add_tag(doc, "{%p if absent_members %}")
    _body(doc, "Thành viên vắng mặt:", **_body_fmt())
    add_tag(doc, "{%p for m in absent_members %}")
    _body(doc, "- {{ m.name }}{% if m.position %}, {{ m.position }}{% endif %} – {{ m.role }} ({{ m.note }});",
          **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    add_tag(doc, "{%p endif %}")
    _section_head(doc, "II. NỘI DUNG")
    add_tag(doc, "{%p for para in content %}")
    _body(doc, "{{ para }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    head = _body(doc, "Kết quả bỏ phiếu kín:", **_body_fmt())
    head.paragraph_format.keep_with_next = True
    head.paragraph_format.space_after = Pt(6)
    _ballot_table(doc)
    _body(doc, [("Ngưỡng biểu quyết áp dụng:", {"italic": True})], **_body_fmt())
    add_tag(doc, "{%p for t in thresholds %}")
    _body(doc, [("- {{ t }}", {"italic": True})], **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    _section_head(doc, "III. KẾT LUẬN")
    add_tag(doc, "{%p for para in conclusion %}")
    _body(doc, "{{ para }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    _body(doc, "{{ closing }}", **_body_fmt())
    _two_signatures(doc)
    return doc


BUILDERS = {"decision": build_decision, "council_minutes": build_council_minutes}


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for kind, builder in BUILDERS.items():
        doc = builder()
        last = doc.add_paragraph()  # Word needs a paragraph after the last table; keep it tiny
        _fmt(last)
        _mark_size(last, 2)
        path = OUT_DIR / f"{kind}.docx"
        path.write_bytes(_stable_zip(doc))
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
