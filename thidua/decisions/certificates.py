"""Certificates (Bằng khen, Giấy khen, titles) of an issued decision, as PDF: one page per line.

Two ways to print:
- "full": the whole certificate is drawn (frame, national heading, the deciding authority, the
  title or form) with the line's fields, on plain A4 landscape paper;
- "blank": only the fields, for the pre-printed blanks provinces buy. Blanks differ from province
  to province and printers shift the paper, so each field's position is the default one plus the
  offsets (mm) the province saved for that title or form (`CertificateLayout`); a test page prints
  a millimetre ruler and the field boxes so the offsets can be checked against a blank.

Drawn with reportlab at exact millimetre positions (LibreOffice through a DOCX cannot place text to
the millimetre), with Liberation Serif 2 (Debian's fonts-liberation2, metric-compatible with Times New
Roman, with the Vietnamese letters), or DejaVu Serif (fonts-dejavu-core) when it is missing.
Nothing is bundled."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from thidua.catalog.models import AwardType

from .defaults import authority_name
from .documents import signer
from .formatting import place_date
from .models import CertificateLayout, Decision, DecisionLine, DecisionStatus

PAGE_W, PAGE_H = landscape(A4)
MODES = {"day-du": "full", "phoi": "blank"}
MODE_NAMES = {"full": "Mẫu đầy đủ (giấy trắng)", "blank": "In trên phôi in sẵn"}


@dataclass(frozen=True)
class Slot:
    """A field on the page: centre x and baseline y in mm from the top-left corner, the widest it
    may be (mm) and its font."""

    label: str
    x: float
    y: float
    width: float
    size: float
    style: str = "regular"  # regular | bold | italic
    lines: int = 1


# Default positions on an A4 landscape certificate (297 × 210 mm). The pre-printed blanks follow
# the same scheme (heading and emblem printed above ~85 mm, signature block bottom right).
SLOTS: dict[str, Slot] = {
    "recipient": Slot("Họ tên, tên tập thể", 148.5, 100, 230, 24, "bold"),
    "details": Slot("Chức vụ, đơn vị", 148.5, 112, 240, 15, "italic"),
    "achievement": Slot("Thành tích", 148.5, 124, 240, 15, "regular", lines=2),
    "decision": Slot("Số, ngày quyết định", 72, 172, 120, 12),
    "place_date": Slot("Địa danh, ngày tháng", 216, 150, 140, 14, "italic"),
    "signer_position": Slot("Chức vụ người ký", 216, 158, 140, 14, "bold"),
    "signer_name": Slot("Họ tên người ký", 216, 188, 140, 15, "bold"),
    "register": Slot("Số vào sổ", 72, 180, 120, 12),
}

FONT_FILES = {
    "regular": ("LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"),
    "bold": ("LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"),
    "italic": ("LiberationSerif-Italic.ttf", "DejaVuSerif-Italic.ttf"),
}
# Liberation 2 (fonts-liberation2) has the Vietnamese letters; Liberation 1 (fonts-liberation) lacks
# the stacked ones (Ộ, ễ), so a font is taken only when it has every letter of VIETNAMESE.
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/dejavu",
             "/usr/share/fonts/truetype/liberation")
VIETNAMESE = "ĂÂĐÊÔƠƯăâđêôơưẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"


class CertificateError(Exception):
    """No certificate could be produced; the message says why, in Vietnamese."""


def _font_dirs() -> list[Path]:
    configured = getattr(settings, "THIDUA_FONT_DIRS", None) or ()
    return [Path(d) for d in (*configured, *FONT_DIRS)]


def _vietnamese_font(name: str, candidates: tuple[str, ...]) -> TTFont | None:
    for directory in _font_dirs():
        for filename in candidates:
            path = directory / filename
            if not path.is_file():
                continue
            try:
                font = TTFont(name, str(path))
            except (TTFError, OSError):
                continue
            if all(ord(ch) in font.face.charToGlyph for ch in VIETNAMESE):
                return font
    return None


def _register_fonts() -> dict[str, str]:
    """Font names by style, registered once per process."""
    names = {}
    for style, candidates in FONT_FILES.items():
        name = f"thidua-serif-{style}"
        if name not in pdfmetrics.getRegisteredFontNames():
            font = _vietnamese_font(name, candidates)
            if font is None:
                raise CertificateError("Máy chủ thiếu phông chữ có dấu tiếng Việt (gói fonts-liberation2 hoặc "
                                       "fonts-dejavu-core) nên chưa in được bằng, giấy khen. Hãy báo quản trị hệ "
                                       "thống.")
            pdfmetrics.registerFont(font)
        names[style] = name
    return names


def vietnamese_fonts() -> dict[str, str]:
    """The registered serif fonts with Vietnamese glyphs by style ("regular", "bold", "italic"), for
    other PDFs drawn with reportlab (the province's report). Raises CertificateError without them."""
    return _register_fonts()


@dataclass
class CertificateText:
    """What one certificate says."""

    authority: str
    verb: str
    award: str
    fields: dict[str, str]


def _award_heading(line: DecisionLine, awards: dict[str, AwardType]) -> tuple[str, str]:
    """('TẶNG', 'BẰNG KHEN') for a form, ('TẶNG DANH HIỆU', 'CHIẾN SĨ THI ĐUA CƠ SỞ') for a title;
    the words come from the line (as printed in the decision) and the catalog's kind."""
    award = awards.get(line.code)
    if award is not None and award.kind == "title":
        return "TẶNG DANH HIỆU", line.award_name.upper()
    # "Bằng khen của Chủ tịch UBND tỉnh": the certificate's own name is what comes before "của".
    return "TẶNG", line.award_name.split(" của ", 1)[0].upper()


def _achievement(line: DecisionLine, awards: dict[str, AwardType]) -> str:
    summary = ""
    nomination_line = getattr(line, "nomination_line", None)
    if nomination_line is not None and nomination_line.summary.strip():
        summary = " ".join(nomination_line.summary.split())
    if summary:
        return summary if len(summary) <= 220 else summary[:217].rsplit(" ", 1)[0] + "…"
    award = awards.get(line.code)
    if award is not None and award.kind == "title":
        return f"Đã đạt danh hiệu {line.award_name} năm {line.year}"
    return f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {line.year}"


def _recipient(line: DecisionLine) -> str:
    if line.is_collective:
        return line.name
    gender = line.staff.gender if line.staff_id else ""
    title = {"nam": "Ông", "nu": "Bà"}.get(gender, "Ông (Bà)")
    return f"{title} {line.name}"


def certificate_text(decision: Decision, line: DecisionLine, awards: dict[str, AwardType],
                     number: int) -> CertificateText:
    authority = (decision.authority or authority_name(decision.issuer, on=decision.date)).upper()
    verb, award = _award_heading(line, awards)
    sign = signer(decision)
    details = ", ".join(p for p in (line.job_title, line.unit_name) if p and p != line.name)
    place = decision.place or decision.issuer.province.place_name
    return CertificateText(
        authority=authority, verb=verb, award=award,
        fields={
            "recipient": _recipient(line),
            "details": details,
            "achievement": _achievement(line, awards),
            "decision": f"Quyết định số {decision.number_display} ngày {decision.date:%d/%m/%Y}",
            "place_date": place_date(place, decision.date),
            "signer_position": "\n".join(p for p in (sign["authority_line"], sign["position"]) if p).upper(),
            "signer_name": sign["name"],
            "register": f"Số vào sổ: {number:03d}/{decision.number_display}",
        },
    )


def printable_lines(decision: Decision) -> list[DecisionLine]:
    """The lines a certificate is printed for: those of an issued award decision still in force."""
    if decision.status != DecisionStatus.ISSUED:
        raise CertificateError("Chỉ in được bằng, giấy khen của quyết định đã ban hành.")
    lines = list(decision.lines.filter(revoked_by__isnull=True).select_related("staff", "nomination_line")
                 .order_by("position", "id"))
    if not lines:
        raise CertificateError("Quyết định không có dòng khen thưởng nào còn hiệu lực để in.")
    return lines


def _layout_offsets(layout: CertificateLayout | None, field: str) -> tuple[float, float]:
    if layout is None:
        return 0.0, 0.0
    dx, dy = (layout.field_offsets or {}).get(field, (0, 0))
    return float(layout.offset_x) + float(dx), float(layout.offset_y) + float(dy)


class _Page:
    def __init__(self, canvas: Canvas, fonts: dict[str, str]) -> None:
        self.canvas, self.fonts = canvas, fonts

    def text(self, text: str, x: float, y: float, size: float, style: str = "regular", width: float = 260,
             lines: int = 1) -> None:
        """Centred at x (mm), first baseline at y (mm from the top), shrunk to fit `width` in at most
        `lines` lines (long names and unit names must not run off the blank)."""
        font = self.fonts[style]
        paragraphs = text.split("\n")
        while True:
            wrapped = [w for p in paragraphs for w in simpleSplit(p, font, size, width * mm)]
            if len(wrapped) <= max(lines, len(paragraphs)) or size <= 8:
                break
            size -= 0.5
        self.canvas.setFont(font, size)
        for i, row in enumerate(wrapped):
            self.canvas.drawCentredString(x * mm, PAGE_H - (y * mm) - i * size * 1.25, row)


def _draw_full(page: _Page, text: CertificateText) -> None:
    c = page.canvas
    c.setStrokeColorRGB(0.64, 0.09, 0.1)
    c.setLineWidth(3)
    c.rect(10 * mm, 10 * mm, PAGE_W - 20 * mm, PAGE_H - 20 * mm)
    c.setLineWidth(0.8)
    c.rect(14 * mm, 14 * mm, PAGE_W - 28 * mm, PAGE_H - 28 * mm)
    c.setFillColorRGB(0, 0, 0)
    page.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 148.5, 30, 14, "bold")
    page.text("Độc lập - Tự do - Hạnh phúc", 148.5, 37, 14, "bold")
    c.setLineWidth(0.5)
    c.line((148.5 - 30) * mm, PAGE_H - 39.5 * mm, (148.5 + 30) * mm, PAGE_H - 39.5 * mm)
    page.text(text.authority, 148.5, 52, 15, "bold", 250)
    page.text(text.verb, 148.5, 62, 15, "bold")
    c.setFillColorRGB(0.64, 0.09, 0.1)
    page.text(text.award, 148.5, 80, 34, "bold", 250)
    c.setFillColorRGB(0, 0, 0)
    for name, slot in SLOTS.items():
        page.text(text.fields[name], slot.x, slot.y, slot.size, slot.style, slot.width, slot.lines)


