"""The minutes of a council session (biên bản, BB) as an official document: the context of the
"council_minutes" Word template (render.CONTEXT_KEYS) and its DOCX/PDF export."""

from __future__ import annotations

from dataclasses import dataclass

from thidua.catalog.models import AwardType
from thidua.decisions.formatting import long_date, place_date, short_unit_name
from thidua.documents import pdf, render
from thidua.organizations.models import UnitKind
from thidua.rules import tally

from . import selectors
from .models import ROLE_ORDER, MemberRole, Presence, Session

COUNCIL_HEADING = "HỘI ĐỒNG\nTHI ĐUA - KHEN THƯỞNG"


def _count(n: int) -> str:
    return f"{n:02d}"


def _member_row(attendance) -> dict:
    member = attendance.member
    note = {Presence.WRITTEN: "có ý kiến bằng văn bản", Presence.ABSENT: "vắng mặt"}.get(attendance.presence, "")
    return {"name": member.full_name, "position": member.position, "role": member.get_role_display(), "note": note}


def _by_role(rows):
    return sorted(rows, key=lambda a: (ROLE_ORDER.get(a.member.role, 9), a.member.full_name))


def candidate_rows(session: Session) -> list[dict]:
    awards = dict(AwardType.objects.values_list("code", "name"))
    rows = []
    for i, c in enumerate(sorted(session.candidates.all(), key=lambda c: (c.position, c.id)), 1):
        ballot = getattr(c, "ballot", None)
        owner = session.council.owner
        if c.staff_id:
            dept = c.staff.department.names_on(session.date)[0] if c.staff.department_id else ""
            agency = short_unit_name(c.staff.agency, on=session.date, province_id=owner.province_id)
            where = dept if c.staff.agency_id == owner.pk else ", ".join(p for p in (dept, agency) if p)
            name = c.staff.full_name
        else:
            where = (short_unit_name(c.unit.parent, on=session.date, province_id=owner.province_id)
                     if c.unit.parent_id and c.unit.parent_id != owner.pk else "")
            name = c.unit.names_on(session.date)[0]
        share = ""
        if ballot is not None:
            share = tally.Tally(passed=ballot.passed, quorum_met=True, quorum_required=0, base=ballot.base,
                                required_yes=ballot.required_yes, yes=ballot.yes, no=ballot.no,
                                invalid=ballot.invalid).yes_percent
        rows.append({
            "no": str(i), "name": name, "unit": where, "award": f"{awards.get(c.code, c.code)} năm {c.year}",
            "code": c.code,
            "yes": _count(ballot.yes) if ballot else "", "share": share,
            "against": _count(ballot.no) if ballot else "", "invalid": _count(ballot.invalid) if ballot else "",
            "result": ("Đạt" if ballot.passed else "Không đạt") if ballot else "Chưa bỏ phiếu",
            "passed": bool(ballot and ballot.passed),
        })
    return rows


