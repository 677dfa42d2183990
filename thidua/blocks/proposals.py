"""Which members the block proposes for Cờ thi đua, checked by the rules engine (thidua.rules) and
the quota of the rule set in force (catalog data: ND 91/2017 caps Cờ CP at 20% of the collectives
meeting the provincial flag's standard)."""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua.catalog.names import award_name, rule_set_name
from thidua.catalog.selectors import law_snapshot
from thidua.emulation.selectors import quotas_in_force
from thidua.organizations.models import BlockYear
from thidua.rules.eligibility import evaluate
from thidua.rules.quotas import check_quota
from thidua.rules.types import COLLECTIVE, NOT_ELIGIBLE, Case, CollectiveFigures

from .models import Proposal
from .scoring import fmt_points
from .selectors import RankingRow

CO_TINH, CO_CP = "CO_TINH", "CO_CP"


@dataclass
class Plan:
    items: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _verdict(code: str, year: int, unit_code: str, leads_block: bool | None):
    case = Case(id=unit_code, subject=COLLECTIVE, year=year, ask=(code,),
                collective=CollectiveFigures(leads_block=leads_block))
    result = evaluate(case, law_snapshot())
    return result.verdicts[code]


def plan(block_year: BlockYear, ranking: list[RankingRow], flag_count: int) -> Plan:
    out = Plan()
    total = len(ranking)
    within = [r for r in ranking if r.ranked.rank <= flag_count]
    if len(within) > flag_count:
        out.notes.append(f"Có đơn vị đồng hạng ở vị trí thứ {flag_count}: đề nghị {len(within)} đơn vị, nhiều hơn "
                         f"{flag_count} {award_name(CO_TINH)} của Khối; hội nghị Khối cần biểu quyết chọn.")
    for row in within:
        place = f"Xếp thứ {row.ranked.rank}/{total} của {block_year.block.name} năm {block_year.year} với " \
                f"{fmt_points(row.ranked.score)} điểm thống nhất."
        verdict = _verdict(CO_TINH, block_year.year, row.unit.code, None)
        out.items.append({"unit": row.unit, "award_code": CO_TINH, "rank": row.ranked.rank, "score": row.ranked.score,
                          "verdict": verdict.status, "reasons": [place, *verdict.reasons]})
    leaders = [r for r in ranking if r.ranked.rank == 1]
    if len(leaders) == 1:
        leader = leaders[0]
        verdict = _verdict(CO_CP, block_year.year, leader.unit.code, True)
        if verdict.status == NOT_ELIGIBLE:
            out.notes.append(f"{leader.unit.name} chưa đủ điều kiện đề nghị {award_name(CO_CP)}: "
                             + " ".join(verdict.reasons))
        else:
            out.items.append({"unit": leader.unit, "award_code": CO_CP, "rank": 1, "score": leader.ranked.score,
                              "verdict": verdict.status,
                              "reasons": [f"Dẫn đầu {block_year.block.name} năm {block_year.year}.",
                                          *verdict.reasons]})
    elif len(leaders) > 1:
        out.notes.append(f"Nhiều đơn vị đồng hạng nhất: chưa đề nghị {award_name(CO_CP)}; hội nghị Khối cần "
                         "biểu quyết chọn đơn vị dẫn đầu.")
    return out


def recheck_quota(province_id: int, year: int) -> None:
    """Cờ CP proposals of the province's blocks for `year` against the quota in force: the base is
    every Cờ thi đua cấp tỉnh proposal of the province's blocks that year (the collectives meeting
    the provincial standard). Run whenever a block proposes, since every block changes the base."""
    rule_set, quotas = quotas_in_force(province_id, year)
    quota = next((q for q in quotas if q.code == CO_CP and q.base_code == CO_TINH), None)
    in_province = Proposal.objects.filter(block_year__block__province_id=province_id, block_year__year=year)
    co_cp = list(in_province.filter(award_code=CO_CP))
    if not co_cp:
        return
    if quota is None:
        regime = rule_set_name(rule_set) if rule_set else "(chưa xác định)"
        note = f"Bộ quy định {regime} không giới hạn tỷ lệ {award_name(CO_CP)}."
        in_province.filter(award_code=CO_CP).update(quota_exceeded=False, quota_note=note)
        return
    base = in_province.filter(award_code=CO_TINH).values("unit").distinct().count()
    check = check_quota(code=CO_CP, base_code=CO_TINH, count=len(co_cp), base_count=base, ratio_percent=quota.ratio,
                        rounding=quota.rounding, basis=quota.basis)
    ratio = fmt_points(check.ratio_percent)
    note = (f"Toàn tỉnh năm {year}: {base} tập thể được các khối đề nghị {award_name(CO_TINH)}; {award_name(CO_CP)} "
            f"tối đa {ratio}% = {check.cap} ({_rounding(check.rounding)}); đang đề nghị {check.count}"
            f"{': vượt tỷ lệ' if check.exceeded else ''} ({check.basis}).")
    in_province.filter(award_code=CO_CP).update(quota_exceeded=check.exceeded, quota_note=note[:500])


def _rounding(mode: str) -> str:
    return {"down": "làm tròn xuống", "up": "làm tròn lên", "half_up": "làm tròn đến số gần nhất"}.get(mode, mode)
