"""The seed registration, rendered from the shipped template, reads back word for word and in the
ND 30/2020 layout."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from thidua.documents.render import render_document, render_template, shipped_template_path
from thidua.documents.samples import SEED_REGISTRATION_CONTEXT

from .conftest import effective, flat_paragraphs, grid_texts, norm, parse_seed, read_docx, target_table

FONT = "Times New Roman"


def _find(doc, text):
    matches = [p for p in flat_paragraphs(doc) if norm(p.text) == text]
    assert matches, f"no paragraph reads {text!r}"
    return matches[0]


def _runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def test_every_prose_line_of_the_seed_in_order(seed_text, seed_doc):
    prose, _bold, _rows = parse_seed(seed_text)
    texts = [norm(p.text) for p in flat_paragraphs(seed_doc)]
    position = 0
    for line in prose:
        assert line in texts[position:], f"missing or out of order: {line!r}"
        position = texts.index(line, position) + 1


def test_seed_bold_lines_are_bold(seed_text, seed_doc):
    _prose, bold, _rows = parse_seed(seed_text)
    assert bold == {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}
    for line in [*bold, "Đinh Bộ Sơn"]:
        paragraph = _find(seed_doc, line)
        assert all(effective(r, paragraph, "bold") for r in _runs(paragraph)), line


def test_target_table_cell_by_cell(seed_text, seed_doc):
    _prose, _bold, seed_rows = parse_seed(seed_text)
    header = [seed_rows[0], seed_rows[1]]
    # The seed prints the header again where the table crosses a page: the document has it once,
    # marked as a repeated header row.
    data = [r for r in seed_rows if r not in header]
    assert seed_rows.count(header[0]) == 2
    table = target_table(seed_doc)
    rows = table._tbl.tr_lst
    assert len(rows) == 2 + len(data) == 2 + 18

    def plain(cells):
        return [norm(re.sub(r"</?i>", "", c)) for c in cells] + [""] * (6 - len(cells))

    for tr, seed_cells in zip(rows, header + data, strict=True):
        assert grid_texts(tr) == plain(seed_cells)

    # Italic notes: "<i>…</i>" in the seed is the italic part of the title cell.
    for tr, seed_cells in zip(rows[2:], data, strict=True):
        label_tc = tr.findall(qn("w:tc"))[1]
        italic_text = "".join(
            t.text
            for r in label_tc.iter(qn("w:r"))
            if r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:i")) is not None
            for t in r.iter(qn("w:t"))
        )
        m = re.search(r"<i>(.*?)</i>", seed_cells[1])
        assert norm(italic_text) == (m.group(1) if m else ""), seed_cells[1]


def test_target_table_structure(seed_doc):
    table = target_table(seed_doc)
    rows = table._tbl.tr_lst
    for i, tr in enumerate(rows):
        trpr = tr.trPr
        assert trpr is not None and trpr.find(qn("w:cantSplit")) is not None, f"row {i} may split"
        assert (trpr.find(qn("w:tblHeader")) is not None) == (i < 2), f"row {i} header flag"
    # Group headers are merged cells.
    first = rows[0].findall(qn("w:tc"))
    spans = [tc.tcPr.find(qn("w:gridSpan")) for tc in first]
    assert [s.get(qn("w:val")) if s is not None else "1" for s in spans] == ["1", "1", "2", "2"]
    assert first[0].tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    # Borders on every cell.
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        assert borders.find(qn(f"w:{side}")).get(qn("w:val")) == "single"


def test_page_a4_margins(seed_doc):
    section = seed_doc.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    assert section.page_width < section.page_height
    assert section.top_margin.mm == pytest.approx(20, abs=0.1)
    assert section.bottom_margin.mm == pytest.approx(20, abs=0.1)
    assert section.left_margin.mm == pytest.approx(30, abs=0.1)
    assert section.right_margin.mm == pytest.approx(15, abs=0.1)


def test_times_new_roman_everywhere(seed_docx_bytes):
    with zipfile.ZipFile(BytesIO(seed_docx_bytes)) as z:
        styles = z.read("word/styles.xml").decode()
        names = [n for n in z.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml", n)]
        parts = [z.read(n).decode() for n in names]
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert f'w:{attr}="{FONT}"' in defaults
    for xml in [styles, *parts]:
        assert "Theme=" not in xml and "w:cstheme" not in xml
        rfonts = " ".join(re.findall(r"<w:rFonts ([^>]*)/>", xml))
        fonts = set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', rfonts))
        assert fonts <= {FONT}, fonts
        colours = set(re.findall(r'<w:color w:val="([^"]+)"', xml))
        assert colours <= {"000000", "auto"}, colours


def test_heading_and_title_formatting(seed_doc):
    ctx = SEED_REGISTRATION_CONTEXT
    place = _find(seed_doc, norm(ctx["place_date"]))
    assert all(effective(r, place, "italic") for r in _runs(place))

    title = _find(seed_doc, "BẢN ĐĂNG KÝ THI ĐUA NĂM 2021")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(effective(r, title, "bold") for r in _runs(title))

    attach = _find(seed_doc, "(Kèm theo Công văn số /KHCN-TTR ngày /02/2022)")
    assert all(effective(r, attach, "italic") for r in _runs(attach))

    parent = _find(seed_doc, "UBND TỈNH THÁI NGUYÊN")
    assert not any(effective(r, parent, "bold") for r in _runs(parent))
    assert _runs(parent)[0].font.size.pt == 13
    issuer = _find(seed_doc, "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert all(effective(r, issuer, "bold") for r in _runs(issuer))
    motto = _find(seed_doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert _runs(motto)[0].font.size.pt == 13 and _runs(motto)[0].font.bold
    slogan = _find(seed_doc, "Độc lập - Tự do - Hạnh phúc")
    assert _runs(slogan)[0].font.size.pt == 14 and _runs(slogan)[0].font.bold
    # The lines under the issuing body and under the motto: bordered paragraphs right after them.
    for paragraph in (issuer, slogan):
        line = paragraph._p.getnext()
        assert line.find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
        assert not "".join(line.itertext()).strip()


def test_body_paragraphs(seed_doc):
    body = _find(seed_doc, norm(SEED_REGISTRATION_CONTEXT["preamble"]))
    fmt = body.paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    assert all(r.font.size.pt == 14 for r in _runs(body))
    solution = _find(seed_doc, "- " + SEED_REGISTRATION_CONTEXT["solutions"][0])
    assert solution.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_page_number_from_page_two(seed_doc):
    section = seed_doc.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", header_xml)
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in section.first_page_header._element.xml


def test_no_template_tags_left(seed_docx_bytes):
    with zipfile.ZipFile(BytesIO(seed_docx_bytes)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                xml = z.read(name).decode()
                text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
                assert "{{" not in text and "{%" not in text and "}}" not in text, name


def test_signer_without_authority_line():
    ctx = dict(SEED_REGISTRATION_CONTEXT, signer={"authority_line": "", "position": "Giám đốc", "name": "Nguyễn Văn A"})
    doc = read_docx(render_template(shipped_template_path("registration"), ctx))
    texts = [norm(p.text) for p in flat_paragraphs(doc)]
    i = texts.index("GIÁM ĐỐC")
    assert "KT." not in " ".join(texts)
    assert texts[i - 1] == "" and texts[i + 1] == "Nguyễn Văn A"


def test_table_without_continuation_row():
    two = SEED_REGISTRATION_CONTEXT["targets"][:2]
    ctx = dict(SEED_REGISTRATION_CONTEXT, table_continues=False, targets=two)
    doc = read_docx(render_template(shipped_template_path("registration"), ctx))
    rows = target_table(doc)._tbl.tr_lst
    assert [grid_texts(tr)[0] for tr in rows] == ["TT", "", "1", "2"]


@pytest.mark.django_db
def test_render_document_uses_shipped_template_and_checks_keys(seed_docx_bytes):
    data = render_document("registration", SEED_REGISTRATION_CONTEXT)
    ours = [norm(p.text) for p in flat_paragraphs(read_docx(data))]
    assert ours == [norm(p.text) for p in flat_paragraphs(read_docx(seed_docx_bytes))]
    broken = {k: v for k, v in SEED_REGISTRATION_CONTEXT.items() if k != "targets"}
    with pytest.raises(ValueError, match="targets"):
        render_document("registration", broken)
    with pytest.raises(ValueError, match="unknown document kind"):
        render_document("no_such_kind", SEED_REGISTRATION_CONTEXT)
