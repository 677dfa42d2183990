"""Reads for a block's year: consolidation of the members' registrations, the scoring table, the
scoring matrix, agreed totals and the ranking."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from thidua.catalog.models import AwardType
from thidua.emulation.models import Action, Registration, RegistrationEvent, Status, Target
from thidua.organizations.models import Block, BlockMembership, BlockYear, Unit

from . import scoring
from .models import AgreedScore, Compact, Criterion, CriterionGroup, Review, Scorecard, ScorecardStatus

NO_REGISTRATION = "none"
STATUS_LABELS = {**dict(Status.choices), NO_REGISTRATION: "Chưa đăng ký"}


def block_year_get(block_code: str, year: int) -> BlockYear | None:
    return (BlockYear.objects.select_related("block", "block__province", "head", "deputy")
            .filter(block__code=block_code, year=year).first())


def members(block_year: BlockYear) -> list[Unit]:
    """Member agencies in the block's order."""
    rows = BlockMembership.objects.filter(block_year=block_year).select_related("unit").order_by(
        "position", "unit__name")
    return [m.unit for m in rows]


# ---------------------------------------------------------------------------------------------
# consolidation


@dataclass
class MemberRow:
    unit: Unit
    registration: Registration | None
    targets: dict[str, dict[str, int]]  # code -> {"collective": n, "individual": n}

    @property
    def status(self) -> str:
        return self.registration.status if self.registration else NO_REGISTRATION

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Consolidation:
    block_year: BlockYear
    members: list[MemberRow]
    codes: list[AwardType]  # every code some member registered, in the catalog's order
    totals: dict[str, dict[str, int]]
    statuses: tuple[str, ...] | None = None  # which registration states were counted (None: all)
    counted: list[MemberRow] = field(default_factory=list)

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for m in self.members:
            counts[m.status] += 1
        return dict(counts)

    def as_json(self) -> dict:
        """The CONTRACT.md shape of `thidua block summary --json`."""
        return {
            "block": self.block_year.block.code,
            "year": self.block_year.year,
            "head": self.block_year.head.code if self.block_year.head else None,
            "members": [{"unit": m.unit.code, "status": m.status, "targets": m.targets} for m in self.members],
            "totals": self.totals,
        }


def _targets(reg: Registration | None) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    if reg is None:
        return out
    for t in sorted(reg.targets.all(), key=lambda t: (t.position, t.pk)):
        if t.collective_count is None and t.individual_count is None:
            continue
        out[t.award_type.code] = {"collective": t.collective_count or 0, "individual": t.individual_count or 0}
    return out


def consolidation(block_year: BlockYear, *, statuses: tuple[str, ...] | None = None) -> Consolidation:
    """Each member with its registration of the year and its target counts; totals per code are the
    sum over the members counted — every member with a registration (whatever its state, which is
    shown beside it) unless `statuses` narrows it (e.g. only received registrations)."""
    units = members(block_year)
    regs = {
        r.unit_id: r
        for r in Registration.objects.filter(year=block_year.year, unit__in=units).prefetch_related(
            Prefetch("targets", queryset=Target.objects.select_related("award_type")))
    }
    rows = [MemberRow(unit=u, registration=regs.get(u.pk), targets=_targets(regs.get(u.pk))) for u in units]
    counted = [r for r in rows if r.registration and (statuses is None or r.status in statuses)]
    totals: dict[str, dict[str, int]] = {}
    for row in counted:
        for code, counts in row.targets.items():
            slot = totals.setdefault(code, {"collective": 0, "individual": 0})
            slot["collective"] += counts["collective"]
            slot["individual"] += counts["individual"]
    order = {a.code: a for a in AwardType.objects.filter(code__in=totals.keys() | {
        c for r in rows for c in r.targets})}
    codes = sorted(order.values(), key=lambda a: (a.position is None, a.position or 0, a.code))
    ordered_totals = {a.code: totals[a.code] for a in codes if a.code in totals}
    return Consolidation(block_year=block_year, members=rows, codes=codes, totals=ordered_totals,
                         statuses=statuses, counted=counted)


