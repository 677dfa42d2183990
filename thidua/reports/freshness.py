"""Which writes make which cached pages stale (`thidua.core.versions`): each model whose rows a
cached page or aggregate reads, with the scopes a row belongs to — the province of its unit, its
person's agency, its registration's or decision's issuer, and those of the units continuing that
unit (their pages show its rows by lineage; a merger may cross provinces) — or the catalog (the law,
read by every province). Connected once, in `ReportsConfig.ready`; this app is the top of the dependency order,
so it may name every model.

Bulk writes send no signals: the award records of an issued decision come with the decision's own
save, and the staff import's view bumps its province.
A row whose province cannot be found any more (its unit deleted in the same transaction) bumps the
catalog's stamp, which makes every province's cached pages stale: safe, only slower."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models.signals import m2m_changed

from thidua.catalog.models import (
    AwardType,
    BaseSalary,
    CriteriaSetting,
    ProvinceSetting,
    QuotaRule,
    RewardCoefficient,
    RuleSet,
    VoteThreshold,
)
from thidua.core.versions import CATALOG, bump, province_key, track, work_key
from thidua.councils.models import BallotResult, Candidate, Council, Session
from thidua.decisions.models import Decision, DecisionLine
from thidua.emulation.models import Movement, Registration, Target
from thidua.evaluation.models import (
    Achievement,
    AwardRecord,
    CollectiveRating,
    Discipline,
    Rating,
    RatingReopening,
)
from thidua.organizations.models import (
    Block,
    BlockMembership,
    BlockYear,
    Province,
    Staff,
    StaffMovement,
    Unit,
    UnitName,
    UnitSuccession,
)
from thidua.yearend.models import IndividualRegistration, Nomination, NominationLine, nominations_key


def _provinces(unit_ids: Iterable[int]) -> set[int]:
    """The provinces of these units and of every unit that continues them, however many merges on:
    a successor shows its predecessors' registrations, dossiers, decisions and councils (scope by
    lineage), and a merger may cross provinces (2025). One query when no unit has a successor: a
    union of two index look-ups (an OR across the join scanned every unit of the nation)."""
    seen: set[int] = set()
    frontier = set(unit_ids)
    provinces: set[int] = set()
    while frontier:
        found = dict(Unit.objects.filter(pk__in=frontier).order_by().values_list("pk", "province_id").union(
            Unit.objects.filter(successions_in__predecessor_id__in=frontier).order_by()
            .values_list("pk", "province_id")))
        seen |= frontier
        provinces |= set(found.values())
        frontier = set(found) - seen
    return provinces


def unit_scopes(*unit_ids: int | None) -> list[str]:
    ids = [u for u in unit_ids if u is not None]
    if not ids:
        return []
    return [province_key(p) for p in _provinces(ids)] or [CATALOG]


def staff_scopes(staff_id: int | None) -> list[str]:
    if staff_id is None:
        return []
    # None when the person was deleted in the same transaction: the catalog's stamp then.
    return [province_key(Staff.objects.filter(pk=staff_id).values_list("agency__province_id", flat=True).first())]


def subject_scopes(row: AwardRecord) -> list[str]:
    """A person's or a collective's province (an award or a decision line names one of them)."""
    return staff_scopes(row.staff_id) if row.staff_id else unit_scopes(row.unit_id)


def decision_scopes(decision: Decision) -> list[str]:
    """The issuer's province and those of everyone on the decision (a central body's decision
    awards people of many provinces; its status decides whether their lines are in force), and
    those of the units continuing any of them (their lists show it: scope by lineage)."""
    lines = DecisionLine.objects.filter(decision=decision)
    units = {decision.issuer_id,
             *Staff.objects.filter(pk__in=lines.values("staff_id")).values_list("agency_id", flat=True).distinct(),
             *lines.filter(unit__isnull=False).values_list("unit_id", flat=True).distinct()}
    return [province_key(p) for p in _provinces(units)]


def work_scopes(*unit_ids: int | None) -> list[str]:
    """The work-in-progress scopes (core.versions.work_key) of the provinces of these units."""
    ids = [u for u in unit_ids if u is not None]
    if not ids:
        return []
    return [work_key(p) for p in _provinces(ids)] or [CATALOG]


def _owner_of_session(session_id: int | None) -> int | None:
    return Session.objects.filter(pk=session_id).values_list("council__owner_id", flat=True).first()


def _movement_targets_changed(sender: type, instance: Movement | Unit, action: str, reverse: bool,
                              **kwargs: object) -> None:
    """A movement's units to respond changed (a many-to-many write sends no save)."""
    if action in ("post_add", "post_remove", "post_clear"):
        units = [instance.pk] if reverse else [instance.launched_by_id, *(kwargs.get("pk_set") or ())]
        bump(*work_scopes(*units))


