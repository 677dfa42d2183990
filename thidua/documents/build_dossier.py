"""Generate the shipped Word templates of a nomination dossier (hồ sơ đề nghị khen thưởng): the
proposal letter (tờ trình) with its list of proposals, and the achievement report (báo cáo thành
tích) of a person or a collective. Same layout rules and helpers as ``build_templates`` and
``build_year_end`` (ND 30/2020, Phụ lục I)::

    .venv/bin/python -m thidua.documents.build_dossier

writes ``templates_docx/proposal_letter.docx`` and ``templates_docx/achievement_report.docx``
(fixed zip timestamps: an unchanged build gives identical files).
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt

from .build_templates import (
    MOTTO_LINE_CM,
    OUT_DIR,
    TEXT_WIDTH_CM,
    _base_document,
    _body,
    _body_fmt,
    _fmt,
    _mark_size,
    _section_head,
    _signature,
    _stable_zip,
    _table_props,
    _tag_row,
    add_par,
    add_rule,
    add_tag,
)
from .build_year_end import (
    CENTER,
    LEFT,
    RIGHT,
    _cell_par,
    _data_row,
    _fix_widths,
    _header_row,
    _heading,
    _title_rule,
    _two_signatures,
)

# Proposal list: TT | name | position, unit (sum 16.5 cm); the title or form is the group row's.
PROPOSAL_COLS_CM = [1.1, 5.6, 9.8]
# Award history: year | title or form | decision (number, date, issuer).
HISTORY_COLS_CM = [1.8, 6.2, 8.5]


def _proposal_table(doc) -> None:
    ncols = len(PROPOSAL_COLS_CM)
    table = doc.add_table(rows=1, cols=ncols)
    _table_props(table, widths_cm=PROPOSAL_COLS_CM, borders=True, cell_margin_cm=0.1)
    _header_row(table, ["TT", "Họ và tên, tên tập thể", "Chức vụ, đơn vị công tác"])
    _tag_row(table, "{%tr for r in rows %}")
    _tag_row(table, "{%tr if r.group %}")
    cells = _data_row(table, merge=(1, ncols - 1))
    _cell_par(cells[0], [("{{ r.no }}", {"bold": True})])
    _cell_par(cells[1], [("{{ r.name }}", {"bold": True})], align=LEFT)
    _tag_row(table, "{%tr else %}")
    cells = _data_row(table)
    _cell_par(cells[0], "{{ r.no }}")
    _cell_par(cells[1], "{{ r.name }}", align=LEFT)
    _cell_par(cells[2], "{{ r.unit }}", align=LEFT)
    _tag_row(table, "{%tr endif %}")
    _tag_row(table, "{%tr endfor %}")
    _fix_widths(table, PROPOSAL_COLS_CM)


def build_proposal_letter():
    doc = _base_document()
    doc.core_properties.title = "Tờ trình đề nghị khen thưởng"
    _heading(doc)
    add_par(doc, [("TỜ TRÌNH", {"bold": True})], align=CENTER, before=18, keep_next=True)
    add_par(doc, [("{{ title }}", {"bold": True})], align=CENTER, keep_next=True)
    _title_rule(doc).paragraph_format.keep_with_next = True
    add_par(doc, "Kính gửi: {{ addressee }}.", align=CENTER, before=10, after=6, keep_next=True)
    add_tag(doc, "{%p for para in paragraphs %}")
    _body(doc, "{{ para }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    head = _body(doc, [("{{ list_intro }}", {})], **_body_fmt())
    head.paragraph_format.keep_with_next = True
    head.paragraph_format.space_after = Pt(6)
    _proposal_table(doc)
    add_tag(doc, "{%p for para in closing %}")
    _body(doc, "{{ para }}", keep_next=True, **_body_fmt())  # the closing stays with the signature
    add_tag(doc, "{%p endfor %}")
    _signature(doc, recipients=True)
    return doc


def _motto(doc) -> None:
    """The national motto centred on the page (a personal report has no issuing body), the place and
    date under it on the right."""
    add_par(doc, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True})], size=13, align=CENTER)
    add_par(doc, [("Độc lập - Tự do - Hạnh phúc", {"bold": True})], size=14, align=CENTER)
    add_rule(doc, MOTTO_LINE_CM, TEXT_WIDTH_CM)
    add_par(doc, [("{{ place_date }}", {"italic": True})], size=14, align=RIGHT, before=8)


def _history_table(doc) -> None:
    table = doc.add_table(rows=1, cols=len(HISTORY_COLS_CM))
    _table_props(table, widths_cm=HISTORY_COLS_CM, borders=True, cell_margin_cm=0.1)
    _header_row(table, ["Năm", "Danh hiệu thi đua, hình thức khen thưởng",
                        "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"])
    _tag_row(table, "{%tr for h in history %}")
    cells = _data_row(table)
    _cell_par(cells[0], "{{ h.year }}")
    _cell_par(cells[1], "{{ h.award }}", align=LEFT)
    _cell_par(cells[2], "{{ h.decision }}", align=LEFT)
    _tag_row(table, "{%tr endfor %}")
    _fix_widths(table, HISTORY_COLS_CM)


def build_achievement_report():
    doc = _base_document()
    doc.core_properties.title = "Báo cáo thành tích"
    _motto(doc)
    add_par(doc, [("BÁO CÁO THÀNH TÍCH", {"bold": True})], align=CENTER, before=18, keep_next=True)
    add_par(doc, [("{{ title }}", {"bold": True})], align=CENTER, keep_next=True)
    _title_rule(doc)
    _section_head(doc, "I. {{ profile_heading }}")
    add_tag(doc, "{%p for p in profile %}")
    _body(doc, "- {{ p }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    _section_head(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    _body(doc, [("1. Quyền hạn, nhiệm vụ được giao: ", {"bold": True}), ("{{ duties }}", {})], **_body_fmt())
    _body(doc, [("2. Thành tích đạt được:", {"bold": True})], **_body_fmt())
    add_tag(doc, "{%p for a in achievements %}")
    _body(doc, "- {{ a }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    head = _section_head(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    head.paragraph_format.space_after = Pt(6)
    _history_table(doc)
    add_tag(doc, "{%p if not history %}")
    _body(doc, [("(Chưa có khen thưởng nào được ghi nhận.)", {"italic": True})], **_body_fmt())
    add_tag(doc, "{%p endif %}")
    _two_signatures(doc)
    return doc


BUILDERS = {"proposal_letter": build_proposal_letter, "achievement_report": build_achievement_report}


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

