"""Block pages: the province board's setup and movements, the block head's desk, the members'
scoring. Thin: scope from blocks.policy (404 for what a user may not see), writes via services."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.audit.selectors import history_entries, history_of, id_texts
from thidua.core import bounds
from thidua.documents.pdf import PdfError
from thidua.emulation.models import Registration, Status
from thidua.jobs.services import start_document_pdf
from thidua.organizations.models import Block, BlockYear, Unit, UnitKind
from thidua.organizations.policy import home_agency

from . import scoring, selectors, services
from .documents import export_block_docx, export_block_xlsx
from .forms import (
    BlockCreateForm,
    BlockYearForm,
    CompactForm,
    CopyYearForm,
    MovementForm,
    ReviewForm,
    TableRowFormSet,
)
from .models import Compact, Proposal, Review, Scorecard, ScorecardStatus
from .policy import block_years_for, can, can_manage_blocks, creating_province, may, member_unit, movements_for

RECEIVED_ONLY = (Status.RECEIVED,)

logger = logging.getLogger(__name__)


def _block_year(request: HttpRequest, code: str, year: int, action: str = "view") -> BlockYear:
    """The block-year if the user may see it (404 otherwise: no probing), then the action's check."""
    block_year = get_object_or_404(block_years_for(request.user).select_related("block__province"),
                                   block__code=code, year=year)
    if action != "view" and not can(request.user, action, block_year):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với khối thi đua.")
    return block_year


def _ctx(request: HttpRequest, block_year: BlockYear, tab: str, **extra) -> dict:
    review = selectors.review_of(block_year)
    return {"block_year": block_year, "blk": block_year.block, "tab": tab, "may": may(request.user, block_year),
            "review": review, "published": bool(review and review.is_published),
            "my_unit": member_unit(request.user, block_year), **extra}


def _back(block_year: BlockYear, name: str, *args) -> HttpResponse:
    return redirect(name, block_year.block.code, block_year.year, *args)


# ---------------------------------------------------------------------------------------------
# list and setup (province board)


def block_list(request: HttpRequest) -> HttpResponse:
    years = list(block_years_for(request.user).order_by("block__name", "-year"))
    blocks: dict[int, dict] = {}
    for by in years:
        blocks.setdefault(by.block_id, {"block": by.block, "years": []})["years"].append(by)
    agency = home_agency(request.user)
    manage = can_manage_blocks(request.user)
    if manage and agency is not None:  # blocks without a year yet
        for block in Block.objects.filter(province_id=agency.province_id):
            blocks.setdefault(block.pk, {"block": block, "years": []})
    return render(request, "blocks/block_list.html", {
        "blocks": sorted(blocks.values(), key=lambda b: b["block"].name), "can_manage": manage,
        "create_form": BlockCreateForm() if creating_province(request.user) else None,
    })


@require_POST
def block_create(request: HttpRequest) -> HttpResponse:
    agency = home_agency(request.user)
    if agency is None or not can_manage_blocks(request.user, agency.province):
        raise PermissionDenied
    form = BlockCreateForm(request.POST)
    if form.is_valid():
        try:
            block = services.block_create(actor=request.user, province=agency.province, **form.cleaned_data)
        except services.BlockError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Đã tạo {block.name}. Hãy thiết lập thành viên cho năm.")
            return redirect("block_year_setup", block.code, timezone.localdate().year)
    else:
        messages.error(request, "Cần nhập mã và tên khối.")
    return redirect("block_list")


def _agencies(province_id: int):
    return Unit.objects.agencies().filter(province_id=province_id).order_by("position", "name")


