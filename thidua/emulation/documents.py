"""From a registration to the data its official documents print (ND 30/2020 layout lives in the
Word templates of thidua.documents; this module only fills them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thidua.core import bounds
from thidua.core.formatting import place_date_line, short_date, two_digits
from thidua.documents import pdf, render

from .models import Registration

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


def signer_context(reg: Registration) -> dict:
    authority = f"{reg.signer_authority} {reg.signer_authority_title}".strip() if reg.signer_authority else ""
    return {"authority_line": authority.upper(), "position": reg.signer_position.upper(), "name": reg.signer_name}


def _heading(reg: Registration) -> dict:
    """The issuing body as it was named when the document was made (units get renamed)."""
    unit = reg.unit
    # A stored 30/02 (from before the bounds; `thidua doctor` repairs it) must not stop the export.
    on = (bounds.real_date(reg.doc_year or reg.year, reg.doc_month, reg.doc_day)
          or bounds.real_date(reg.year) or dt.date.today())
    _, document_name = unit.names_on(on)
    return {"parent_body": unit.province.parent_body.upper(), "issuer": document_name.upper()}


def registration_context(reg: Registration) -> dict:
    targets = sorted(reg.targets.all(), key=lambda t: (t.position, t.pk))
    return {
        **_heading(reg),
        "place_date": place_date_line(reg.place, reg.doc_day, reg.doc_month, reg.doc_year),
        "year": reg.year,
        "heading_year": reg.heading_year,
        "letter_number": reg.letter_number,
        "letter_symbol": reg.letter_symbol,
        "letter_date": short_date(reg.letter_day, reg.letter_month, reg.letter_year),
        "addressee": reg.addressee,
        "preamble": reg.preamble,
        "content_intro": reg.content_intro,
        "professional_goal": reg.professional_goal,
        "solutions": [s.text for s in reg.solutions.all()],
        "movements": [m.text for m in reg.movements.all()],
        "targets": [
            {
                "no": str(i),
                "label": t.label,
                "note": t.note,
                "collective_count": two_digits(t.collective_count),
                "collective_ratio": t.collective_ratio,
                "individual_count": two_digits(t.individual_count),
                "individual_ratio": t.individual_ratio,
            }
            for i, t in enumerate(targets, 1)
        ],
        "table_continues": True,
        "signer": signer_context(reg),
    }


def cover_letter_context(reg: Registration) -> dict:
    number = reg.letter_number or "     "
    unit_name = reg.unit.name
    return {
        **_heading(reg),
        "number_line": f"{number}/{reg.letter_symbol}" if reg.letter_symbol else number,
        "summary": f"đăng ký thi đua năm {reg.year}",
        "place_date": place_date_line(reg.place, reg.letter_day, reg.letter_month, reg.letter_year),
        "addressee": reg.addressee,
        "paragraphs": [
            f"Thực hiện phong trào thi đua năm {reg.year} do Ủy ban nhân dân tỉnh phát động, {unit_name} "
            f"gửi Bản đăng ký thi đua năm {reg.year} của đơn vị (có Bản đăng ký kèm theo).",
            "Kính đề nghị Trưởng Khối xem xét, tổng hợp./.",
        ],
        "signer": signer_context(reg),
        "recipients": ["Như trên", "Ban Thi đua – Khen thưởng tỉnh", "Lưu: VT"],
    }


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    filename: str
    content_type: str


def export_registration(reg: Registration, *, fmt: str = "docx", kind: str = "registration") -> ExportedFile:
    """The registration (or its covering letter, kind='cover_letter') as DOCX or PDF."""
    context = registration_context(reg) if kind == "registration" else cover_letter_context(reg)
    content = render.render_document(kind, context)
    stem = ("dang-ky-thi-dua" if kind == "registration" else "cong-van-dang-ky") + f"-{reg.year}-{reg.unit.code}"
    if fmt == "pdf":
        return ExportedFile(pdf.docx_to_pdf(content), f"{stem}.pdf", PDF_TYPE)
    return ExportedFile(content, f"{stem}.docx", DOCX_TYPE)
