"""The dossier's documents: the context of the "proposal_letter" (tờ trình) and
"achievement_report" (báo cáo thành tích) Word templates (see documents.render.CONTEXT_KEYS), and
their DOCX/PDF export. The council's minutes come from `councils.documents.export_minutes`."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from thidua.catalog.models import AwardType
from thidua.decisions.documents import ROMAN, heading_names
from thidua.decisions.formatting import place_date, short_unit_name
from thidua.documents import pdf, render
from thidua.evaluation.models import Achievement, AwardRecord, CollectiveRating, Rating
from thidua.organizations.models import Staff, UnitKind
from thidua.organizations.services import lineage_ids
from thidua.rules.types import RATING_NAMES

from .models import Level, LineStatus, Nomination, NominationLine

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Exported:
    content: bytes
    filename: str
    content_type: str


def _export(kind: str, context: dict, stem: str, fmt: str) -> Exported:
    if fmt not in ("docx", "pdf"):
        raise ValueError("format must be docx or pdf")
    data = render.render_document(kind, context)
    if fmt == "pdf":
        return Exported(pdf.docx_to_pdf(data), f"{stem}.pdf", "application/pdf")
    return Exported(data, f"{stem}.docx", DOCX)


def _count(n: int) -> str:
    return f"{n:02d}"


def _where(line: NominationLine) -> str:
    if line.staff_id:
        staff = line.staff
        place = staff.department.name if staff.department_id else staff.agency.name
        return f"{staff.position}, {place}" if staff.position else place
    unit = line.unit
    return unit.parent.name if unit.kind == UnitKind.DEPARTMENT and unit.parent_id else unit.province.name


def _signer(nomination: Nomination) -> dict:
    authority = (f"{nomination.signer_authority} {nomination.signer_title}".strip()
                 if nomination.signer_authority else "")
    return {"authority_line": authority, "position": nomination.signer_position, "name": nomination.signer_name}


def proposal_rows(nomination: Nomination, lines: list[NominationLine]) -> tuple[list[dict], str]:
    """The list grouped by title or form (I, II …), and the sentence that introduces it."""
    names = dict(AwardType.objects.values_list("code", "name"))
    groups: OrderedDict[str, list[NominationLine]] = OrderedDict()
    for line in lines:
        groups.setdefault(line.code, []).append(line)
    rows = []
    people = sum(1 for ln in lines if ln.staff_id)
    collectives = len(lines) - people

    def who(group: list[NominationLine]) -> str:
        c, p = sum(1 for ln in group if ln.unit_id), sum(1 for ln in group if ln.staff_id)
        return ", ".join(part for part in (f"{_count(c)} tập thể" if c else "", f"{_count(p)} cá nhân" if p else "")
                         if part)

    for i, (code, group) in enumerate(groups.items()):
        award = names.get(code, code)
        rows.append({"group": True, "no": ROMAN[i] if i < len(ROMAN) else str(i + 1),
                     "name": f"{award} ({who(group)})", "unit": "", "award": ""})
        for n, line in enumerate(group, 1):
            rows.append({"group": False, "no": str(n), "name": line.subject_name, "unit": _where(line),
                         "award": award})
    parts = [f"{_count(collectives)} tập thể" if collectives else "", f"{_count(people)} cá nhân" if people else ""]
    intro = (f"{nomination.unit.name} kính đề nghị xét tặng danh hiệu thi đua, hình thức khen thưởng năm "
             f"{nomination.year} cho {' và '.join(p for p in parts if p)}, cụ thể như sau:")
    return rows, intro


def proposal_letter_context(nomination: Nomination) -> dict:
    lines = list(nomination.lines.exclude(status=LineStatus.RETURNED).select_related(
        "staff", "staff__department", "staff__agency", "unit", "unit__parent", "unit__province"))
    unit = nomination.unit
    parent_body, issuer = heading_names(unit, nomination.doc_date)
    rows, intro = proposal_rows(nomination, lines)
    own = short_unit_name(unit, province_id=unit.province_id)
    if nomination.body.strip():
        paragraphs = [p.strip() for p in nomination.body.splitlines() if p.strip()]
    else:
        paragraphs = [
            "Căn cứ Luật Thi đua, khen thưởng và các văn bản quy định chi tiết, hướng dẫn thi hành;",
            f"Căn cứ kết quả thực hiện nhiệm vụ và phong trào thi đua năm {nomination.year} của {unit.name};",
            f"Căn cứ kết quả bình xét của Hội đồng Thi đua – Khen thưởng {own},"
            if nomination.level == Level.PROVINCE else
            f"Căn cứ kết quả xếp loại chất lượng năm {nomination.year} và đề nghị của các phòng, ban,",
        ]
    closing = [
        "(Có báo cáo thành tích của các tập thể, cá nhân và biên bản họp Hội đồng Thi đua – Khen thưởng kèm theo.)",
        f"Kính đề nghị {nomination.addressee} xem xét, quyết định./.",
    ]
    return {
        "parent_body": parent_body, "issuer": issuer, "number_line": nomination.number_display,
        "place_date": place_date(unit.province.place_name, nomination.doc_date, nomination.year + 1),
        "title": nomination.title, "addressee": nomination.addressee, "paragraphs": paragraphs,
        "list_intro": intro, "rows": rows, "closing": closing, "signer": _signer(nomination),
        "recipients": ["Như trên", "Lãnh đạo đơn vị", f"Lưu: VT, {unit.symbol or 'TĐKT'}"],
    }


def export_proposal_letter(nomination: Nomination, *, fmt: str = "docx") -> Exported:
    stem = f"to-trinh-{nomination.unit.code}-{nomination.year}-{nomination.pk}".lower()
    return _export("proposal_letter", proposal_letter_context(nomination), stem, fmt)


def _decision_text(record: AwardRecord) -> str:
    parts = [record.decision_number or "", f"ngày {record.awarded_on:%d/%m/%Y}" if record.awarded_on else ""]
    text = " ".join(p for p in parts if p)
    return f"{text} – {record.issuer}" if record.issuer else text


def achievement_report_context(line: NominationLine) -> dict:
    """Báo cáo thành tích of a person (lý lịch, ratings and initiatives of the last years, award
    history) or of a collective (its ratings and award history, through its lineage)."""
    nomination = line.nomination
    year = nomination.year
    names = dict(AwardType.objects.values_list("code", "name"))
    award = names.get(line.code, line.code)
    since = year - 4
    achievements = [s.strip() for s in line.summary.splitlines() if s.strip()]
    if line.staff_id:
        staff = Staff.objects.select_related("agency", "department").get(pk=line.staff_id)
        gender = {"nam": "Nam", "nu": "Nữ"}.get(staff.gender, "")
        profile = [f"Họ và tên: {staff.full_name}" + (f"; giới tính: {gender}" if gender else ""),
                   *([f"Năm sinh: {staff.birth_year}"] if staff.birth_year else []),
                   "Đơn vị công tác: " + ", ".join(n for n in (staff.department.name if staff.department_id else "",
                                                               staff.agency.name) if n),
                   *([f"Chức vụ: {staff.position}"] if staff.position else [])]
        ratings = Rating.objects.filter(staff=staff, year__gte=since, year__lte=year).order_by("year")
        achievements += [f"Năm {r.year}: {RATING_NAMES.get(r.rating, r.rating).lower()}" for r in ratings]
        achievements += [
            f"{a.get_kind_display()} “{a.title}”" + (f" ({a.get_scope_display().lower()})" if a.scope else "")
            + (f", {a.recognised_by}" if a.recognised_by else "")
            + (f" công nhận ngày {a.recognised_on:%d/%m/%Y}" if a.recognised_on else "") + f" (năm {a.year})"
            for a in Achievement.objects.filter(staff=staff, year__gte=since, year__lte=year).order_by("year", "title")]
        history = AwardRecord.objects.filter(staff=staff).order_by("year", "code")
        heading, name = "SƠ LƯỢC LÝ LỊCH", staff.full_name
        duties = staff.position or "Thực hiện nhiệm vụ chuyên môn được giao."
    else:
        unit = line.unit
        people = Staff.objects.active_in_year(year)
        members = (people.filter(department=unit) if unit.kind == UnitKind.DEPARTMENT
                   else people.filter(agency=unit)).count()
        above = unit.parent.name if unit.parent_id else unit.province.name
        profile = [f"Tên tập thể: {unit.name}", f"Trực thuộc: {above}",
                   f"Tổng số cán bộ, công chức, viên chức, người lao động: {members}"]
        ratings = CollectiveRating.objects.filter(unit=unit, year__gte=since, year__lte=year).order_by("year")
        achievements += [f"Năm {r.year}: tập thể {RATING_NAMES.get(r.rating, r.rating).lower()}" for r in ratings]
        history = AwardRecord.objects.filter(unit_id__in=lineage_ids(unit.pk)).order_by("year", "code")
        heading, name = "SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", f"Thủ trưởng {unit.name}"
        duties = f"Thực hiện chức năng, nhiệm vụ của {unit.name}."
    return {
        "place_date": place_date(nomination.unit.province.place_name, nomination.doc_date, year + 1),
        "title": f"ĐỀ NGHỊ TẶNG {award.upper()} NĂM {year}",
        "profile_heading": heading, "profile": profile, "duties": duties, "achievements": achievements,
        "history": [{"year": str(r.year), "award": names.get(r.code, r.code), "decision": _decision_text(r)}
                    for r in history],
        "left_signer": {"title": "Thủ trưởng đơn vị", "name": nomination.signer_name},
        "right_signer": {"title": "Người báo cáo thành tích" if line.staff_id else "Thủ trưởng tập thể",
                         "name": name if line.staff_id else ""},
    }


def export_achievement_report(line: NominationLine, *, fmt: str = "docx") -> Exported:
    stem = f"bao-cao-thanh-tich-{line.nomination.year}-{line.code}-{line.pk}".lower()
    return _export("achievement_report", achievement_report_context(line), stem, fmt)
