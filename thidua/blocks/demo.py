"""Demo data of the block's year (loaded by `thidua demo`): KHOI-TMTH 2022's compact and scoring
table, every member's self-score and cross-score (one cross-score left as a draft), the meeting's
agreed scores (two ties on the total, broken by the stated rule), the review meeting not yet
published so the head's desk has its last steps to do, and the province's movement for 2022 with its
registration deadline. Idempotent: what exists is kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from thidua.accounts.models import User
from thidua.emulation.models import Movement, MovementKind
from thidua.organizations.models import BlockYear, Unit

from .models import (
    AgreedScore,
    Compact,
    Criterion,
    CriterionGroup,
    GroupKind,
    Review,
    Score,
    Scorecard,
    ScorecardStatus,
)

YEAR = 2022

TABLE = [
    ("I", "Thực hiện nhiệm vụ chính trị, chuyên môn được giao", GroupKind.STANDARD, None, [
        ("1", "Hoàn thành các chỉ tiêu, nhiệm vụ kế hoạch năm được UBND tỉnh giao", 30,
         "Báo cáo tổng kết năm, đối chiếu chỉ tiêu kế hoạch"),
        ("2", "Tham mưu ban hành văn bản đúng thời hạn, bảo đảm chất lượng", 20, "Danh mục văn bản tham mưu"),
    ]),
    ("II", "Công tác thi đua, khen thưởng", GroupKind.STANDARD, None, [
        ("3", "Đăng ký thi đua, ký giao ước thi đua đầy đủ, đúng thời hạn", 5, ""),
        ("4", "Tổ chức phong trào thi đua, phát hiện và nhân rộng điển hình tiên tiến", 10, ""),
        ("5", "Báo cáo công tác thi đua, khen thưởng đầy đủ, đúng hạn", 5, ""),
    ]),
    ("III", "Cải cách hành chính, chuyển đổi số", GroupKind.STANDARD, None, [
        ("6", "Kết quả chỉ số cải cách hành chính của đơn vị", 10, ""),
        ("7", "Ứng dụng công nghệ thông tin, văn bản điện tử", 5, ""),
    ]),
    ("IV", "Xây dựng tổ chức đảng, đoàn thể vững mạnh", GroupKind.STANDARD, None, [
        ("8", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", 10, ""),
        ("9", "Công đoàn, Đoàn Thanh niên hoàn thành tốt nhiệm vụ trở lên", 5, ""),
    ]),
    ("B", "Điểm thưởng", GroupKind.BONUS, Decimal(5), [
        ("10", "Có mô hình, sáng kiến được cấp tỉnh trở lên công nhận", 3, ""),
        ("11", "Được Thủ tướng Chính phủ hoặc bộ, ngành trung ương khen thưởng trong năm", 2, ""),
    ]),
    ("C", "Điểm trừ", GroupKind.PENALTY, None, [
        ("12", "Chậm đăng ký thi đua, chậm báo cáo theo yêu cầu của Khối (mỗi lần trừ 1 điểm)", 5, ""),
        ("13", "Có cán bộ, công chức bị kỷ luật từ khiển trách trở lên", 10, ""),
    ]),
]

# Points the meeting agreed, as what each member lost against the maximum on criteria 1–9, and the
# bonus (10, 11) and penalty (12, 13) points. Totals: SKHDT 99; SKHCN and STC 97 (SKHCN ahead on the
# criteria points); VPUBND 95; STP and TTT 94, equal on every point, STP ahead on the cross-score.
AGREED = {
    "SKHDT": ({"1": 2, "2": 1, "4": 1, "6": 1}, {"10": 3, "11": 1}, {}),
    "SKHCN": ({"1": 2, "2": 2, "6": 1, "7": 1}, {"10": 3}, {}),
    "STC": ({"1": 3, "2": 2, "4": 1, "6": 1}, {"10": 2, "11": 2}, {}),
    "VPUBND": ({"1": 3, "2": 2, "4": 1, "7": 1}, {"10": 2}, {}),
    "STP": ({"1": 3, "2": 2, "4": 2, "6": 1}, {"10": 2}, {}),
    "TTT": ({"1": 4, "2": 2, "6": 1, "8": 1}, {"10": 2}, {}),
    "SNV": ({"1": 4, "2": 2, "4": 2, "6": 1}, {"10": 1}, {"12": 1}),
}
# Cross-scores: each member scores the next one in the block's order (the last scores the first),
# with these differences from the agreed points; the card about SKHCN is still a draft.
CROSS_DELTA = {"STP": {"2": Decimal("0.5")}, "TTT": {"1": Decimal(-1)}, "SNV": {"12": Decimal(0)}}
DRAFT_CROSS_SUBJECT = "SKHCN"
EVIDENCE = {
    "1": "Báo cáo tổng kết công tác năm 2022, phần I",
    "2": "Danh mục văn bản tham mưu năm 2022 (sổ theo dõi văn bản đi)",
    "3": "Bản đăng ký thi đua và giao ước đã gửi Trưởng Khối",
    "4": "Kế hoạch phát động và báo cáo sơ kết các phong trào thi đua",
    "5": "Các báo cáo thi đua, khen thưởng đã gửi đúng hạn",
    "6": "Kết quả chỉ số cải cách hành chính năm 2022 do tỉnh công bố",
    "7": "Thống kê văn bản điện tử trên hệ thống quản lý văn bản",
    "8": "Kết quả đánh giá, xếp loại tổ chức cơ sở đảng năm 2022",
    "9": "Kết quả đánh giá Công đoàn cơ sở, Chi đoàn năm 2022",
    "10": "Quyết định công nhận mô hình, sáng kiến cấp tỉnh",
    "11": "Quyết định khen thưởng của cấp trên",
    "12": "",
    "13": "",
}

MOVEMENT_NAME = "Phong trào thi đua “Đoàn kết, sáng tạo, hoàn thành thắng lợi nhiệm vụ năm 2022”"


def _table(compact: Compact) -> dict[str, Criterion]:
    items: dict[str, Criterion] = {}
    for g_pos, (number, title, kind, cap, criteria) in enumerate(TABLE, 1):
        group = CriterionGroup.objects.create(compact=compact, position=g_pos, number=number, title=title, kind=kind,
                                              cap=cap)
        for i_pos, (c_number, text, max_points, guidance) in enumerate(criteria, 1):
            items[c_number] = Criterion.objects.create(group=group, position=i_pos, number=c_number, text=text,
                                                       max_points=Decimal(max_points), guidance=guidance)
    return items


def _agreed(code: str, items: dict[str, Criterion]) -> dict[str, Decimal]:
    lost, bonus, penalty = AGREED[code]
    points = {}
    for number, item in items.items():
        kind = item.group.kind
        if kind == GroupKind.STANDARD:
            points[number] = item.max_points - Decimal(lost.get(number, 0))
        elif kind == GroupKind.BONUS:
            points[number] = Decimal(bonus.get(number, 0))
        else:
            points[number] = Decimal(penalty.get(number, 0))
    return points


def _self(agreed: dict[str, Decimal], items: dict[str, Criterion]) -> dict[str, Decimal]:
    """Members score themselves a little higher than the meeting will agree."""
    out = dict(agreed)
    for number in ("1", "4"):
        out[number] = min(items[number].max_points, agreed[number] + 1)
    return out


def _card(block_year, scorer, subject, points, items, *, submitted: bool, actor, evidence: bool, at) -> None:
    card = Scorecard.objects.create(
        block_year=block_year, scorer=scorer, subject=subject,
        status=ScorecardStatus.SUBMITTED if submitted else ScorecardStatus.DRAFT,
        submitted_at=at if submitted else None, submitted_by=actor if submitted else None,
    )
    Score.objects.bulk_create(
        Score(scorecard=card, criterion=items[number], points=value,
              evidence=EVIDENCE[number] if evidence and value else "")
        for number, value in points.items()
    )


def _movement(block_year: BlockYear) -> None:
    launcher = Unit.objects.filter(code="UBND-TN").first()
    if launcher is None or Movement.objects.filter(name=MOVEMENT_NAME, launched_by=launcher).exists():
        return
    movement = Movement.objects.create(
        name=MOVEMENT_NAME, launched_by=launcher, kind=MovementKind.REGULAR, start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31), launched_for_year=YEAR, deadline=dt.date(YEAR, 2, 28),
        documents="Kế hoạch phát động phong trào thi đua năm 2022 của UBND tỉnh (văn bản minh họa của dữ liệu mẫu)\n"
                  "Hướng dẫn đăng ký thi đua, giao ước thi đua năm 2022 của Ban Thi đua – Khen thưởng tỉnh",
    )
    movement.target_units.set([m.unit for m in block_year.memberships.select_related("unit")])


def load_block_demo() -> None:
    block_year = BlockYear.objects.filter(block__code="KHOI-TMTH", year=YEAR).first()
    if block_year is None:
        return
    _movement(block_year)
    if Compact.objects.filter(block_year=block_year).exists():
        return
    actor = User.objects.filter(username="admin").first()
    compact = Compact.objects.create(
        block_year=block_year, title=f"Giao ước thi đua năm {YEAR}", place="Thái Nguyên",
        signed_on=dt.date(YEAR, 3, 10),
        preamble=f"Thực hiện phong trào thi đua năm {YEAR} do UBND tỉnh phát động, các đơn vị thành viên "
                 f"{block_year.block.name} thống nhất ký giao ước thi đua với các nội dung sau:",
        commitments="\n".join([
            "Hoàn thành xuất sắc các nhiệm vụ chính trị, chuyên môn được UBND tỉnh giao năm 2022.",
            "Tham mưu kịp thời, chất lượng cho Tỉnh ủy, HĐND, UBND tỉnh trong lĩnh vực được giao.",
            "Đẩy mạnh cải cách hành chính, chuyển đổi số; nâng cao chỉ số cải cách hành chính của đơn vị.",
            "Tổ chức tốt các phong trào thi đua; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến.",
            "Xây dựng tổ chức đảng, đoàn thể trong sạch, vững mạnh; không có cán bộ vi phạm kỷ luật.",
            "Thực hiện đầy đủ, đúng hạn chế độ báo cáo và các hoạt động chung của Khối.",
        ]),
    )
    items = _table(compact)
    members = [m.unit for m in block_year.memberships.select_related("unit").order_by("position", "unit__name")]
    at = timezone.make_aware(dt.datetime(YEAR, 12, 10, 9, 0))
    agreed = {u.code: _agreed(u.code, items) for u in members if u.code in AGREED}
    for u in members:
        if u.code in agreed:
            own = _self(agreed[u.code], items)
            _card(block_year, u, u, own, items, submitted=True, actor=actor, evidence=True, at=at)
    for i, scorer in enumerate(members):
        subject = members[(i + 1) % len(members)]
        if subject.code not in agreed or scorer.pk == subject.pk:
            continue
        points = dict(agreed[subject.code])
        for number, delta in CROSS_DELTA.get(subject.code, {}).items():
            points[number] = min(items[number].max_points, max(Decimal(0), points[number] + delta))
        _card(block_year, scorer, subject, points, items, submitted=subject.code != DRAFT_CROSS_SUBJECT, actor=actor,
              evidence=False, at=at)
    AgreedScore.objects.bulk_create(
        AgreedScore(block_year=block_year, unit=u, criterion=items[number], points=points)
        for u in members if u.code in agreed for number, points in agreed[u.code].items()
    )
    Review.objects.get_or_create(block_year=block_year, defaults={
        "meeting_date": dt.date(YEAR, 12, 20), "province_flag_count": 2,
        "minutes": "Hội nghị Khối thống nhất điểm từng đơn vị theo bảng điểm giao ước; đề nghị Trưởng Khối công bố "
                   "kết quả và lập đề nghị tặng Cờ thi đua.",
    })