def minutes_context(session: Session) -> dict:
    council = session.council
    owner = council.owner
    present = _by_role([a for a in session.attendance.all() if a.presence == Presence.PRESENT])
    absent = _by_role([a for a in session.attendance.all() if a.presence != Presence.PRESENT])
    att = selectors.attendance(session)
    written = att.written
    chair = next((a.member for a in present if a.member.role == MemberRole.CHAIR), None) or next(
        (a.member for a in present if a.member.role == MemberRole.VICE_CHAIR), None)
    secretary = next((a.member for a in present if a.member.role == MemberRole.SECRETARY), None)
    rows = candidate_rows(session)
    thresholds = []
    seen = set()
    for ballot in selectors.ballots_of(session).order_by("candidate__position"):
        text = f"{ballot.threshold_text} ({ballot.basis})" if ballot.basis else ballot.threshold_text
        key = (ballot.candidate.code, text)
        name = AwardType.objects.filter(code=ballot.candidate.code).values_list("name", flat=True).first()
        line = f"{name or ballot.candidate.code}: {text}"
        if key not in seen and line not in thresholds:
            seen.add(key)
            thresholds.append(line)
    first = selectors.ballots_of(session).select_related("threshold").exclude(threshold=None).first()
    quorum = first.threshold.quorum if first else tally.Ratio(2, 3)
    quorum_ok = quorum.met_by(att.present, att.members)
    share_present = tally.Tally(passed=True, quorum_met=True, quorum_required=0, base=att.members, required_yes=0,
                                yes=att.present, no=0, invalid=0).yes_percent
    content = [
        f"{session.purpose or 'Xét tặng danh hiệu thi đua, hình thức khen thưởng'}, theo "
        f"{session.rule_set.name}.",
        f"Số thành viên dự họp: {_count(att.present)}/{_count(att.members)} ({share_present}); "
        f"{'đủ' if quorum_ok else 'không đủ'} điều kiện tiến hành họp theo quy định (tối thiểu {quorum.label()} "
        "tổng số thành viên Hội đồng).",
        f"Hội đồng đã xem xét hồ sơ, thành tích của {_count(len(rows))} trường hợp được đề nghị và bỏ phiếu kín; "
        "Ban kiểm phiếu đã kiểm phiếu và công bố kết quả.",
    ]
    passed = [r for r in rows if r["passed"]]
    conclusion = []
    if passed:
        conclusion.append(f"Hội đồng thống nhất đề nghị {_count(len(passed))} trường hợp đạt số phiếu tán thành "
                          "theo quy định, gồm:")
        conclusion.extend(f"- {r['name']}{', ' + r['unit'] if r['unit'] else ''}: {r['award']};" for r in passed)
    else:
        conclusion.append("Không có trường hợp nào đạt số phiếu tán thành theo quy định.")
    failed = [r for r in rows if not r["passed"]]
    if failed:
        conclusion.append("Các trường hợp không đạt số phiếu tán thành theo quy định: "
                          + "; ".join(f"{r['name']} ({r['award']})" for r in failed) + ".")
    if session.conclusion:
        conclusion.append(session.conclusion)
    end = f"{session.end_time:%H} giờ {session.end_time:%M} phút" if session.end_time else "     giờ      phút"
    start = f"{session.start_time:%H} giờ {session.start_time:%M} phút, " if session.start_time else ""
    # An agency's council prints the agency above it; the province's council, the People's Committee.
    parent = owner.names_on(session.date)[1] if owner.kind == UnitKind.AGENCY else owner.province.parent_body
    return {
        "parent_body": parent,
        "issuer": COUNCIL_HEADING,
        "number_line": session.minutes_number_display,
        "place_date": place_date(owner.province.place_name, session.date),
        "title": f"Họp {council.name} {_lower_first(session.purpose)}" if session.purpose else f"Họp {council.name}",
        "time_line": f"{start}ngày {long_date(session.date)}",
        "place": session.place or owner.name,
        "composition": f"Tổng số thành viên Hội đồng: {_count(att.members)}; có mặt: {_count(att.present)}; "
                       f"vắng mặt: {_count(att.members - att.present)}"
                       + (f" (có ý kiến bằng văn bản: {_count(written)})" if written else "") + ".",
        "chair": f"{chair.full_name}, {chair.get_role_display()}" if chair else "",
        "secretary": f"{secretary.full_name}, {secretary.get_role_display()}" if secretary else "",
        "present_members": [_member_row(a) for a in present],
        "absent_members": [_member_row(a) for a in absent],
        "content": content,
        "candidates": [{k: r[k] for k in ("no", "name", "unit", "award", "yes", "share", "against", "invalid",
                                          "result")} for r in rows],
        "thresholds": thresholds,
        "conclusion": conclusion,
        "closing": f"Phiên họp kết thúc vào hồi {end} cùng ngày. Biên bản đã được thông qua trước Hội đồng./.",
        # Minutes are signed by who presided and who kept them (law.md §6), not by the issuer's head.
        "left_signer": {"title": "THƯ KÝ", "name": secretary.full_name if secretary else ""},
        "right_signer": {"title": "CHỦ TỌA", "name": chair.full_name if chair else ""},
    }


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Exported:
    content: bytes
    filename: str
    content_type: str


def export_minutes(session: Session, *, fmt: str = "docx") -> Exported:
    if fmt not in ("docx", "pdf"):
        raise ValueError("format must be docx or pdf")
    data = render.render_document("council_minutes", minutes_context(session))
    stem = f"bien-ban-{session.council.owner.code}-{session.date:%Y%m%d}".lower()
    if fmt == "pdf":
        return Exported(pdf.docx_to_pdf(data), f"{stem}.pdf", "application/pdf")
    return Exported(data, f"{stem}.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