# ---------------------------------------------------------------------------------------------
# scoring table and scores


def compact_of(block_year: BlockYear) -> Compact | None:
    return Compact.objects.filter(block_year=block_year).first()


def review_of(block_year: BlockYear) -> Review | None:
    return Review.objects.filter(block_year=block_year).first()


def groups_with_criteria(compact: Compact | None) -> list[CriterionGroup]:
    if compact is None:
        return []
    return list(compact.groups.prefetch_related("criteria").order_by("position", "id"))


def criteria_of(block_year: BlockYear) -> list[Criterion]:
    return list(Criterion.objects.filter(group__compact__block_year=block_year).select_related("group")
                .order_by("group__position", "group_id", "position", "id"))


def table_of(block_year: BlockYear) -> scoring.Table:
    groups = CriterionGroup.objects.filter(compact__block_year=block_year).order_by("position", "id")
    return scoring.Table(
        groups=tuple(scoring.Group(id=g.pk, kind=g.kind, cap=g.cap) for g in groups),
        items=tuple(scoring.Item(id=c.pk, group_id=c.group_id, max_points=c.max_points)
                    for c in criteria_of(block_year)),
    )


def card_points(card: Scorecard) -> dict[int, Decimal]:
    return {s.criterion_id: s.points for s in card.scores.all()}


@dataclass
class MatrixCell:
    card: Scorecard | None
    total: Decimal | None  # None for a draft (its numbers stay with the scorer) or a missing card

    @property
    def state(self) -> str:
        if self.card is None:
            return "missing"
        return self.card.status


@dataclass
class MatrixRow:
    subject: Unit
    cells: list[MatrixCell]  # one per scorer, in member order
    self_total: Decimal | None
    cross_mean: Decimal | None
    agreed_total: Decimal | None


def submitted_cards(block_year: BlockYear):
    return (Scorecard.objects.filter(block_year=block_year, status=ScorecardStatus.SUBMITTED)
            .select_related("scorer", "subject").prefetch_related("scores"))


def scoring_matrix(block_year: BlockYear) -> tuple[list[Unit], list[MatrixRow]]:
    """Rows: members scored; columns: members scoring (the diagonal is the self-score). Only
    submitted cards show numbers."""
    units = members(block_year)
    table = table_of(block_year)
    cards = {(c.scorer_id, c.subject_id): c
             for c in Scorecard.objects.filter(block_year=block_year).prefetch_related("scores")}
    agreed = agreed_breakdowns(block_year, table)
    rows = []
    for subject in units:
        cells, cross = [], []
        self_total = None
        for scorer in units:
            card = cards.get((scorer.pk, subject.pk))
            total = None
            if card is not None and card.status == ScorecardStatus.SUBMITTED:
                total = scoring.breakdown(table, card_points(card)).total
                if scorer.pk == subject.pk:
                    self_total = total
                else:
                    cross.append(total)
            cells.append(MatrixCell(card=card, total=total))
        a = agreed.get(subject.pk)
        rows.append(MatrixRow(subject=subject, cells=cells, self_total=self_total, cross_mean=scoring.mean(cross),
                              agreed_total=a.total if a and a.scored_items else None))
    return units, rows


def agreed_points(block_year: BlockYear) -> dict[int, dict[int, AgreedScore]]:
    """unit id -> criterion id -> agreed score."""
    out: dict[int, dict[int, AgreedScore]] = defaultdict(dict)
    for a in AgreedScore.objects.filter(block_year=block_year):
        out[a.unit_id][a.criterion_id] = a
    return out


def agreed_breakdowns(block_year: BlockYear, table: scoring.Table | None = None) -> dict[int, scoring.Breakdown]:
    table = table or table_of(block_year)
    return {unit_id: scoring.breakdown(table, {c: a.points for c, a in rows.items()})
            for unit_id, rows in agreed_points(block_year).items()}