def block_year_setup(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block = get_object_or_404(Block.objects.select_related("province"), code=code)
    if not can_manage_blocks(request.user, block.province):
        raise Http404
    block_year = BlockYear.objects.filter(block=block, year=year).first()
    agencies = _agencies(block.province_id)
    if request.method == "POST":
        form = BlockYearForm(request.POST, agencies=agencies)
        if form.is_valid():
            order = [i for i in map(bounds.parse_id, request.POST.getlist("members")) if i]
            try:
                services.block_year_save(actor=request.user, block=block, year=year, head=form.cleaned_data["head"],
                                         deputy=form.cleaned_data["deputy"], member_ids=order)
            except services.BlockError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"Đã lưu thiết lập {block.name} năm {year}.")
                return redirect("block_year_detail", code, year)
    else:
        initial = {}
        if block_year:
            initial = {"members": [m.unit_id for m in block_year.memberships.all()], "head": block_year.head_id,
                       "deputy": block_year.deputy_id}
        form = BlockYearForm(initial=initial, agencies=agencies)
    previous = BlockYear.objects.filter(block=block, year__lt=year).order_by("-year").first()
    return render(request, "blocks/block_year_setup.html", {
        "blk": block, "year": year, "block_year": block_year, "form": form,
        "copy_form": CopyYearForm(initial={"from_year": previous.year if previous else year - 1, "to_year": year,
                                           "rotate": True}) if not block_year else None,
    })


@require_POST
def block_year_copy(request: HttpRequest, code: str) -> HttpResponse:
    block = get_object_or_404(Block.objects.select_related("province"), code=code)
    if not can_manage_blocks(request.user, block.province):
        raise Http404
    form = CopyYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Năm không hợp lệ.")
        return redirect("block_list")
    data = form.cleaned_data
    try:
        block_year = services.block_year_copy(actor=request.user, block=block, from_year=data["from_year"],
                                              to_year=data["to_year"], rotate=data["rotate"])
    except services.BlockError as exc:
        messages.error(request, str(exc))
        return redirect("block_list")
    messages.success(request, f"Đã sao chép thiết lập năm {data['from_year']} sang năm {data['to_year']}.")
    return redirect("block_year_detail", block.code, block_year.year)


def block_year_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year)
    rows = selectors.consolidation(block_year).members
    # Who headed the block over the year: replayed backwards from today's head and deputy through
    # the audit trail's changes of them (names as they were then), oldest first.
    head_history = []
    pair = (str(block_year.head) if block_year.head else None, str(block_year.deputy) if block_year.deputy else None)
    for event in history_of(block_year).filter(action__startswith="block_year."):
        changed = event.changes or {}
        if "head" in changed or "deputy" in changed:
            head_history.append({"at": event.at, "head": pair[0], "deputy": pair[1]})
            pair = (changed.get("head", [pair[0]])[0], changed.get("deputy", [pair[1]])[0])
    head_history.reverse()
    rotation = BlockYear.objects.filter(block=block_year.block).select_related("head", "deputy").order_by("-year")
    return render(request, "blocks/block_year_detail.html", _ctx(
        request, block_year, "overview", members=rows, head_history=head_history, rotation=rotation,
        audit_history=history_entries(block_year, related={
            "organizations.block": [str(block_year.block_id)],
            "blocks.compact": id_texts(Compact.objects.filter(block_year=block_year)),
            "blocks.review": id_texts(Review.objects.filter(block_year=block_year)),
            "blocks.scorecard": id_texts(Scorecard.objects.filter(block_year=block_year)),
        }), audit_show_object=True,
        can_setup=can_manage_blocks(request.user, block_year.block.province),
    ))


# ---------------------------------------------------------------------------------------------
# consolidation


def _statuses(request: HttpRequest):
    return RECEIVED_ONLY if request.GET.get("chi_tiep_nhan") == "1" else None


def block_consolidation(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year, "desk")
    data = selectors.consolidation(block_year, statuses=_statuses(request))
    return render(request, "blocks/consolidation.html", _ctx(
        request, block_year, "consolidation", data=data, received_only=data.statuses is not None,
        query="?chi_tiep_nhan=1" if data.statuses else "",
    ))


def block_consolidation_download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "pdf", "xlsx"):
        raise Http404
    block_year = _block_year(request, code, year, "desk")
    if fmt == "pdf":
        # LibreOffice takes seconds: a background job (thidua.jobs), never this request.
        job = start_document_pdf(actor=request.user, doc="block_consolidation", pk=block_year.pk,
                                 received_only=_statuses(request) is not None)
        return redirect("job_detail", pk=job.pk)
    data = selectors.consolidation(block_year, statuses=_statuses(request))
    try:
        exported = export_block_xlsx(data) if fmt == "xlsx" else export_block_docx(data, fmt=fmt)
    except PdfError as exc:
        logger.warning("PDF export failed: %s", exc)
        messages.error(request, exc.user_message)
        return _back(block_year, "block_consolidation")
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


