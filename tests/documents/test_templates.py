"""Which template is used (uploaded replacement or shipped), escaping, and template checks."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.base import ContentFile

from thidua.documents.models import DocumentTemplate, TemplateKind
from thidua.documents.render import (
    CONTEXT_HELP,
    CONTEXT_KEYS,
    DocumentTemplateError,
    check_template,
    render_document,
    render_template,
    shipped_template_path,
    template_bytes,
)
from thidua.documents.samples import SAMPLE_COVER_LETTER_CONTEXT, SEED_REGISTRATION_CONTEXT

from .conftest import flat_paragraphs, norm, read_docx


def tiny_template(*lines: str) -> bytes:
    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def texts(data: bytes) -> list[str]:
    return [norm(p.text) for p in flat_paragraphs(read_docx(data)) if norm(p.text)]


@pytest.mark.django_db
def test_uploaded_template_replaces_the_shipped_one(_media_root):
    upload = tiny_template("MẪU RIÊNG CỦA TỈNH", "{{ issuer }} – {{ signer.name }}")
    DocumentTemplate.objects.create(kind=TemplateKind.REGISTRATION, file=ContentFile(upload, name="mau.docx"))
    stored = DocumentTemplate.objects.get()
    assert (_media_root / stored.file.name).exists()

    assert template_bytes("registration") == upload
    out = render_document(TemplateKind.REGISTRATION, SEED_REGISTRATION_CONTEXT)
    assert texts(out) == ["MẪU RIÊNG CỦA TỈNH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ – Đinh Bộ Sơn"]

    # The other kind still comes from the shipped file.
    assert template_bytes("cover_letter") == shipped_template_path("cover_letter").read_bytes()


@pytest.mark.django_db
def test_uploaded_file_gone_falls_back_to_shipped(_media_root):
    tpl = DocumentTemplate.objects.create(kind="registration", file=ContentFile(tiny_template("X"), name="mau.docx"))
    (_media_root / tpl.file.name).unlink()
    assert template_bytes("registration") == shipped_template_path("registration").read_bytes()


def test_values_are_escaped():
    nasty = "KH&CN <b>đậm</b> \"thẳng\" 'đơn' “cong” {{ not_a_tag }} & &amp;"
    out = render_template(
        tiny_template("{{ issuer }}", "{{ signer.name }}"), {"issuer": nasty, "signer": {"name": "A < B > C"}}
    )
    assert texts(out) == [norm(nasty), "A < B > C"]


def test_escaping_in_the_shipped_template():
    ctx = dict(SEED_REGISTRATION_CONTEXT, addressee='Sở KH&CN <Thái Nguyên> "A" “B”')
    ctx["targets"] = [dict(ctx["targets"][0], label="Lao động <tiên tiến> & “xuất sắc”", note="a&b")]
    out = texts(render_template(shipped_template_path("registration"), ctx))
    assert 'Kính gửi: Sở KH&CN <Thái Nguyên> "A" “B”' in out
    assert any("Sở Khoa học và Công nghệ (KH&CN)" in t for t in out)
    table = [
        t
        for t in read_docx(render_template(shipped_template_path("registration"), ctx)).tables
        if norm(t.rows[0].cells[0].text) == "TT"
    ][0]
    assert norm(table.rows[2].cells[1].text) == "Lao động <tiên tiến> & “xuất sắc” (a&b)"


def test_none_prints_empty_and_newline_breaks_line():
    out = render_template(tiny_template("[{{ a }}]", "{{ b }}"), {"a": None, "b": "dòng 1\ndòng 2"})
    doc = read_docx(out)
    assert norm(doc.paragraphs[0].text) == "[]"
    assert "<w:br/>" in doc.paragraphs[1]._p.xml
    assert doc.paragraphs[1].text == "dòng 1\ndòng 2"


def test_broken_template_is_reported_in_vietnamese():
    with pytest.raises(DocumentTemplateError, match="sai cú pháp"):
        check_template("registration", tiny_template("{{ issuer "))
    with pytest.raises(DocumentTemplateError):
        check_template("registration", b"not a docx")
    # A valid replacement passes the check.
    check_template("cover_letter", tiny_template("{{ summary }}"))


def test_shipped_templates_pass_the_check():
    for kind in CONTEXT_KEYS:
        check_template(kind, shipped_template_path(kind).read_bytes())


def test_context_keys_are_documented_and_match_samples():
    assert set(CONTEXT_KEYS) == set(TemplateKind.values)
    from thidua.documents.render import sample_contexts

    samples = sample_contexts()
    assert samples["registration"] is SEED_REGISTRATION_CONTEXT
    assert samples["cover_letter"] is SAMPLE_COVER_LETTER_CONTEXT
    for kind, keys in CONTEXT_KEYS.items():
        for key in keys:
            assert key in CONTEXT_HELP, key
        top = {k for k in keys if "." not in k and "[" not in k}
        assert top == set(samples[kind]), kind
