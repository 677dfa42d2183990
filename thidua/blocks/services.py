"""Every write of the blocks area: permission check, one transaction, audit row, notifications
after commit. Views and commands call these and stay thin."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from thidua.audit.services import audit_record, snapshot
from thidua.catalog.names import award_name
from thidua.core import bounds
from thidua.emulation.models import Movement, MovementKind, Registration, Status
from thidua.notifications import hooks
from thidua.notifications.services import notify
from thidua.organizations.models import Block, BlockKind, BlockMembership, BlockYear, Province, Unit, UnitKind

from . import proposals, scoring, selectors
from .models import (
    POINTS,
    AgreedScore,
    Compact,
    Criterion,
    CriterionGroup,
    GroupKind,
    Proposal,
    Review,
    Score,
    Scorecard,
    ScorecardStatus,
)
from .policy import can, can_manage_blocks, member_unit


class BlockError(ValueError):
    """A request the rules of the block's year refuse (Vietnamese message for the user)."""


def _require(ok: bool, message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
    if not ok:
        raise PermissionDenied(message)


def _link(name: str, block_year: BlockYear, *extra) -> str:
    return reverse(name, args=[block_year.block.code, block_year.year, *extra])


# ---------------------------------------------------------------------------------------------
# blocks and their years (province board)


@transaction.atomic
def block_create(*, actor: Any, province: Province, code: str, name: str, kind: str = BlockKind.BLOCK) -> Block:
    _require(can_manage_blocks(actor, province))
    code = code.strip().upper()
    if not code or not name.strip():
        raise BlockError("Cần nhập mã và tên khối, cụm thi đua.")
    if Block.objects.filter(code=code).exists():
        raise BlockError(f"Đã có khối, cụm thi đua mã {code}.")
    block = Block.objects.create(code=code, name=name.strip(), kind=kind, province=province)
    audit_record(actor=actor, action="block.create", obj=block, summary=str(block), before={})
    return block


def _check_members(block: Block, head: Unit | None, deputy: Unit | None, member_ids: list[int]) -> list[Unit]:
    units = list(Unit.objects.filter(pk__in=member_ids, province=block.province, kind=UnitKind.AGENCY))
    if len(units) != len(set(member_ids)):
        raise BlockError("Thành viên khối phải là cơ quan, đơn vị của tỉnh.")
    ids = {u.pk for u in units}
    for role, unit in (("Trưởng khối", head), ("Phó trưởng khối", deputy)):
        if unit is not None and unit.pk not in ids:
            raise BlockError(f"{role} phải là thành viên của khối.")
    if head is not None and deputy is not None and head.pk == deputy.pk:
        raise BlockError("Trưởng khối và phó trưởng khối phải là hai đơn vị khác nhau.")
    return units


def _member_names(block_year: BlockYear) -> str:
    return ", ".join(block_year.memberships.order_by("position").values_list("unit__name", flat=True))


@transaction.atomic
def block_year_save(*, actor: Any, block: Block, year: int, head: Unit | None, deputy: Unit | None,
                    member_ids: list[int]) -> BlockYear:
    """Set a block's year: its members (in the given order), head and deputy. Changes of head and
    deputy are kept in the block-year's history; each year keeps its own head (the rotation)."""
    _require(can_manage_blocks(actor, block.province))
    units = _check_members(block, head, deputy, member_ids)
    by_id = {u.pk: u for u in units}
    block_year, created = BlockYear.objects.select_for_update().get_or_create(block=block, year=year)
    before = {} if created else snapshot(block_year)
    members_before = _member_names(block_year)
    previous_head = block_year.head_id
    block_year.head, block_year.deputy = head, deputy
    block_year.save()
    keep = set()
    for position, unit_id in enumerate(dict.fromkeys(member_ids), 1):
        BlockMembership.objects.update_or_create(block_year=block_year, unit=by_id[unit_id],
                                                 defaults={"position": position})
        keep.add(unit_id)
    block_year.memberships.exclude(unit_id__in=keep).delete()
    members_after = _member_names(block_year)
    audit_record(actor=actor, action="block_year.create" if created else "block_year.update", obj=block_year,
                 summary=str(block_year), before=before,
                 changes={"members": [members_before, members_after]} if members_before != members_after else {})
    if head is not None and head.pk != previous_head:
        notify_head = list(hooks.agency_users([head.pk]))
        transaction.on_commit(lambda: notify(
            recipients=notify_head, text=f"Đơn vị được giao làm Trưởng {block.name} năm {year}.",
            link=_link("block_year_detail", block_year)))
    return block_year


@transaction.atomic
def block_year_copy(*, actor: Any, block: Block, from_year: int, to_year: int, rotate: bool = True) -> BlockYear:
    """Start a year from another one: same members in the same order. With `rotate`, last year's
    deputy becomes head and the member after it (in the block's order) becomes deputy."""
    _require(can_manage_blocks(actor, block.province))
    source = BlockYear.objects.filter(block=block, year=from_year).first()
    if source is None:
        raise BlockError(f"Khối chưa có thiết lập năm {from_year} để sao chép.")
    if BlockYear.objects.filter(block=block, year=to_year).exists():
        raise BlockError(f"Khối đã có thiết lập năm {to_year}.")
    units = selectors.members(source)
    head, deputy = source.head, source.deputy
    if rotate and units:
        ids = [u.pk for u in units]
        new_head = source.deputy or source.head
        if new_head is not None and new_head.pk in ids:
            after = ids[(ids.index(new_head.pk) + 1) % len(ids)]
            head, deputy = new_head, (next(u for u in units if u.pk == after) if after != new_head.pk else None)
    block_year = block_year_save(actor=actor, block=block, year=to_year, head=head, deputy=deputy,
                                 member_ids=[u.pk for u in units])
    audit_record(actor=actor, action="block_year.copy", obj=block_year, summary=f"{source} → {to_year}",
                 changes={"from_year": from_year, "rotate": "có" if rotate else "không"})
    return block_year


# ---------------------------------------------------------------------------------------------
# movements launched downward


@dataclass
class MovementInput:
    name: str
    year: int
    kind: str = MovementKind.REGULAR
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    deadline: dt.date | None = None
    documents: str = ""
    target_ids: tuple[int, ...] = ()


@transaction.atomic
def movement_launch(*, actor: Any, launched_by: Unit, data: MovementInput) -> Movement:
    """The province launches a movement for a year and names the agencies that must respond
    (register) by the deadline; each of them is notified."""
    _require(can_manage_blocks(actor, launched_by.province))
    if not data.name.strip():
        raise BlockError("Cần nhập tên phong trào.")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise BlockError("Ngày kết thúc phải sau ngày bắt đầu.")
    targets = list(Unit.objects.filter(pk__in=data.target_ids, province=launched_by.province_id,
                                       kind=UnitKind.AGENCY))
    if not targets:
        raise BlockError("Cần chọn ít nhất một đơn vị phải hưởng ứng.")
    movement = Movement.objects.create(
        name=data.name.strip(), launched_by=launched_by, kind=data.kind, start_date=data.start_date,
        end_date=data.end_date, launched_for_year=data.year, deadline=data.deadline, documents=data.documents.strip(),
    )
    movement.target_units.set(targets)
    audit_record(actor=actor, action="movement.launch", obj=movement, summary=movement.name, before={},
                 changes={"targets": ", ".join(u.name for u in targets)})
    due = f", hạn đăng ký {data.deadline:%d/%m/%Y}" if data.deadline else ""
    recipients = list(hooks.agency_users([u.pk for u in targets]))
    link = reverse("movement_detail", args=[movement.pk])
    transaction.on_commit(lambda: notify(
        recipients=recipients, text=f"{launched_by.name} phát động “{movement.name}” năm {data.year}{due}.",
        link=link, key=f"movement-launch-{movement.pk}"))
    return movement


def movement_deadline_reminders(*, today: dt.date, days_before: int = 3) -> int:
    """Remind agencies that have not sent their registration: once when the deadline is near, once
    when it has passed. Safe to run every day (a notice is never repeated)."""
    sent = 0
    movements = Movement.objects.filter(deadline__isnull=False, launched_for_year__isnull=False,
                                        deadline__gte=today - dt.timedelta(days=30))
    for movement in movements.prefetch_related("target_units"):
        done = set(Registration.objects.filter(
            year=movement.launched_for_year, unit__in=movement.target_units.all(),
            status__in=[Status.SUBMITTED, Status.RECEIVED]).values_list("unit_id", flat=True))
        late = movement.deadline < today
        if not late and (movement.deadline - today).days > days_before:
            continue
        for unit in movement.target_units.all():
            if unit.pk in done:
                continue
            text = (f"Đã quá hạn đăng ký thi đua ({movement.deadline:%d/%m/%Y}) của “{movement.name}”."
                    if late else f"Sắp đến hạn đăng ký thi đua ({movement.deadline:%d/%m/%Y}) của “{movement.name}”.")
            sent += len(notify(recipients=hooks.agency_users([unit.pk]), text=text,
                               link=reverse("movement_detail", args=[movement.pk]),
                               key=f"movement-{movement.pk}-{'late' if late else 'due'}"))
    return sent


# ---------------------------------------------------------------------------------------------
# compact and scoring table (block head)


def _require_open(block_year: BlockYear) -> None:
    review = selectors.review_of(block_year)
    if review is not None and review.is_published:
        raise BlockError("Kết quả bình xét đã công bố; không sửa được bảng điểm, phiếu chấm hay điểm thống nhất.")


@transaction.atomic
def compact_save(*, actor: Any, block_year: BlockYear, title: str, place: str = "", signed_on: dt.date | None = None,
                 preamble: str = "", commitments: str = "") -> Compact:
    _require(can(actor, "run", block_year))
    if not title.strip():
        raise BlockError("Cần nhập tiêu đề giao ước.")
    compact, created = Compact.objects.get_or_create(block_year=block_year, defaults={"title": title.strip()})
    fields = {"title": title.strip(), "place": place.strip(), "signed_on": signed_on, "preamble": preamble.strip(),
              "commitments": commitments.strip()}
    before = {} if created else snapshot(compact)
    for k, v in fields.items():
        setattr(compact, k, v)
    compact.save()
    audit_record(actor=actor, action="compact.create" if created else "compact.update", obj=compact,
                 summary=str(compact), before=before)
    return compact


@dataclass
class TableRow:
    """One row of the scoring-table editor: a group heading ("group") or a criterion ("item"),
    which belongs to the group above it. `id` keeps an existing row (and the scores given on it)."""

    row_kind: str  # "group" | "item"
    text: str
    number: str = ""
    max_points: Decimal | None = None  # an item's maximum; a group's cap (optional)
    group_kind: str = GroupKind.STANDARD
    id: int | None = None
    guidance: str = ""


@transaction.atomic
def scoring_table_save(*, actor: Any, block_year: BlockYear, rows: list[TableRow]) -> Compact:
    """Replace the scoring table by `rows`, in order. Rows that keep their id keep the scores given
    on them; a criterion that has scores cannot be removed."""
    _require(can(actor, "run", block_year))
    _require_open(block_year)
    compact = Compact.objects.filter(block_year=block_year).first()
    if compact is None:
        raise BlockError("Hãy lập giao ước thi đua trước khi lập bảng điểm.")
    old_groups = {g.pk: g for g in compact.groups.all()}
    old_items = {c.pk: c for c in Criterion.objects.filter(group__compact=compact)}
    kept_groups, kept_items = set(), set()
    group = None
    g_pos = i_pos = 0
    for row in rows:
        if not row.text.strip():
            continue
        if row.row_kind == "group":
            g_pos += 1
            group = old_groups.get(row.id) if row.id else None
            group = group or CriterionGroup(compact=compact)
            group.position, group.number, group.title = g_pos, row.number.strip(), row.text.strip()
            group.kind, group.cap = row.group_kind, row.max_points
            bounds.clean(group, exclude=["compact"], error=BlockError)
            group.save()
            kept_groups.add(group.pk)
            continue
        if group is None:
            raise BlockError("Dòng tiêu chí đầu tiên phải nằm dưới một nhóm tiêu chí.")
        if row.max_points is None or row.max_points <= 0:
            raise BlockError(f"Tiêu chí “{row.text.strip()[:60]}” cần điểm tối đa lớn hơn 0.")
        i_pos += 1
        item = old_items.get(row.id) if row.id else None
        item = item or Criterion()
        item.group, item.position, item.number = group, i_pos, row.number.strip()
        item.text, item.max_points, item.guidance = row.text.strip(), row.max_points, row.guidance.strip()
        bounds.clean(item, exclude=["group"], error=BlockError)
        item.save()
        kept_items.add(item.pk)
    removed = [c for pk, c in old_items.items() if pk not in kept_items]
    try:
        with transaction.atomic():
            for c in removed:
                c.delete()
            CriterionGroup.objects.filter(compact=compact).exclude(pk__in=kept_groups).delete()
    except ProtectedError as exc:
        raise BlockError("Có tiêu chí đã được chấm điểm nên không xóa được; hãy sửa nội dung thay vì xóa.") from exc
    changes = {"groups": [len(old_groups), len(kept_groups)], "criteria": [len(old_items), len(kept_items)]}
    if removed:
        changes["removed"] = "; ".join(str(c) for c in removed)
    audit_record(actor=actor, action="scoring_table.save", obj=compact, summary=str(compact), changes=changes)
    return compact


# ---------------------------------------------------------------------------------------------
# scorecards (members)


def _criterion_label(criterion: Criterion) -> str:
    """A criterion as the audit trail names it (its number in the table, else its opening words)."""
    return f"Tiêu chí {criterion.number or criterion.text[:40]}"


def _points(value) -> Decimal:
    """Points as typed (comma or dot): finite, two decimals, within what the column holds."""
    try:
        points = bounds.parse_decimal(value, max_digits=POINTS["max_digits"], decimal_places=POINTS["decimal_places"],
                                      label="Điểm")
    except ValidationError as exc:
        raise BlockError(f"“{str(value)[:30]}” không phải là số điểm: {bounds.user_message(exc)}") from None
    if points is None:
        raise BlockError("Chưa ghi điểm.")
    return points


def _checked_points(points: dict[int, tuple[Any, str]], criteria: dict, *, note_max: int
                    ) -> dict[int, tuple[Decimal | None, str]]:
    """Every entry of a scoring form checked before anything is written: {criterion id: (points or
    None for blank, note)}. One BlockError naming each bad entry, so a form is saved whole or not
    at all and the officer corrects every mistake at once."""
    checked: dict[int, tuple[Decimal | None, str]] = {}
    problems = []
    for key, (value, note) in points.items():
        cid = bounds.parse_id(key)
        criterion = criteria.get(cid)
        if criterion is None:
            continue
        label = f"tiêu chí {criterion.number or criterion.text[:40]}"
        if len((note or "").strip()) > note_max:
            problems.append(f"Ghi chú, minh chứng của {label} dài quá {note_max} ký tự.")
            continue
        if value in (None, ""):
            checked[cid] = (None, (note or "").strip())
            continue
        try:
            p = _points(value)
            scoring.check_points(p, scoring.Item(criterion.pk, criterion.group_id, criterion.max_points), label)
        except BlockError as exc:
            problems.append(f"{label[:1].upper()}{label[1:]}: {exc}")
            continue
        except scoring.ScoreError as exc:
            problems.append(str(exc))
            continue
        checked[cid] = (p, (note or "").strip())
    if problems:
        raise BlockError(" ".join(problems) + " Chưa lưu điểm nào; hãy sửa rồi lưu lại.")
    return checked


@transaction.atomic
def scorecard_save(*, actor: Any, block_year: BlockYear, subject: Unit, points: dict[int, tuple[Any, str]],
                   note: str = "", submit: bool = False) -> Scorecard:
    """The actor's agency scores `subject` (itself: self-score with evidence; another member:
    cross-score). `points`: criterion id -> (points, evidence); an empty value leaves the item
    unscored in a draft. Submitting needs every criterion scored and locks the card."""
    scorer = member_unit(actor, block_year)
    _require(scorer is not None, "Chỉ đơn vị thành viên của khối mới chấm điểm được.")
    _require_open(block_year)
    if not block_year.memberships.filter(unit=subject).exists():
        raise BlockError("Đơn vị được chấm không phải là thành viên của khối.")
    criteria = {c.pk: c for c in selectors.criteria_of(block_year)}
    if not criteria:
        raise BlockError("Khối chưa có bảng điểm.")
    card, _ = Scorecard.objects.select_for_update().get_or_create(block_year=block_year, scorer=scorer,
                                                                  subject=subject)
    if card.status == ScorecardStatus.SUBMITTED:
        raise BlockError("Phiếu chấm đã gửi Trưởng khối; chỉ sửa được khi Trưởng khối trả lại.")
    existing = {s.criterion_id: s for s in card.scores.all()}
    if len(note) > 2000:
        raise BlockError("Ghi chú của phiếu chấm dài quá 2000 ký tự.")
    before = {"status": card.get_status_display(), **{_criterion_label(criteria[c]): str(s.points)
                                                       for c, s in existing.items() if c in criteria}}
    for cid, (p, evidence) in _checked_points(points, criteria, note_max=5000).items():
        if p is None:
            if cid in existing:
                existing.pop(cid).delete()
            continue
        Score.objects.update_or_create(scorecard=card, criterion=criteria[cid],
                                       defaults={"points": p, "evidence": evidence})
    card.note = note.strip()
    action = "scorecard.save"
    if submit:
        missing = set(criteria) - set(card.scores.values_list("criterion_id", flat=True))
        if missing:
            raise BlockError(f"Còn {len(missing)} tiêu chí chưa chấm; chấm đủ mới gửi được.")
        card.status, card.submitted_at, card.submitted_by = ScorecardStatus.SUBMITTED, timezone.now(), actor
        card.return_reason = ""
        action = "scorecard.submit"
    card.save()
    after = {"status": card.get_status_display(), **{_criterion_label(criteria[s.criterion_id]): str(s.points)
                                                      for s in card.scores.all() if s.criterion_id in criteria}}
    audit_record(actor=actor, action=action, obj=card, summary=str(card), before=before, after=after)
    return card


@transaction.atomic
def scorecard_return(*, actor: Any, card: Scorecard, reason: str) -> Scorecard:
    """The head sends a submitted card back to its scorer to correct."""
    _require(can(actor, "run", card.block_year))
    _require_open(card.block_year)
    if not reason.strip():
        raise BlockError("Cần ghi rõ lý do trả lại phiếu chấm.")
    card = Scorecard.objects.select_for_update().get(pk=card.pk)
    if card.status != ScorecardStatus.SUBMITTED:
        raise BlockError("Chỉ trả lại được phiếu đã gửi.")
    before = snapshot(card)
    card.status, card.return_reason = ScorecardStatus.DRAFT, reason.strip()
    card.save()
    audit_record(actor=actor, action="scorecard.return", obj=card, summary=str(card), before=before)
    recipients = list(hooks.agency_users([card.scorer_id]))
    link = _link("scorecard_edit", card.block_year, card.subject.code)
    transaction.on_commit(lambda: notify(
        recipients=recipients, text=f"Phiếu chấm điểm {card.subject.name} bị trả lại. Lý do: {reason.strip()}",
        link=link))
    return card


# ---------------------------------------------------------------------------------------------
# agreed scores, publication, proposals (block head)


@transaction.atomic
def agreed_scores_save(*, actor: Any, block_year: BlockYear, unit: Unit, points: dict[int, tuple[Any, str]]
                       ) -> list[AgreedScore]:
    """Record the scores the meeting agreed for `unit`: criterion id -> (points, note)."""
    _require(can(actor, "run", block_year))
    _require_open(block_year)
    if not block_year.memberships.filter(unit=unit).exists():
        raise BlockError("Đơn vị không phải là thành viên của khối.")
    criteria = {c.pk: c for c in selectors.criteria_of(block_year)}
    saved, changes = [], {}
    for cid, (p, note) in _checked_points(points, criteria, note_max=AgreedScore._meta.get_field("note").max_length
                                          ).items():
        criterion = criteria[cid]
        current = AgreedScore.objects.filter(block_year=block_year, unit=unit, criterion=criterion).first()
        if p is None:
            if current is not None:
                changes[_criterion_label(criterion)] = [str(current.points), None]
                current.delete()
            continue
        if current is None or current.points != p or current.note != note:
            changes[_criterion_label(criterion)] = [str(current.points) if current else None, str(p)]
        obj, _ = AgreedScore.objects.update_or_create(block_year=block_year, unit=unit, criterion=criterion,
                                                      defaults={"points": p, "note": note})
        saved.append(obj)
    audit_record(actor=actor, action="agreed_scores.save", obj=block_year, summary=f"{unit} – {block_year}",
                 changes={"unit": unit.name, **changes})
    return saved


def _review(block_year: BlockYear) -> Review:
    review, _ = Review.objects.select_for_update().get_or_create(block_year=block_year)
    return review


@transaction.atomic
def review_save(*, actor: Any, block_year: BlockYear, meeting_date: dt.date | None, minutes: str,
                province_flag_count: int) -> Review:
    _require(can(actor, "run", block_year))
    review = _review(block_year)
    if review.is_published and province_flag_count != review.province_flag_count:
        raise BlockError("Kết quả đã công bố; không đổi được số Cờ thi đua đề nghị.")
    before = snapshot(review)
    review.meeting_date, review.minutes, review.province_flag_count = meeting_date, minutes.strip(), province_flag_count
    review.save()
    audit_record(actor=actor, action="review.save", obj=review, summary=str(review), before=before)
    return review


@transaction.atomic
def results_publish(*, actor: Any, block_year: BlockYear) -> Review:
    """Announce the agreed scores and ranking to the members; they are final from then on."""
    _require(can(actor, "run", block_year))
    review = _review(block_year)
    if review.is_published:
        raise BlockError("Kết quả đã được công bố.")
    missing = selectors.members_missing_agreed(block_year)
    if missing or not selectors.criteria_of(block_year):
        names = ", ".join(u.name for u in missing)
        raise BlockError(f"Chưa đủ điểm thống nhất của: {names}." if missing else "Khối chưa có bảng điểm.")
    before = snapshot(review)
    review.published_at, review.published_by = timezone.now(), actor
    review.save()
    ranked = "; ".join(f"{r.ranked.rank}. {r.unit.name} ({r.ranked.score})" for r in selectors.ranking(block_year))
    audit_record(actor=actor, action="review.publish", obj=review, summary=str(review), before=before,
                 changes={"ranking": ranked})
    recipients = list(hooks.agency_users([u.pk for u in selectors.members(block_year)]))
    link = _link("block_ranking", block_year)
    transaction.on_commit(lambda: notify(
        recipients=recipients, text=f"Đã công bố kết quả chấm điểm, xếp hạng {block_year.block.name} năm "
                                    f"{block_year.year}.", link=link, key=f"block-results-{block_year.pk}"))
    return review


@dataclass
class ProposalOutcome:
    created: list[Proposal]
    notes: list[str]


@transaction.atomic
def proposals_make(*, actor: Any, block_year: BlockYear) -> ProposalOutcome:
    """From the published ranking: the first `province_flag_count` members are proposed for Cờ thi
    đua cấp tỉnh, and the block's leader (rank 1, alone) for Cờ thi đua của Chính phủ. Each is
    checked by the rules engine; Cờ CP also against the quota (ND 91/2017: ≤ 20% of the collectives
    meeting the provincial flag's standard, counted over the province's block proposals)."""
    _require(can(actor, "run", block_year))
    review = _review(block_year)
    if not review.is_published:
        raise BlockError("Công bố kết quả xếp hạng trước khi lập đề nghị tặng Cờ thi đua.")
    Proposal.objects.filter(block_year=block_year).delete()
    plan = proposals.plan(block_year, selectors.ranking(block_year), review.province_flag_count)
    created = []
    for item in plan.items:
        try:
            created.append(Proposal.objects.create(block_year=block_year, created_by=actor, **item))
        except IntegrityError as exc:  # pragma: no cover - guarded by the plan
            raise BlockError("Đề nghị trùng lặp.") from exc
    proposals.recheck_quota(block_year.block.province_id, block_year.year)
    audit_record(actor=actor, action="proposals.make", obj=review, summary=str(review),
                 changes={"proposals": "; ".join(f"{p.unit.name}: {award_name(p.award_code)}" for p in created),
                          "notes": "; ".join(plan.notes)})
    return ProposalOutcome(created=list(Proposal.objects.filter(block_year=block_year)), notes=plan.notes)