def _draw_blank(page: _Page, text: CertificateText, layout: CertificateLayout | None) -> None:
    for name, slot in SLOTS.items():
        dx, dy = _layout_offsets(layout, name)
        page.text(text.fields[name], slot.x + dx, slot.y + dy, slot.size, slot.style, slot.width, slot.lines)


def render_certificates(decision: Decision, lines: list[DecisionLine], *, mode: str) -> bytes:
    """One page per line, in the decision's order."""
    if mode not in MODE_NAMES:
        raise ValueError(f"unknown certificate mode {mode!r}")
    fonts = _register_fonts()
    awards = {a.code: a for a in AwardType.objects.filter(code__in={ln.code for ln in lines})}
    layouts = {}
    if mode == "blank":
        layouts = {la.code: la for la in CertificateLayout.objects.filter(
            province_id=decision.issuer.province_id, code__in={ln.code for ln in lines})}
    order = {pk: i for i, pk in enumerate(decision.lines.order_by("position", "id").values_list("pk", flat=True))}
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    canvas.setTitle(f"Bằng, giấy khen theo Quyết định số {decision.number_display}")
    canvas.setAuthor(decision.issuer.name)
    page = _Page(canvas, fonts)
    for line in lines:
        text = certificate_text(decision, line, awards, order.get(line.pk, 0) + 1)
        if mode == "full":
            _draw_full(page, text)
        else:
            _draw_blank(page, text, layouts.get(line.code))
        canvas.showPage()
    try:
        canvas.save()
    except Exception as exc:  # reportlab raises plain errors for a broken font or page
        raise CertificateError("Không tạo được tệp PDF bằng, giấy khen; hãy thử lại hoặc báo quản trị hệ thống.") \
            from exc
    return buffer.getvalue()


