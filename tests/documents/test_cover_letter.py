"""The cover letter (công văn): number, summary, body, signature and recipients."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua.documents.render import render_document, render_template, shipped_template_path
from thidua.documents.samples import SAMPLE_COVER_LETTER_CONTEXT

from .conftest import effective, flat_paragraphs, norm, read_docx


def _paragraphs(data):
    return [p for p in flat_paragraphs(read_docx(data)) if norm(p.text)]


def test_cover_letter_reads_back(cover_docx_bytes):
    paragraphs = _paragraphs(cover_docx_bytes)
    texts = [norm(p.text) for p in paragraphs]
    ctx = SAMPLE_COVER_LETTER_CONTEXT
    expected = [
        "UBND TỈNH THÁI NGUYÊN",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /KHCN-TTR",
        "V/v đăng ký thi đua năm 2022",
        norm(ctx["place_date"]),
        "Kính gửi: " + ctx["addressee"],
        *[norm(p) for p in ctx["paragraphs"]],
        "Nơi nhận:",
        "- Như trên;",
        "- Ban Thi đua - Khen thưởng tỉnh (b/c);",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, TTR.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Đinh Bộ Sơn",
    ]
    assert texts == expected
    by_text = dict(zip(texts, paragraphs, strict=True))

    number = by_text["Số: /KHCN-TTR"]
    assert number.runs[0].font.size.pt == 13
    # The blank for the number survives (drafts are numbered by hand).
    assert "Số:      /KHCN-TTR" in number.text
    assert by_text["V/v đăng ký thi đua năm 2022"].runs[0].font.size.pt == 12

    received = by_text["Nơi nhận:"]
    assert received.runs[0].font.size.pt == 12
    assert effective(received.runs[0], received, "bold") and effective(received.runs[0], received, "italic")
    assert received.alignment in (None, WD_ALIGN_PARAGRAPH.LEFT)
    for line in texts[texts.index("Nơi nhận:") + 1 : texts.index("KT. GIÁM ĐỐC")]:
        assert all(r.font.size.pt == 11 for r in by_text[line].runs if r.text.strip())

    body = by_text[norm(ctx["paragraphs"][0])]
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    for line in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đinh Bộ Sơn"):
        p = by_text[line]
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(effective(r, p, "bold") for r in p.runs if r.text.strip())


def test_single_recipient_is_the_archive_line():
    ctx = dict(SAMPLE_COVER_LETTER_CONTEXT, recipients=["Lưu: VT"])
    texts = [norm(p.text) for p in _paragraphs(render_template(shipped_template_path("cover_letter"), ctx))]
    assert texts[texts.index("Nơi nhận:") + 1] == "- Lưu: VT."


@pytest.mark.django_db
def test_render_document_cover_letter(cover_docx_bytes):
    out = render_document("cover_letter", SAMPLE_COVER_LETTER_CONTEXT)
    assert [norm(p.text) for p in _paragraphs(out)] == [norm(p.text) for p in _paragraphs(cover_docx_bytes)]
