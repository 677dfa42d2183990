"""Generate the shipped Word templates (docxtpl / Jinja tags) for official documents.

    .venv/bin/python -m thidua.documents.build_templates

writes ``templates_docx/registration.docx`` and ``templates_docx/cover_letter.docx``. The layout
follows Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 portrait, margins 20/20/30/15 mm, Times New Roman,
black; national motto at the right, issuing body at the left, italic place-date, caps bold title,
justified body 14 pt with a 1.27 cm first-line indent, page numbers centred at the top from page 2,
signature block at the right, "Nơi nhận:" at the left.

Layout lives in the template, data comes from the context (see ``render.CONTEXT_KEYS``). An
administrator may replace either file through the DocumentTemplate model; this script is only how
the defaults were made, so they can be regenerated after a change here.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

FONT = "Times New Roman"
OUT_DIR = Path(__file__).resolve().parent / "templates_docx"

# Text width on A4 with 30 mm + 15 mm side margins.
TEXT_WIDTH_CM = 16.5

# Heading table: it reaches 6 mm into the left margin and 3 mm into the right one (usual in official
# templates) so that
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (13 pt bold: 9.57 cm in Times New Roman / Liberation Serif)
# and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" (13 pt bold: 7.02 cm) each stay on one line with a gap between.
HEAD_INDENT_CM = -0.6
HEAD_LEFT_CM = 7.3
HEAD_RIGHT_CM = 10.1
# "Độc lập - Tự do - Hạnh phúc" in 14 pt bold is 6.05 cm wide; the line under it is as long.
MOTTO_LINE_CM = 6.1
# The short line under the issuing body (ND 30: 1/3 to 1/2 of the text).
ISSUER_LINE_CM = 2.6

# Target table columns: TT | title | collective count, ratio | individual count, ratio.
TARGET_COLS_CM = [1.1, 6.6, 2.2, 2.2, 2.2, 2.2]
SIGN_LEFT_CM = 7.3
SIGN_RIGHT_CM = TEXT_WIDTH_CM - SIGN_LEFT_CM

BODY_STYLE = "VB Noi dung"
HEAD_STYLE = "VB Muc"
TABLE_STYLE = "VB Bang"


# ---------------------------------------------------------------------------------------------
# low-level helpers


def _el(tag: str, **attrs: str) -> OxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _twips(cm: float) -> int:
    return round(cm / 2.54 * 1440)


def _set_rfonts(rpr) -> None:
    """Times New Roman for every script (Latin, East Asian, complex) and no theme fonts, so that
    Vietnamese letters never fall back to another font."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = _el("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if "theme" in attr.lower():
            del rfonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), FONT)