# ---------------------------------------------------------------------------------------------
# compact and scoring table


def compact_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year)
    compact = selectors.compact_of(block_year)
    groups = selectors.groups_with_criteria(compact)
    table = selectors.table_of(block_year)
    return render(request, "blocks/compact.html", _ctx(
        request, block_year, "compact", compact=compact, groups=groups, max_standard=table.max_standard,
        max_bonus=table.max_bonus, members=selectors.members(block_year),
    ))


def compact_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year, "run")
    compact = selectors.compact_of(block_year)
    if request.method == "POST":
        form = CompactForm(request.POST)
        if form.is_valid():
            try:
                services.compact_save(actor=request.user, block_year=block_year, **form.cleaned_data)
            except services.BlockError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "Đã lưu giao ước thi đua.")
                return _back(block_year, "compact_detail")
    else:
        initial = {"title": f"Giao ước thi đua năm {block_year.year}", "place": block_year.block.province.place_name}
        if compact:
            initial = {k: getattr(compact, k) for k in ("title", "place", "signed_on", "preamble", "commitments")}
        form = CompactForm(initial=initial)
    return render(request, "blocks/compact_edit.html", _ctx(request, block_year, "compact", form=form))


def scoring_table_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year, "run")
    compact = selectors.compact_of(block_year)
    if compact is None:
        messages.error(request, "Hãy lập giao ước thi đua trước khi lập bảng điểm.")
        return _back(block_year, "compact_edit")
    if request.method == "POST":
        formset = TableRowFormSet(request.POST)
        if formset.is_valid():
            rows = [services.TableRow(row_kind=f.cleaned_data["row_kind"], text=f.cleaned_data.get("text") or "",
                                      number=f.cleaned_data.get("number") or "",
                                      max_points=f.cleaned_data.get("max_points"),
                                      group_kind=f.cleaned_data["group_kind"], id=f.cleaned_data.get("id"))
                    for f in formset if f.cleaned_data]
            try:
                services.scoring_table_save(actor=request.user, block_year=block_year, rows=rows)
            except services.BlockError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "Đã lưu bảng điểm.")
                return _back(block_year, "compact_detail")
    else:
        initial = []
        for g in selectors.groups_with_criteria(compact):
            initial.append({"id": g.pk, "row_kind": "group", "number": g.number, "text": g.title,
                            "max_points": g.cap, "group_kind": g.kind})
            for c in g.criteria.all():
                initial.append({"id": c.pk, "row_kind": "item", "number": c.number, "text": c.text,
                                "max_points": c.max_points, "group_kind": g.kind})
        formset = TableRowFormSet(initial=initial)
    return render(request, "blocks/scoring_table_edit.html", _ctx(request, block_year, "compact", formset=formset))


# ---------------------------------------------------------------------------------------------
# scoring


def scoring_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The head's desk sees the matrix of submitted scores; a member sees its own scorecards."""
    block_year = _block_year(request, code, year)
    context = _ctx(request, block_year, "scoring")
    unit = context["my_unit"]
    if context["may"]["desk"]:
        units, rows = selectors.scoring_matrix(block_year)
        context.update(units=units, matrix=rows)
    if unit is not None:
        cards = {c.subject_id: c for c in Scorecard.objects.filter(block_year=block_year, scorer=unit)}
        table = selectors.table_of(block_year)
        own = []
        for subject in selectors.members(block_year):
            card = cards.get(subject.pk)
            total = scoring.breakdown(table, selectors.card_points(card)).total if card else None
            own.append({"subject": subject, "card": card, "total": total, "is_self": subject.pk == unit.pk})
        own.sort(key=lambda r: not r["is_self"])
        context["own"] = own
    if not context["may"]["desk"] and unit is None:
        raise PermissionDenied
    return render(request, "blocks/scoring.html", context)