def render_test_page(layout: CertificateLayout | None) -> bytes:
    """A page to hold against a blank: a millimetre ruler along two edges and, for each field, a box
    at its position (default + the saved offsets) with the field's name."""
    fonts = _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    canvas.setTitle("Trang in thử vị trí trên phôi")
    page = _Page(canvas, fonts)
    canvas.setLineWidth(0.3)
    for x in range(0, 298, 5):
        tick = 6 if x % 10 == 0 else 3
        canvas.line(x * mm, PAGE_H, x * mm, PAGE_H - tick * mm)
        if x % 50 == 0 and x:
            canvas.setFont(fonts["regular"], 7)
            canvas.drawCentredString(x * mm, PAGE_H - 10 * mm, f"{x}")
    for y in range(0, 211, 5):
        tick = 6 if y % 10 == 0 else 3
        canvas.line(0, PAGE_H - y * mm, tick * mm, PAGE_H - y * mm)
        if y % 50 == 0 and y:
            canvas.setFont(fonts["regular"], 7)
            canvas.drawString(8 * mm, PAGE_H - y * mm - 2, f"{y}")
    page.text("TRANG IN THỬ – đặt lên phôi, soi dưới ánh sáng để so vị trí các ô (đơn vị: mm)", 148.5, 20, 11,
              "italic")
    for name, slot in SLOTS.items():
        dx, dy = _layout_offsets(layout, name)
        x, y = slot.x + dx, slot.y + dy
        top = PAGE_H - (y * mm) - (slot.size * 0.35)
        canvas.setDash(2, 2)
        canvas.rect((x - slot.width / 2) * mm, top - 2, slot.width * mm, slot.size * 1.25 * slot.lines + 4)
        canvas.setDash()
        page.text(f"[{slot.label}] x={x:.1f} y={y:.1f}", x, y, min(slot.size, 12), "regular", slot.width)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def certificate_filename(decision: Decision, mode: str, line: DecisionLine | None = None) -> str:
    stem = decision.number_display.replace("/", "-")
    suffix = f"-dong-{line.pk}" if line is not None else ""
    return f"bang-giay-khen-{stem}{suffix}-{'phoi' if mode == 'blank' else 'day-du'}.pdf"
