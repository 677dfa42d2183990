"""The decision as an official document: the context of the "decision" Word template (see
render.CONTEXT_KEYS) — heading, number, bases, articles, signature, recipients and the annex table
with the money per line, the total in figures and in words — and the DOCX/PDF export."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from thidua.catalog.models import AwardType
from thidua.core.money import amount_in_words, format_vnd
from thidua.documents import pdf, render
from thidua.organizations.models import Unit, UnitKind

from . import defaults
from .formatting import long_date, place_date
from .models import Decision, DecisionKind, DecisionLine, DecisionStatus
from .money import MoneyError, line_money
from .services import money_basis_text

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX"]


def heading_names(issuer: Unit, day) -> tuple[str, str]:
    """(parent body, issuing body) for the top left of the document. UBND tỉnh has no parent body
    and prints its name on two lines; an agency prints the province's People's Committee above."""
    if defaults.is_people_committee(issuer):
        name = issuer.names_on(day)[0].upper() if day else issuer.name.upper()
        head, sep, tail = name.partition(" TỈNH ")
        return "", f"{head}\nTỈNH {tail}" if sep else name
    doc_name = issuer.names_on(day)[1] if day else (issuer.document_name or issuer.name.upper())
    parent = issuer.parent.names_on(day)[1] if issuer.parent_id and issuer.kind == UnitKind.DEPARTMENT else (
        issuer.province.parent_body)
    return parent, doc_name


def cite(decision: Decision) -> str:
    return (f"Quyết định số {decision.number_display} ngày {long_date(decision.date)} của "
            f"{defaults.authority_name(decision.issuer, on=decision.date)}")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _count(n: int) -> str:
    return f"{n:02d}"


@dataclass
class AnnexGroup:
    no: str
    code: str
    title: str
    lines: list[DecisionLine]

    @property
    def total(self) -> int:
        return sum(line.amount or 0 for line in self.lines)


def annex_lines(decision: Decision) -> list[DecisionLine]:
    """The lines the annex lists: a revocation lists what it takes back, other acts their own."""
    if decision.kind == DecisionKind.REVOCATION:
        target = decision.revokes
        if decision.status == DecisionStatus.DRAFT:
            return list(target.lines.filter(revoked_by__isnull=True).order_by("position", "id"))
        return list(decision.revoked_lines.order_by("position", "id"))
    return sorted(decision.lines.all(), key=lambda ln: (ln.position, ln.id))


def withdrawn_lines(decision: Decision) -> list[DecisionLine]:
    """Lines of the corrected decision taken out of force by a correction (withdrawn or replaced)."""
    if decision.kind != DecisionKind.CORRECTION:
        return []
    if decision.status != DecisionStatus.DRAFT:
        return list(decision.revoked_lines.order_by("position", "id"))
    ids = {ln.pk for ln in decision.withdraws.all()} | {ln.replaces_id for ln in decision.lines.all() if ln.replaces_id}
    return list(DecisionLine.objects.filter(pk__in=ids).order_by("position", "id"))


def annex_groups(decision: Decision, lines: list[DecisionLine] | None = None) -> list[AnnexGroup]:
    """Lines grouped by title or form, in catalog order, individuals before collectives. `lines`:
    `annex_lines(decision)` when the caller has them already (a big annex is read once)."""
    awards = {a.code: a for a in AwardType.objects.all()}
    grouped: OrderedDict[tuple, list[DecisionLine]] = OrderedDict()
    lines = annex_lines(decision) if lines is None else lines

    def order(line: DecisionLine):
        award = awards.get(line.code)
        return (award.position if award and award.position else 99, line.code, line.is_collective,
                line.year, line.position, line.id)

    for line in sorted(lines, key=order):
        grouped.setdefault((line.code, line.is_collective, line.year), []).append(line)
    groups = []
    for i, ((code, collective, year), items) in enumerate(grouped.items()):
        award = awards.get(code)
        name = award.name if award else items[0].award_name
        is_title = award is not None and award.kind == "title"
        who = "tập thể" if collective else "cá nhân"
        label = f"Danh hiệu “{name}”" if is_title else name
        title = f"{label} năm {year} ({_count(len(items))} {who})"
        groups.append(AnnexGroup(no=ROMAN[i] if i < len(ROMAN) else str(i + 1), code=code, title=title,
                                 lines=items))
    return groups


def _summary(lines: list[DecisionLine]) -> str:
    """'danh hiệu “Lao động tiên tiến” năm 2022 cho 66 cá nhân; Bằng khen … cho 01 tập thể'."""
    awards = {a.code: a for a in AwardType.objects.all()}
    parts: OrderedDict[tuple, list[int]] = OrderedDict()
    for line in sorted(lines, key=lambda ln: (defaults.award_order(awards[ln.code]) if ln.code in awards
                                              else (99, ln.code), ln.year)):
        counts = parts.setdefault((line.code, line.year), [0, 0])
        counts[1 if line.is_collective else 0] += 1
    out = []
    for (code, year), (persons, collectives) in parts.items():
        award = awards.get(code)
        name = award.name if award else code
        label = defaults.award_label(award) if award is not None else name  # worded as the title is
        whom = []
        if collectives:
            whom.append(f"{_count(collectives)} tập thể")
        if persons:
            whom.append(f"{_count(persons)} cá nhân")
        out.append(f"{label} năm {year} cho {' và '.join(whom)}")
    return "; ".join(out)


def _verb(decision: Decision, lines: list[DecisionLine]) -> str:
    """An agency head 'công nhận' unit-level titles; everything else is 'tặng'."""
    levels = set(AwardType.objects.filter(code__in={ln.code for ln in lines}).values_list("level", "kind"))
    if decision.issuer.kind == UnitKind.AGENCY and levels and all(lv == "unit" and k == "title" for lv, k in levels):
        return "Công nhận"
    return "Tặng"


def _money_sentence(decision: Decision, lines: list[DecisionLine]) -> str:
    total = sum(ln.amount or 0 for ln in lines)
    basis = decision.money_basis or _preview_basis(decision, lines)
    sentence = f"Tiền thưởng thực hiện theo {basis}" if basis else "Tiền thưởng thực hiện theo quy định hiện hành"
    return (f"{sentence}. Tổng số tiền thưởng: {format_vnd(total)} đồng (Bằng chữ: {amount_in_words(total)}), "
            f"chi từ {decision.budget_source or defaults.budget_source_for(decision.issuer)}.")


def _preview_basis(decision: Decision, lines: list[DecisionLine]) -> str:
    """A draft has no recorded basis yet: the one its preview amounts were computed with."""
    if not lines or decision.date is None:
        return ""
    # One computation per distinct title and subject, not per line (three queries each): the same
    # bases and base salary, whether the annex has ten lines or ten thousand.
    kinds = dict.fromkeys((ln.code, ln.is_collective) for ln in lines)
    try:
        monies = [line_money(code, collective=collective, on=decision.date,
                             province_id=decision.issuer.province_id, issuer_level=decision.issuer.issuer_level)
                  for code, collective in kinds]
    except MoneyError:
        return ""
    return money_basis_text({m.coefficient_basis for m in monies}, monies[0].base_salary,
                            {m.salary_basis for m in monies})


def articles(decision: Decision, lines: list[DecisionLine] | None = None) -> list[dict]:
    """The articles after "QUYẾT ĐỊNH:", as paragraphs: {'label': 'Điều 1. ', 'text': …}; a
    continuation paragraph has an empty label. `lines`: as for `annex_groups`."""
    lines = annex_lines(decision) if lines is None else lines
    out: list[dict] = []
    if decision.kind == DecisionKind.REVOCATION:
        target = decision.revokes
        recovered = sum(ln.amount or 0 for ln in lines)
        out.append({"label": "Điều 1. ", "text": f"Thu hồi {cite(target)} {_lower_first(target.title)}."})
        out.append({"label": "", "text": f"Lý do: {decision.reason.rstrip('.')}."})
        money = "Các cá nhân, tập thể có tên trong danh sách kèm theo nộp lại hiện vật khen thưởng"
        if recovered:
            money += (f" và tiền thưởng đã nhận; tổng số tiền thu hồi: {format_vnd(recovered)} đồng "
                      f"(Bằng chữ: {amount_in_words(recovered)}).")
        else:
            money += "."
        out.append({"label": "Điều 2. ", "text": money})
        out.append({"label": "Điều 3. ", "text": decision.executors})
        return out
    if decision.kind == DecisionKind.CORRECTION:
        target = decision.corrects
        out.append({"label": "Điều 1. ", "text": f"Sửa đổi, bổ sung {cite(target)} "
                                                 f"{_lower_first(target.title)}, như sau:"})
        replaced = {ln.replaces_id: ln for ln in decision.lines.all() if ln.replaces_id}
        for old in withdrawn_lines(decision):
            new = replaced.get(old.pk)
            where = f" ({old.unit_name})" if old.unit_name else ""
            if new is None:
                out.append({"label": "", "text": f"- Thu hồi {old.award_name} năm {old.year} đã tặng cho "
                                                 f"{old.name}{where}."})
            else:
                out.append({"label": "", "text": f"- Đối với {old.name}{where}: thay “{old.award_name}” năm "
                                                 f"{old.year} bằng “{new.award_name}” năm {new.year}."})
        added = [ln for ln in lines if not ln.replaces_id]
        if added:
            out.append({"label": "", "text": f"- Bổ sung: {_verb(decision, added).lower()} {_summary(added)} "
                                             "(có danh sách kèm theo)."})
        out.append({"label": "", "text": f"Lý do: {decision.reason.rstrip('.')}."})
        old_total = sum(ln.amount or 0 for ln in withdrawn_lines(decision))
        money = _money_sentence(decision, lines) if lines else ""
        if old_total:
            money += (" " if money else "") + (f"Tiền thưởng đã nhận theo các nội dung bị thu hồi, thay thế "
                                               f"({format_vnd(old_total)} đồng) được nộp lại.")
        out.append({"label": "Điều 2. ", "text": money or "Không phát sinh tiền thưởng."})
        out.append({"label": "Điều 3. ", "text": f"Các nội dung khác của Quyết định số {target.number_display} "
                                                 f"giữ nguyên hiệu lực. {decision.executors}"})
        return out
    first = decision.article1 or (f"{_verb(decision, lines)} {_summary(lines)} (có danh sách kèm theo)."
                                  if lines else "")
    out.append({"label": "Điều 1. ", "text": first})
    out.append({"label": "Điều 2. ", "text": _money_sentence(decision, lines)})
    out.append({"label": "Điều 3. ", "text": decision.executors})
    return out


def annex_subtitle(decision: Decision, lines: list[DecisionLine]) -> str:
    persons = any(not ln.is_collective for ln in lines)
    collectives = any(ln.is_collective for ln in lines)
    who = "CÁ NHÂN, TẬP THỂ" if persons and collectives else ("TẬP THỂ" if collectives else "CÁ NHÂN")
    if decision.kind == DecisionKind.REVOCATION:
        return f"{who} BỊ THU HỒI DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG"
    kinds = set(AwardType.objects.filter(code__in={ln.code for ln in lines}).values_list("kind", flat=True))
    what = " VÀ ".join(w for k, w in (("title", "DANH HIỆU THI ĐUA"), ("form", "HÌNH THỨC KHEN THƯỞNG")) if k in kinds)
    verb = _verb(decision, lines).upper()
    return f"{who} ĐƯỢC {verb} {what or 'KHEN THƯỞNG'} NĂM {decision.award_year}"


def annex_rows(decision: Decision, lines: list[DecisionLine] | None = None) -> list[dict]:
    rows = []
    for group in annex_groups(decision, lines):
        rows.append({"group": True, "no": group.no, "name": group.title,
                     "position": "", "unit": "", "award": "", "amount": ""})
        for i, line in enumerate(group.lines, 1):
            rows.append({"group": False, "no": str(i), "name": line.name, "position": line.job_title,
                         "unit": line.unit_name, "award": line.award_name,
                         "amount": format_vnd(line.amount) if line.amount is not None else ""})
    return rows


def signer(decision: Decision) -> dict:
    authority = (f"{decision.signer_authority} {decision.signer_title}".strip()
                 if decision.signer_authority else "")
    return {"authority_line": authority, "position": decision.signer_position, "name": decision.signer_name}


def decision_context(decision: Decision, lines: list[DecisionLine] | None = None) -> dict:
    """What the decision's templates print. `lines`: as for `annex_groups`."""
    lines = annex_lines(decision) if lines is None else lines
    total = sum(ln.amount or 0 for ln in lines)
    parent, issuer = heading_names(decision.issuer, decision.date)
    return {
        "parent_body": parent,
        "issuer": issuer,
        "number_line": decision.number_display,
        "place_date": place_date(decision.place or decision.issuer.province.place_name, decision.date,
                                 fallback_year=decision.award_year + 1),
        "title": decision.title,
        "authority": decision.authority,
        "bases": list(decision.bases),
        "articles": articles(decision, lines),
        "signer": signer(decision),
        "recipients": list(decision.recipients),
        "has_annex": bool(lines),
        "annex_title": "DANH SÁCH",
        "annex_subtitle": annex_subtitle(decision, lines),
        "annex_note": f"(Kèm theo Quyết định số {decision.number_display} ngày "
                      f"{long_date(decision.date, decision.award_year + 1)} của "
                      f"{defaults.authority_name(decision.issuer, on=decision.date)})",
        "annex_rows": annex_rows(decision, lines),
        "total_amount": format_vnd(total),
        "total_words": amount_in_words(total),
    }


@dataclass(frozen=True)
class Exported:
    content: bytes
    filename: str
    content_type: str


def export_decision(decision: Decision, *, fmt: str = "docx") -> Exported:
    """The decision as .docx (or .pdf through LibreOffice: PdfUnavailable when it is missing)."""
    if fmt not in ("docx", "pdf"):
        raise ValueError("format must be docx or pdf")
    data = render.render_document("decision", decision_context(decision))
    number = f"{decision.number:02d}-{decision.year}" if decision.number else f"du-thao-{decision.pk}"
    stem = f"quyet-dinh-{number}-{decision.issuer.code}".lower()
    if fmt == "pdf":
        return Exported(pdf.docx_to_pdf(data), f"{stem}.pdf", "application/pdf")
    return Exported(data, f"{stem}.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