def _posted_points(request: HttpRequest, criteria, note_prefix: str) -> dict[int, tuple[str, str]]:
    return {c.pk: (request.POST.get(f"p_{c.pk}", "").strip(), request.POST.get(f"{note_prefix}_{c.pk}", ""))
            for c in criteria}


def scorecard_edit(request: HttpRequest, code: str, year: int, subject: str) -> HttpResponse:
    block_year = _block_year(request, code, year, "score")
    scorer = member_unit(request.user, block_year)
    subject_unit = get_object_or_404(Unit, code=subject, block_memberships__block_year=block_year)
    criteria = selectors.criteria_of(block_year)
    card = Scorecard.objects.filter(block_year=block_year, scorer=scorer, subject=subject_unit).first()
    values = {s.criterion_id: (s.points, s.evidence) for s in card.scores.all()} if card else {}
    note = card.note if card else ""
    status = 200
    if request.method == "POST":
        posted = _posted_points(request, criteria, "e")
        note = request.POST.get("note", "")
        try:
            card = services.scorecard_save(actor=request.user, block_year=block_year, subject=subject_unit,
                                           points=posted, note=note, submit="submit" in request.POST)
        except (services.BlockError, scoring.ScoreError) as exc:
            messages.error(request, str(exc))
            values, status = posted, 422
        else:
            messages.success(request, "Đã gửi phiếu chấm tới Trưởng khối." if card.status == ScorecardStatus.SUBMITTED
                             else "Đã lưu phiếu chấm (chưa gửi).")
            return _back(block_year, "scorecard_edit", subject_unit.code)
    table = selectors.table_of(block_year)
    total = scoring.breakdown(table, _typed_points(values))
    locked = bool(card and card.status == ScorecardStatus.SUBMITTED) or _published(block_year)
    return render(request, "blocks/scorecard_edit.html", _ctx(
        request, block_year, "scoring", subject=subject_unit, scorer=scorer, card=card, note=note, total=total,
        rows=_rows(selectors.groups_with_criteria(selectors.compact_of(block_year)), values), locked=locked,
        is_self=scorer.pk == subject_unit.pk,
    ), status=status)


def _typed_points(values: dict) -> dict[int, Decimal]:
    """The points of a form as typed, for its running total: what is not a finite number (NaN,
    10^20, letters) is left out of the total, the error message names it."""
    typed = {}
    for key, (value, _note) in values.items():
        try:
            points = bounds.parse_decimal(value, max_digits=6, decimal_places=2)
        except ValidationError:
            continue
        if points is not None:
            typed[key] = points
    return typed


def _rows(groups, values: dict) -> list[dict]:
    rows = []
    for g in groups:
        rows.append({"group": g})
        for c in g.criteria.all():
            v = values.get(c.pk, ("", ""))
            rows.append({"criterion": c, "value": v[0], "text": v[1]})
    return rows


def _published(block_year: BlockYear) -> bool:
    review = selectors.review_of(block_year)
    return bool(review and review.is_published)