def _font(run, *, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:
    run.font.name = FONT
    _set_rfonts(run._r.get_or_add_rPr())
    run.font.color.rgb = RGBColor(0, 0, 0)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic


def _mark_size(paragraph, size: float) -> None:
    """Size of the paragraph mark (decides the height of an empty paragraph)."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = _el("w:rPr")
        ppr.append(rpr)
    half_points = str(round(size * 2))
    rpr.append(_el("w:sz", val=half_points))
    rpr.append(_el("w:szCs", val=half_points))


def _fmt(
    paragraph,
    *,
    align=None,
    before: float = 0,
    after: float = 0,
    first_line: float | None = None,
    keep_next: bool = False,
    line: float | None = None,
) -> None:
    pf = paragraph.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if first_line is not None:
        pf.first_line_indent = Cm(first_line)
    if keep_next:
        pf.keep_with_next = True
    if line is not None:
        pf.line_spacing = line


def add_par(container, runs, *, style: str | None = None, size: float = 14, **fmt):
    """A paragraph made of runs; ``runs`` is a string or a list of (text, {"bold":…, "italic":…,
    "size":…}) pairs. Each Jinja tag stays inside one run."""
    paragraph = container.add_paragraph(style=style)
    if isinstance(runs, str):
        runs = [(runs, {})]
    for text, props in runs:
        run = paragraph.add_run(text)
        _font(run, size=props.get("size", size), bold=props.get("bold"), italic=props.get("italic"))
    _fmt(paragraph, **fmt)
    return paragraph


def add_tag(container, tag: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); docxtpl removes it."""
    paragraph = container.add_paragraph()
    _font(paragraph.add_run(tag), size=10)
    _fmt(paragraph)
    return paragraph


def add_rule(cell, width_cm: float, cell_width_cm: float):
    """A horizontal line ``width_cm`` long, centred in the cell: an empty, 1 pt high paragraph with
    a bottom border and side indents. Paragraph borders render the same in Word and LibreOffice and
    do not move when the text above changes."""
    paragraph = cell.add_paragraph()
    side = max((cell_width_cm - width_cm) / 2, 0)
    pf = paragraph.paragraph_format
    pf.left_indent = Cm(side)
    pf.right_indent = Cm(side)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Pt(3)
    ppr = paragraph._p.get_or_add_pPr()
    bdr = _el("w:pBdr")
    bdr.append(_el("w:bottom", val="single", sz="6", space="1", color="000000"))
    # pBdr must precede spacing/ind/jc in CT_PPr.
    anchor = ppr.find(qn("w:spacing"))
    if anchor is None:
        anchor = ppr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(bdr)
    else:
        ppr.append(bdr)
    _mark_size(paragraph, 1)
    return paragraph


def _table_props(table, *, widths_cm, indent_cm: float = 0.0, borders: bool, cell_margin_cm=None) -> None:
    tbl = table._tbl
    tblpr = tbl.tblPr
    for child in list(tblpr):
        if child.tag in {
            qn("w:tblStyle"),
            qn("w:tblW"),
            qn("w:tblInd"),
            qn("w:tblBorders"),
            qn("w:tblLayout"),
            qn("w:tblCellMar"),
            qn("w:tblLook"),
        }:
            tblpr.remove(child)
    # LibreOffice draws the direct borders of a table only when the table has a style; Word takes
    # either. Table Grid (all borders) or Normal Table (none), then the same borders directly.
    tblpr.append(_el("w:tblStyle", val="TableGrid" if borders else "TableNormal"))
    tblpr.append(_el("w:tblW", w=str(sum(_twips(w) for w in widths_cm)), type="dxa"))
    tblpr.append(_el("w:tblInd", w=str(_twips(indent_cm)), type="dxa"))
    bdrs = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if borders:
            bdrs.append(_el(f"w:{side}", val="single", sz="4", space="0", color="000000"))
        else:
            bdrs.append(_el(f"w:{side}", val="nil"))
    tblpr.append(bdrs)
    tblpr.append(_el("w:tblLayout", type="fixed"))
    if cell_margin_cm is not None:
        mar = _el("w:tblCellMar")
        for side in ("left", "right"):
            mar.append(_el(f"w:{side}", w=str(_twips(cell_margin_cm)), type="dxa"))
        tblpr.append(mar)
    tblpr.append(
        _el(
            "w:tblLook",
            val="0000",
            firstRow="0",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )
    _reorder(tblpr, TBLPR_ORDER)
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(_twips(width)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]


def _reorder(parent, order: list[str]) -> None:
    """Put the children of ``parent`` in schema order (Word rejects, LibreOffice ignores, misordered
    properties)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    children = list(parent)
    for child in children:
        parent.remove(child)
    for child in sorted(children, key=lambda c: rank.get(c.tag, len(order))):
        parent.append(child)


def _row_props(row, *, header: bool = False, cant_split: bool = True) -> None:
    trpr = row._tr.get_or_add_trPr()
    # CT_TrPr order: … cantSplit, trHeight, tblHeader …
    if cant_split:
        trpr.append(_el("w:cantSplit"))
    if header:
        trpr.append(_el("w:tblHeader"))


def _clear(cell) -> None:
    """Leave the cell with no paragraph so that add_par starts at the top."""
    for p in list(cell._tc.findall(qn("w:p"))):
        cell._tc.remove(p)


def _tag_row(table, tag: str) -> None:
    """A row holding a docxtpl row tag ({%tr … %}) in a cell spanning the table; removed at render."""
    row = table.add_row()
    first = row.cells[0].merge(row.cells[-1])
    _clear(first)
    add_tag(first, tag)


# ---------------------------------------------------------------------------------------------
# document skeleton


def _base_document() -> Document:
    doc = Document()
    _styles(doc)
    _settings(doc)

    # The default template ships a thumbnail of an unrelated document: drop it.
    pkg_rels = doc.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg_rels[rid]

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.gutter = Mm(0)

    # Page number centred at the top from page 2: a different (empty) first-page header.
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    first_p = first.paragraphs[0]
    _fmt(first_p)
    header = section.header
    header.is_linked_to_previous = False
    hp = header.paragraphs[0]
    _fmt(hp, align=WD_ALIGN_PARAGRAPH.CENTER)
    _page_field(hp, size=13)
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        _fmt(footer.paragraphs[0])

    core = doc.core_properties
    core.author = "thidua"
    core.last_modified_by = "thidua"
    core.comments = "Mẫu văn bản theo Nghị định 30/2020/NĐ-CP; dữ liệu là các thẻ Jinja của docxtpl."
    return doc


def _page_field(paragraph, *, size: float) -> None:
    def run_with(child, text: str | None = None):
        run = paragraph.add_run()
        _font(run, size=size)
        if child is not None:
            run._r.append(child)
        if text is not None:
            run.text = text
        return run

    run_with(_el("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    run_with(_el("w:fldChar", fldCharType="separate"))
    run_with(None, "2")
    run_with(_el("w:fldChar", fldCharType="end"))


def _styles(doc) -> None:
    styles_el = doc.styles.element
    # Document defaults: Times New Roman 14, black, Vietnamese.
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rfonts(rpr_default)
    for tag in ("w:sz", "w:szCs"):
        el = rpr_default.find(qn(tag))
        el.set(qn("w:val"), "28")
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")

    # Keep only the plain table styles; the default template's coloured ones are noise for an
    # administrator who edits the template.
    for style in styles_el.findall(qn("w:style")):
        plain = style.get(qn("w:styleId")) in {"TableNormal", "TableGrid"}
        if style.get(qn("w:type")) == "table" and not plain:
            styles_el.remove(style)

    # No style may bring its own (theme) font or colour.
    for style in styles_el.findall(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            continue
        for tag in ("w:rFonts", "w:color"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    _set_rfonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(14)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.widow_control = True

    from docx.enum.style import WD_STYLE_TYPE

    body = doc.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.quick_style = True
    pf = body.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Cm(1.27)
    pf.space_before = Pt(6)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0

    head = doc.styles.add_style(HEAD_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    head.base_style = body
    head.quick_style = True
    head.font.bold = True
    head.paragraph_format.keep_with_next = True

    table_style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_style.base_style = normal
    table_style.font.size = Pt(13)
    table_style.paragraph_format.space_before = Pt(2)
    table_style.paragraph_format.space_after = Pt(2)


def _settings(doc) -> None:
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        for cs in compat.findall(qn("w:compatSetting")):
            if cs.get(qn("w:name")) == "compatibilityMode":
                cs.set(qn("w:val"), "15")
    # Vietnamese documents use a comma as decimal mark.
    dec = settings.find(qn("w:decimalSymbol"))
    if dec is not None:
        dec.set(qn("w:val"), ",")
    lst = settings.find(qn("w:listSeparator"))
    if lst is not None:
        lst.set(qn("w:val"), ";")


# ---------------------------------------------------------------------------------------------
# blocks shared by both documents


def _heading(doc, *, number_block: bool) -> None:
    """Borderless 2×2 table: issuing body | national motto, then number (+ summary) | place-date."""
    table = doc.add_table(rows=2, cols=2)
    _table_props(
        table, widths_cm=[HEAD_LEFT_CM, HEAD_RIGHT_CM], indent_cm=HEAD_INDENT_CM, borders=False, cell_margin_cm=0.05
    )
    for row in table.rows:
        _row_props(row)
    center = WD_ALIGN_PARAGRAPH.CENTER
    left, right = table.cell(0, 0), table.cell(0, 1)
    for cell in (left, right):
        _clear(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    add_par(left, [("{{ parent_body|upper }}", {"bold": False})], size=13, align=center)
    add_par(left, [("{{ issuer|upper }}", {"bold": True})], size=13, align=center)
    add_rule(left, ISSUER_LINE_CM, HEAD_LEFT_CM - 0.1)
    add_par(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True})], size=13, align=center)
    add_par(right, [("Độc lập - Tự do - Hạnh phúc", {"bold": True})], size=14, align=center)
    add_rule(right, MOTTO_LINE_CM, HEAD_RIGHT_CM - 0.1)

    left2, right2 = table.cell(1, 0), table.cell(1, 1)
    for cell in (left2, right2):
        _clear(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if number_block:
        add_par(left2, "Số: {{ number_line }}", size=13, align=center, before=8)
        add_par(left2, "V/v {{ summary }}", size=12, align=center, before=2)
    else:
        add_par(left2, "", size=13, before=8)
    add_par(right2, [("{{ place_date }}", {"italic": True})], size=14, align=center, before=8)


def _signature_cell(cell) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    add_tag(cell, "{%p if signer.authority_line %}")
    add_par(cell, [("{{ signer.authority_line|upper }}", {"bold": True})], align=center, keep_next=True)
    add_tag(cell, "{%p endif %}")
    add_par(cell, [("{{ signer.position|upper }}", {"bold": True})], align=center, keep_next=True)
    # Room for the signature and the seal.
    add_par(cell, [("{{ signer.name }}", {"bold": True})], align=center, before=80)


def _signature(doc, *, recipients: bool) -> None:
    table = doc.add_table(rows=1, cols=2)
    _table_props(table, widths_cm=[SIGN_LEFT_CM, SIGN_RIGHT_CM], borders=False, cell_margin_cm=0.05)
    _row_props(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    for cell in (left, right):
        _clear(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if recipients:
        add_par(left, [("Nơi nhận:", {"bold": True, "italic": True})], size=12, before=12)
        add_tag(left, "{%p for r in recipients %}")
        add_par(left, "- {{ r }}{% if loop.last %}.{% else %};{% endif %}", size=11)
        add_tag(left, "{%p endfor %}")
    else:
        add_par(left, "", size=12)
    # A 12 pt spacer, whichever of authority line or position prints first.
    spacer = right.add_paragraph()
    _fmt(spacer, line=Pt(12))
    _mark_size(spacer, 2)
    _signature_cell(right)


def _body(doc, text, **kw):
    return add_par(doc, text, style=BODY_STYLE, **kw)


def _section_head(doc, text):
    return add_par(
        doc,
        [(text, {"bold": True})],
        style=HEAD_STYLE,
        keep_next=True,
        before=6,
        first_line=1.27,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )


def _body_fmt():
    return {"before": 6, "first_line": 1.27, "align": WD_ALIGN_PARAGRAPH.JUSTIFY}


# ---------------------------------------------------------------------------------------------
# the two documents


def _target_table(doc) -> None:
    table = doc.add_table(rows=2, cols=6)
    _table_props(table, widths_cm=TARGET_COLS_CM, borders=True, cell_margin_cm=0.1)
    center = WD_ALIGN_PARAGRAPH.CENTER
    middle = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tt = table.cell(0, 0).merge(table.cell(1, 0))
    title = table.cell(0, 1).merge(table.cell(1, 1))
    collective = table.cell(0, 2).merge(table.cell(0, 3))
    individual = table.cell(0, 4).merge(table.cell(0, 5))
    head_cells = [
        (tt, "TT"),
        (title, "Danh hiệu thi đua, hình thức khen thưởng"),
        (collective, "Tập thể"),
        (individual, "Cá nhân (Người)"),
        (table.cell(1, 2), "Số lượng"),
        (table.cell(1, 3), "Tỷ lệ (%)"),
        (table.cell(1, 4), "Số lượng"),
        (table.cell(1, 5), "Tỷ lệ (%)"),
    ]
    for row in table.rows:
        for cell in row.cells:
            cell.vertical_alignment = middle
    seen = set()
    for cell, text in head_cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        _clear(cell)
        add_par(cell, [(text, {"bold": True})], style=TABLE_STYLE, size=13, align=center, before=2, after=2)
    # vMerge continuation cells still need a paragraph.
    for cell in (table.cell(1, 0), table.cell(1, 1)):
        tc = cell._tc
        if tc.find(qn("w:p")) is None:
            tc.append(OxmlElement("w:p"))
    for row in table.rows:
        _row_props(row, header=True)

    _tag_row(table, "{%tr for t in targets %}")
    row = table.add_row()
    _row_props(row)
    cells = row.cells
    for cell in cells:
        _clear(cell)
        cell.vertical_alignment = middle
    add_par(cells[0], "{{ t.no }}", style=TABLE_STYLE, size=13, align=center, before=2, after=2)
    add_par(
        cells[1],
        [
            ("{{ t.label }}", {}),
            ("{%r if t.note %}", {}),
            (" (", {}),
            ("{{ t.note }}", {"italic": True}),
            (")", {}),
            ("{%r endif %}", {}),
        ],
        style=TABLE_STYLE,
        size=13,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        before=2,
        after=2,
    )
    for cell, key in zip(
        cells[2:], ("collective_count", "collective_ratio", "individual_count", "individual_ratio"), strict=True
    ):
        add_par(cell, "{{ t." + key + " }}", style=TABLE_STYLE, size=13, align=center, before=2, after=2)
    _tag_row(table, "{%tr endfor %}")

    _tag_row(table, "{%tr if table_continues %}")
    row = table.add_row()
    _row_props(row)
    for i, cell in enumerate(row.cells):
        _clear(cell)
        cell.vertical_alignment = middle
        add_par(
            cell,
            "..." if i < 2 else "",
            style=TABLE_STYLE,
            size=13,
            align=center if i != 1 else WD_ALIGN_PARAGRAPH.LEFT,
            before=2,
            after=2,
        )
    _tag_row(table, "{%tr endif %}")
    for row in table.rows:
        for cell, width in zip(row.cells, TARGET_COLS_CM, strict=False):
            if cell._tc.tcPr is None or cell._tc.tcPr.find(qn("w:gridSpan")) is None:
                cell.width = Cm(width)


def build_registration() -> Document:
    doc = _base_document()
    doc.core_properties.title = "Bản đăng ký thi đua"
    center = WD_ALIGN_PARAGRAPH.CENTER
    _heading(doc, number_block=False)
    add_par(
        doc, [("BẢN ĐĂNG KÝ THI ĐUA NĂM {{ heading_year }}", {"bold": True})], align=center, before=18, keep_next=True
    )
    add_par(
        doc,
        [("(Kèm theo Công văn số {{ letter_number }}/{{ letter_symbol }} ngày {{ letter_date }})", {"italic": True})],
        align=center,
        before=2,
        keep_next=True,
    )
    add_par(doc, "Kính gửi: {{ addressee }}", align=center, before=12, after=6)
    _body(doc, "{{ preamble }}", **_body_fmt())
    _section_head(doc, "I. Nội dung thi đua")
    _body(doc, "{{ content_intro }}", **_body_fmt())
    _section_head(doc, "1. Về công tác chuyên môn:")
    _body(doc, "{{ professional_goal }}", **_body_fmt())
    _section_head(doc, "2. Các giải pháp triển khai, thực hiện:")
    add_tag(doc, "{%p for s in solutions %}")
    _body(doc, "- {{ s }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    _section_head(doc, "3. Tên các phong trào, các cuộc vận động do đơn vị phát động năm {{ year }}:")
    add_tag(doc, "{%p for m in movements %}")
    _body(doc, "- {{ m }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    head = _section_head(doc, "II. Mục tiêu phấn đấu đạt các danh hiệu thi đua, hình thức khen thưởng năm {{ year }}")
    head.paragraph_format.space_after = Pt(6)
    _target_table(doc)
    _signature(doc, recipients=False)
    return doc


def build_cover_letter() -> Document:
    doc = _base_document()
    doc.core_properties.title = "Công văn"
    _heading(doc, number_block=True)
    add_par(doc, "Kính gửi: {{ addressee }}", align=WD_ALIGN_PARAGRAPH.CENTER, before=18, after=6)
    add_tag(doc, "{%p for para in paragraphs %}")
    _body(doc, "{{ para }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    _signature(doc, recipients=True)
    return doc


# ---------------------------------------------------------------------------------------------
# the block's consolidated registration (Trưởng khối → Ban Thi đua – Khen thưởng tỉnh)

# TT | title or form | collective | individual
BLOCK_COLS_CM = [1.3, 9.4, 2.9, 2.9]


def _report_heading(doc) -> None:
    """Issuing body | motto, then "Số: …" | place-date (a report: no "V/v" line)."""
    table = doc.add_table(rows=2, cols=2)
    _table_props(
        table, widths_cm=[HEAD_LEFT_CM, HEAD_RIGHT_CM], indent_cm=HEAD_INDENT_CM, borders=False, cell_margin_cm=0.05
    )
    for row in table.rows:
        _row_props(row)
    center = WD_ALIGN_PARAGRAPH.CENTER
    cells = [table.cell(r, c) for r in (0, 1) for c in (0, 1)]
    for cell in cells:
        _clear(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    left, right, left2, right2 = cells
    add_par(left, [("{{ parent_body|upper }}", {"bold": False})], size=13, align=center)
    add_par(left, [("{{ issuer|upper }}", {"bold": True})], size=13, align=center)
    add_rule(left, ISSUER_LINE_CM, HEAD_LEFT_CM - 0.1)
    add_par(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True})], size=13, align=center)
    add_par(right, [("Độc lập - Tự do - Hạnh phúc", {"bold": True})], size=14, align=center)
    add_rule(right, MOTTO_LINE_CM, HEAD_RIGHT_CM - 0.1)
    add_par(left2, "Số: {{ number_line }}", size=13, align=center, before=8)
    add_par(right2, [("{{ place_date }}", {"italic": True})], size=14, align=center, before=8)


def _block_table_head(table, labels) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    for cell, text in zip(table.rows[0].cells, labels, strict=True):
        _clear(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        add_par(cell, [(text, {"bold": True})], style=TABLE_STYLE, size=13, align=center, before=2, after=2)
    _row_props(table.rows[0], header=True)


def _block_row(table, texts, *, bold: bool = False, merge_label: bool = False) -> None:
    """A data row: TT, label (left), two counts (centred); with merge_label the label spans the row."""
    row = table.add_row()
    _row_props(row)
    cells = row.cells
    if merge_label:
        merged = cells[1].merge(cells[3])
        _clear(cells[0])
        _clear(merged)
        targets = [(cells[0], texts[0], WD_ALIGN_PARAGRAPH.CENTER), (merged, texts[1], WD_ALIGN_PARAGRAPH.LEFT)]
    else:
        for cell in cells:
            _clear(cell)
        aligns = [WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
                  WD_ALIGN_PARAGRAPH.CENTER]
        targets = list(zip(cells, texts, aligns, strict=True))
    for cell, text, align in targets:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        runs = text if isinstance(text, list) else [(text, {"bold": bold})]
        add_par(cell, runs, style=TABLE_STYLE, size=13, align=align, before=2, after=2)


def _block_table(doc, rows: list) -> None:
    table = doc.add_table(rows=1, cols=4)
    _table_props(table, widths_cm=BLOCK_COLS_CM, borders=True, cell_margin_cm=0.1)
    _block_table_head(table, ["TT", "Danh hiệu thi đua, hình thức khen thưởng", "Tập thể", "Cá nhân (Người)"])
    for kind, payload in rows:
        if kind == "tag":
            _tag_row(table, payload)
        else:
            _block_row(table, payload[0], bold=payload[1], merge_label=payload[2])
    for row in table.rows:
        for cell, width in zip(row.cells, BLOCK_COLS_CM, strict=False):
            if cell._tc.tcPr is None or cell._tc.tcPr.find(qn("w:gridSpan")) is None:
                cell.width = Cm(width)


def build_block_registration() -> Document:
    doc = _base_document()
    doc.core_properties.title = "Tổng hợp đăng ký thi đua của khối"
    center = WD_ALIGN_PARAGRAPH.CENTER
    _report_heading(doc)
    add_par(doc, [("{{ title }}", {"bold": True})], align=center, before=18, keep_next=True)
    add_par(doc, [("{{ summary }}", {"bold": True})], align=center, before=2, keep_next=True)
    add_rule(doc, 4.0, TEXT_WIDTH_CM)
    add_par(doc, "Kính gửi: {{ addressee }}", align=center, before=12, after=6)
    add_tag(doc, "{%p for para in paragraphs %}")
    _body(doc, "{{ para }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    head = _section_head(doc, "I. Tổng hợp chỉ tiêu đăng ký của Khối")
    head.paragraph_format.space_after = Pt(6)
    _block_table(doc, [
        ("tag", "{%tr for t in totals %}"),
        ("row", (["{{ t.no }}", "{{ t.label }}", "{{ t.collective }}", "{{ t.individual }}"], False, False)),
        ("tag", "{%tr endfor %}"),
    ])
    head = _section_head(doc, "II. Chỉ tiêu đăng ký của từng đơn vị thành viên")
    head.paragraph_format.space_after = Pt(6)
    _block_table(doc, [
        ("tag", "{%tr for m in members %}"),
        ("row", (["{{ m.no }}", [("{{ m.name }}", {"bold": True}), (" ({{ m.status }})", {"italic": True})]],
                 True, True)),
        ("tag", "{%tr for t in m.targets %}"),
        ("row", (["{{ t.no }}", "{{ t.label }}", "{{ t.collective }}", "{{ t.individual }}"], False, False)),
        ("tag", "{%tr endfor %}"),
        ("tag", "{%tr endfor %}"),
    ])
    add_tag(doc, "{%p for para in closing %}")
    _body(doc, "{{ para }}", **_body_fmt())
    add_tag(doc, "{%p endfor %}")
    _signature(doc, recipients=True)
    return doc


BUILDERS = {
    "registration": build_registration,
    "cover_letter": build_cover_letter,
    "block_registration": build_block_registration,
}


def _stable_zip(doc) -> bytes:
    """The .docx bytes with fixed zip timestamps, so that rebuilding an unchanged template leaves
    the committed file unchanged."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for kind, builder in BUILDERS.items():
        doc = builder()
        # A trailing empty paragraph after the last table is required by Word; keep it tiny.
        last = doc.add_paragraph()
        _fmt(last)
        _mark_size(last, 2)
        path = OUT_DIR / f"{kind}.docx"
        path.write_bytes(_stable_zip(doc))
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