def cross_means(block_year: BlockYear, table: scoring.Table | None = None) -> dict[int, Decimal | None]:
    table = table or table_of(block_year)
    totals: dict[int, list[Decimal]] = defaultdict(list)
    for card in submitted_cards(block_year):
        if not card.is_self:
            totals[card.subject_id].append(scoring.breakdown(table, card_points(card)).total)
    return {unit_id: scoring.mean(values) for unit_id, values in totals.items()}


def suggestions(block_year: BlockYear, unit: Unit) -> dict[int, dict]:
    """Per criterion, what the meeting starts from: the self-score, every submitted cross-score,
    and a suggestion (mean of the cross-scores, else the self-score)."""
    out: dict[int, dict] = {}
    for card in submitted_cards(block_year).filter(subject=unit):
        for s in card.scores.all():
            slot = out.setdefault(s.criterion_id, {"self": None, "evidence": "", "cross": []})
            if card.is_self:
                slot["self"], slot["evidence"] = s.points, s.evidence
            else:
                slot["cross"].append((card.scorer, s.points))
    for slot in out.values():
        cross = scoring.mean(p for _, p in slot["cross"])
        slot["suggested"] = cross if cross is not None else slot["self"]
    return out


@dataclass
class RankingRow:
    unit: Unit
    breakdown: scoring.Breakdown
    cross_mean: Decimal | None
    ranked: scoring.Ranked


def ranking(block_year: BlockYear) -> list[RankingRow]:
    """Members with agreed scores, ranked by scoring.TIE_BREAK_RULE."""
    table = table_of(block_year)
    agreed = agreed_breakdowns(block_year, table)
    means = cross_means(block_year, table)
    units = {u.pk: u for u in members(block_year) if u.pk in agreed and agreed[u.pk].scored_items}
    standings = [scoring.Standing(unit=str(pk), scores=agreed[pk], cross_mean=means.get(pk)) for pk in units]
    return [RankingRow(unit=units[int(r.unit)], breakdown=agreed[int(r.unit)], cross_mean=means.get(int(r.unit)),
                       ranked=r) for r in scoring.rank(standings)]


def ranking_json(block_year: BlockYear) -> list[dict]:
    """The CONTRACT.md shape of `thidua block ranking --json`."""
    return [{"unit": r.unit.code, "score": float(r.ranked.score), "rank": r.ranked.rank}
            for r in ranking(block_year)]


def members_missing_agreed(block_year: BlockYear) -> list[Unit]:
    """Members still missing an agreed score on some criterion."""
    criteria = {c.pk for c in criteria_of(block_year)}
    agreed = agreed_points(block_year)
    return [u for u in members(block_year) if criteria - set(agreed.get(u.pk, {}))]


def blocks_of_province(province_id: int):
    return Block.objects.filter(province_id=province_id).prefetch_related("years", "years__head")


# ---------------------------------------------------------------------------------------------
# movements launched downward


@dataclass
class ResponseRow:
    unit: Unit
    registration: Registration | None
    submitted_on: object  # date of the first submission, if any
    late: bool

    @property
    def status(self) -> str:
        return self.registration.status if self.registration else NO_REGISTRATION

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def movement_dashboard(movement, today) -> list[ResponseRow]:
    """Each agency that must respond, with its registration of the movement's year: registered (sent
    or received), returned, late (nothing sent by the deadline, or first sent after it)."""
    units = list(movement.target_units.order_by("position", "name"))
    regs = {r.unit_id: r for r in Registration.objects.filter(year=movement.launched_for_year, unit__in=units)}
    first_sent: dict[int, object] = {}
    for ev in RegistrationEvent.objects.filter(registration__in=regs.values(), action=Action.SUBMIT).order_by("at"):
        first_sent.setdefault(ev.registration_id, timezone.localtime(ev.at).date())
    rows = []
    for u in units:
        reg = regs.get(u.pk)
        sent = first_sent.get(reg.pk) if reg else None
        late = False
        if movement.deadline:
            late = (sent is None and today > movement.deadline) or (sent is not None and sent > movement.deadline)
        rows.append(ResponseRow(unit=u, registration=reg, submitted_on=sent, late=late))
    return rows