def _catalog(_instance: object) -> Iterable[str]:
    return [CATALOG]


def _own_or_catalog(row: CriteriaSetting | QuotaRule | RewardCoefficient | VoteThreshold) -> Iterable[str]:
    return [province_key(row.province_id) if row.province_id else CATALOG]


def connect() -> None:
    for model in (AwardType, RuleSet, BaseSalary):
        track(model, _catalog)
    # Every law table with province rows: a province's row concerns that province only.
    for model in (CriteriaSetting, QuotaRule, RewardCoefficient, VoteThreshold):
        track(model, _own_or_catalog)
    track(ProvinceSetting, lambda s: [province_key(s.province_id)])
    track(Province, lambda p: [province_key(p.pk)])
    # A unit's name shows in its successors' lists too (lineage): their provinces' stamps as well.
    track(Unit, lambda u: [province_key(p) for p in {u.province_id, *_provinces([u.pk])}])
    track(UnitName, lambda n: unit_scopes(n.unit_id))
    track(UnitSuccession, lambda s: unit_scopes(s.predecessor_id, s.successor_id))
    track(Block, lambda b: [province_key(b.province_id)])
    track(BlockYear, lambda y: [province_key(Block.objects.filter(pk=y.block_id).values_list("province_id", flat=True)
                                             .first())])
    track(BlockMembership, lambda m: unit_scopes(m.unit_id))
    track(Staff, lambda s: unit_scopes(s.agency_id))
    track(StaffMovement, lambda m: staff_scopes(m.staff_id))
    for model in (Rating, Achievement, Discipline):
        track(model, lambda r: staff_scopes(r.staff_id))
    track(CollectiveRating, lambda r: unit_scopes(r.unit_id))
    track(RatingReopening, lambda r: unit_scopes(r.agency_id))
    track(AwardRecord, subject_scopes)
    track(Registration, lambda r: unit_scopes(r.unit_id))
    track(Target, lambda t: unit_scopes(Registration.objects.filter(pk=t.registration_id)
                                       .values_list("unit_id", flat=True).first()))
    # A decision's lines count (reports: lines in force) only once it is issued, corrected or
    # revoked, and each of those saves the decision: its lines are not tracked one by one (a
    # 10,000-line decision would bump 10,000 times when issued).
    track(Decision, decision_scopes)
    # Narrow stamps of data edited often that few cached pages read (the lists of dossiers). The
    # lines of draft decisions have one too (decisions.models.draft_lines_key), bumped by the
    # services that add, remove or replace a line.
    track(Nomination, lambda n: [nominations_key(p) for p in _provinces([n.unit_id])])

    # Work in progress, under the provinces' work stamps (the start page's tasks and counts).
    track(Nomination, lambda n: work_scopes(n.unit_id), name="work")
    track(NominationLine, lambda ln: work_scopes(
        Nomination.objects.filter(pk=ln.nomination_id).values_list("unit_id", flat=True).first()), name="work")
    track(Session, lambda s: work_scopes(Council.objects.filter(pk=s.council_id).values_list("owner_id", flat=True)
                                         .first()), name="work")
    track(Candidate, lambda c: work_scopes(_owner_of_session(c.session_id)), name="work")
    track(BallotResult, lambda b: work_scopes(_owner_of_session(
        Candidate.objects.filter(pk=b.candidate_id).values_list("session_id", flat=True).first())), name="work")
    track(Movement, lambda m: work_scopes(m.launched_by_id), name="work")
    track(IndividualRegistration, lambda r: work_scopes(
        Staff.objects.filter(pk=r.staff_id).values_list("agency_id", flat=True).first()), name="work")
    m2m_changed.connect(_movement_targets_changed, sender=Movement.target_units.through, weak=False,
                        dispatch_uid="thidua.reports.freshness:movement-targets")