def scorecard_view(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    """A submitted card for the head's desk (a draft stays with its scorer: 404)."""
    block_year = _block_year(request, code, year)
    card = get_object_or_404(Scorecard.objects.select_related("scorer", "subject"), pk=pk, block_year=block_year)
    mine = member_unit(request.user, block_year)
    desk = can(request.user, "desk", block_year)
    if not ((mine is not None and card.scorer_id == mine.pk)
            or (desk and card.status == ScorecardStatus.SUBMITTED)):
        raise Http404
    values = {s.criterion_id: (s.points, s.evidence) for s in card.scores.all()}
    total = scoring.breakdown(selectors.table_of(block_year), {k: v[0] for k, v in values.items()})
    return render(request, "blocks/scorecard_view.html", _ctx(
        request, block_year, "scoring", card=card, total=total,
        rows=_rows(selectors.groups_with_criteria(selectors.compact_of(block_year)), values),
    ))


@require_POST
def scorecard_return(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    block_year = _block_year(request, code, year, "run")
    card = get_object_or_404(Scorecard, pk=pk, block_year=block_year, status=ScorecardStatus.SUBMITTED)
    try:
        services.scorecard_return(actor=request.user, card=card, reason=request.POST.get("reason", ""))
    except services.BlockError as exc:
        messages.error(request, str(exc))
        return _back(block_year, "scorecard_view", pk)
    messages.success(request, f"Đã trả lại phiếu chấm của {card.scorer.name}.")
    return _back(block_year, "scoring_page")


def agreed_edit(request: HttpRequest, code: str, year: int, unit: str) -> HttpResponse:
    block_year = _block_year(request, code, year, "run")
    subject = get_object_or_404(Unit, code=unit, block_memberships__block_year=block_year)
    criteria = selectors.criteria_of(block_year)
    hints = selectors.suggestions(block_year, subject)
    current = selectors.agreed_points(block_year).get(subject.pk, {})
    values = {cid: (a.points, a.note) for cid, a in current.items()}
    status = 200
    if request.method == "POST":
        posted = _posted_points(request, criteria, "n")
        try:
            services.agreed_scores_save(actor=request.user, block_year=block_year, unit=subject, points=posted)
        except (services.BlockError, scoring.ScoreError) as exc:
            messages.error(request, str(exc))
            values, status = posted, 422
        else:
            messages.success(request, f"Đã lưu điểm thống nhất của {subject.name}.")
            units = selectors.members(block_year)
            ids = [u.pk for u in units]
            following = units[ids.index(subject.pk) + 1] if ids.index(subject.pk) + 1 < len(units) else None
            if "next" in request.POST and following is not None:
                return _back(block_year, "agreed_edit", following.code)
            return _back(block_year, "block_ranking")
    rows = _rows(selectors.groups_with_criteria(selectors.compact_of(block_year)), values)
    for row in rows:
        if "criterion" in row:
            row["hint"] = hints.get(row["criterion"].pk, {})
            if row["value"] in ("", None) and row["hint"].get("suggested") is not None:
                row["value"], row["suggested"] = row["hint"]["suggested"], True
    total = scoring.breakdown(selectors.table_of(block_year), _typed_points(
        {r["criterion"].pk: (r["value"], "") for r in rows if "criterion" in r}))
    scorers = sorted({u for h in hints.values() for u, _ in h["cross"]}, key=lambda u: u.position)
    return render(request, "blocks/agreed_edit.html", _ctx(
        request, block_year, "scoring", subject=subject, rows=rows, total=total, scorers=scorers,
        locked=_published(block_year), saved=bool(current),
    ), status=status)


# ---------------------------------------------------------------------------------------------
# ranking, publication, proposals


def block_ranking(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year)
    context = _ctx(request, block_year, "ranking")
    if not context["may"]["results"]:
        return render(request, "blocks/results_pending.html", context)
    review = context["review"]
    mine = context["my_unit"]
    ranking = selectors.ranking(block_year)
    own_cards, own_rows = [], []
    if mine is not None and not context["may"]["desk"]:
        own_cards = Scorecard.objects.filter(block_year=block_year, scorer=mine).select_related("subject")
        agreed = selectors.agreed_points(block_year).get(mine.pk, {})
        own_rows = _rows(selectors.groups_with_criteria(selectors.compact_of(block_year)),
                         {cid: (a.points, a.note) for cid, a in agreed.items()})
    context.update(
        ranking=ranking, rule=scoring.TIE_BREAK_RULE,
        missing=selectors.members_missing_agreed(block_year), own_cards=own_cards, own_rows=own_rows,
        own_total=next((r.breakdown for r in ranking if mine and r.unit.pk == mine.pk), None),
        proposals=Proposal.objects.filter(block_year=block_year).select_related("unit").order_by("award_code", "rank"),
        review_form=ReviewForm(initial={"meeting_date": review.meeting_date, "minutes": review.minutes,
                                        "province_flag_count": review.province_flag_count} if review else None),
    )
    return render(request, "blocks/ranking.html", context)


@require_POST
def review_save(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year, "run")
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_save(actor=request.user, block_year=block_year, **form.cleaned_data)
        except services.BlockError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Đã lưu thông tin hội nghị bình xét.")
    else:
        messages.error(request, "Thông tin hội nghị chưa hợp lệ.")
    return _back(block_year, "block_ranking")


@require_POST
def results_publish(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year, "run")
    try:
        services.results_publish(actor=request.user, block_year=block_year)
    except services.BlockError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã công bố kết quả chấm điểm, xếp hạng tới các đơn vị thành viên.")
    return _back(block_year, "block_ranking")


@require_POST
def proposals_make(request: HttpRequest, code: str, year: int) -> HttpResponse:
    block_year = _block_year(request, code, year, "run")
    try:
        outcome = services.proposals_make(actor=request.user, block_year=block_year)
    except services.BlockError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã lập {len(outcome.created)} đề nghị tặng Cờ thi đua.")
        for note in outcome.notes:
            messages.warning(request, note)
    return _back(block_year, "block_ranking")


# ---------------------------------------------------------------------------------------------
# movements launched downward


def movement_list(request: HttpRequest) -> HttpResponse:
    agency = home_agency(request.user)
    manage = can_manage_blocks(request.user)
    movements = list(movements_for(request.user).order_by("-launched_for_year", "deadline", "name"))
    mine = {}
    if agency is not None and not manage:
        regs = {r.year: r for r in Registration.objects.filter(unit=agency)}
        mine = {m.pk: regs.get(m.launched_for_year) for m in movements}
    return render(request, "blocks/movement_list.html", {
        "movements": [(m, mine.get(m.pk)) for m in movements], "can_manage": manage, "today": timezone.localdate(),
        "can_launch": creating_province(request.user) is not None,
    })


def movement_launch(request: HttpRequest) -> HttpResponse:
    agency = home_agency(request.user)
    if agency is None or not can_manage_blocks(request.user, agency.province):
        raise PermissionDenied("Chỉ Ban Thi đua – Khen thưởng tỉnh phát động phong trào cho các cơ quan.")
    agencies = _agencies(agency.province_id)
    if request.method == "POST":
        form = MovementForm(request.POST, agencies=agencies)
        if form.is_valid():
            d = form.cleaned_data
            launcher = Unit.objects.filter(province_id=agency.province_id, kind=UnitKind.PROVINCE_BODY,
                                           code__startswith="UBND").first() or agency
            try:
                data = services.MovementInput(
                    name=d["name"], year=d["year"], kind=d["kind"], start_date=d["start_date"], end_date=d["end_date"],
                    deadline=d["deadline"], documents=d["documents"], target_ids=tuple(u.pk for u in d["targets"]))
                movement = services.movement_launch(actor=request.user, launched_by=launcher, data=data)
            except services.BlockError as exc:
                messages.error(request, str(exc))
            else:
                count = movement.target_units.count()
                messages.success(request, f"Đã phát động “{movement.name}” và thông báo tới {count} đơn vị.")
                return redirect("movement_detail", movement.pk)
    else:
        form = MovementForm(agencies=agencies, initial={"targets": list(agencies)})
    return render(request, "blocks/movement_launch.html", {"form": form})


def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = get_object_or_404(movements_for(request.user), pk=pk)
    today = timezone.localdate()
    rows = selectors.movement_dashboard(movement, today)
    agency = home_agency(request.user)
    manage = can_manage_blocks(request.user)
    if not manage:  # an agency sees only its own line
        rows = [r for r in rows if agency is not None and r.unit.pk == agency.pk]
    counts = {"total": len(rows), "registered": sum(r.status in (Status.SUBMITTED, Status.RECEIVED) for r in rows),
              "returned": sum(r.status == Status.RETURNED for r in rows), "late": sum(r.late for r in rows)}
    return render(request, "blocks/movement_detail.html", {
        "movement": movement, "rows": rows, "counts": counts, "today": today, "can_manage": manage,
        "documents": [line for line in movement.documents.splitlines() if line.strip()],
        "start_url": reverse("registration_list"),
    })
