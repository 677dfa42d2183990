"""Year-end pages. Thin: scope through yearend.policy (404 outside it; 403 when seen but the action
is not the user's), reads through selectors, writes through services (evaluation's for ratings and
initiatives, councils' for sessions, decisions' for issuing)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from thidua.accounts import scope as access
from thidua.audit.selectors import history_entries
from thidua.catalog.models import AwardType
from thidua.core import bounds, versions
from thidua.core.html import select_options
from thidua.core.paging import counted_page, page_number, page_of, page_query
from thidua.core.years import year_key
from thidua.councils.documents import export_minutes
from thidua.councils.models import Session
from thidua.councils.policy import can_run, councils_for, sessions_for
from thidua.councils.services import CouncilError, session_create
from thidua.decisions.models import Decision
from thidua.decisions.policy import can as can_decision
from thidua.decisions.services import DecisionError, decision_issue
from thidua.documents.pdf import PdfError
from thidua.emulation.years import working_year
from thidua.evaluation import services as evaluation_services
from thidua.evaluation.locks import last_reopening, rating_lock
from thidua.evaluation.models import Achievement, AchievementKind, RatingLevel, Scope
from thidua.evaluation.selectors import STATUS_NAMES
from thidua.evaluation.views import STATUS_CLASSES
from thidua.jobs.services import start_document_pdf
from thidua.organizations.models import Staff, Unit, UnitKind

from . import policy, selectors, services
from .documents import export_achievement_report, export_proposal_letter
from .models import Level, LineStatus, Nomination, NominationEvent, NominationLine, NominationStatus, nominations_key

RATINGS_PAGE_SIZE = 50  # people per page of the ratings and individual registrations grids

USER_ERRORS = (ValidationError, services.NominationError, CouncilError, DecisionError, ValueError)

logger = logging.getLogger(__name__)


def _year(request: HttpRequest) -> int:
    """The page's one year: ?nam=, the user's last choice, the current emulation year."""
    return working_year(request)


def _agency(request: HttpRequest, code: str) -> Unit:
    return get_object_or_404(policy.agencies_for(request.user).select_related("province"), code=code)


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(m for msgs in (exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages])
                        for m in msgs)
    return str(exc)


# --- ratings grid -----------------------------------------------------------------------------


def _ratings_grid(request: HttpRequest, agency: Unit, year: int, may_edit: bool) -> tuple:
    """The grid, the HTML of the rows of the page asked for, and the options of everyone of the
    agency (for recording an initiative, whichever page is shown)."""
    grid = selectors.ratings_grid(agency, year)
    # Built once, not per row: a 250-person grid would otherwise reverse 250 URLs and loop over
    # the levels 250 times in the template.
    options = select_options(((code, label, "") for code, label in RatingLevel.choices), "— chưa xếp loại —")
    # A large agency's people in pages (in department order); the counts above cover them all.
    page = page_of(request, grid.staff, per_page=RATINGS_PAGE_SIZE)
    staff_rows = [{"row": r, "link": f"{reverse('staff_detail', args=[r.id])}?nam={year}",
                   "options": options.get(r.rating, options[""])} for r in page.object_list]
    rows = render_to_string("yearend/_rating_rows.html", {"agency": agency, "year": year, "page": page,
                                                          "staff_rows": staff_rows, "may_edit": may_edit})
    # escape() once per text: format_html per option cost more than the rest of the page.
    everyone = "".join(f'<option value="{r.id}">{escape(r.name)} ({escape(r.department)})</option>'
                       for r in grid.staff)
    return grid, mark_safe(rows), mark_safe(everyone)  # our own template; escaped above


def ratings_page(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(request, code)
    year = _year(request)
    province = versions.province_key(agency.province_id)

    def state() -> tuple:
        # Ratings a decision was issued on are read-only (evaluation.locks) until a recorded reopening.
        lock = rating_lock(agency, year)
        achievements = (Achievement.objects.filter(staff__agency=agency, year=year)
                        .select_related("staff").order_by("staff__full_name", "title"))
        rows = render_to_string("yearend/_achievement_rows.html", {"achievements": achievements, "year": year})
        return lock, None if lock else last_reopening(agency, year), mark_safe(rows)  # our own template

    # The lock, the reopening and the initiatives, then the grid and a page of its rows, are cached
    # until the province's data change (decisions, reopenings, ratings and initiatives are tracked:
    # a rating saved through the grid changes the stamp); the officer's and the readers' grids apart.
    lock, reopening, achievement_rows = versions.cached("ratings-state", (agency.pk, year), (province,), state)
    may_record = policy.can_edit_year_end(request.user, agency)
    may_edit = may_record and lock is None
    grid, staff_rows_html, staff_options = versions.cached(
        "ratings", (agency.pk, year, page_number(request), may_edit), (province, versions.CATALOG),
        lambda: _ratings_grid(request, agency, year, may_edit))
    options = select_options(((code, label, "") for code, label in RatingLevel.choices), "— chưa xếp loại —")
    unit_rows = [{"row": r, "options": options.get(r.rating, options[""])} for r in grid.departments]
    return render(request, "yearend/ratings.html", {
        "agency": agency, "year": year, "grid": grid, "levels": RatingLevel.choices,
        "staff_rows_html": staff_rows_html, "unit_rows": unit_rows,
        "page": page_of(request, grid.staff, per_page=RATINGS_PAGE_SIZE), "page_query": page_query(request),
        "staff_options": staff_options,
        "level_counts": _level_counts(grid),
        "lock": lock, "reopening": reopening,
        "may_reopen": lock is not None and evaluation_services.can_reopen_ratings(request.user, agency),
        "may_record": may_record,
        "may_edit": may_edit, "achievement_rows": achievement_rows,
        "kinds": AchievementKind.choices, "scopes": Scope.choices,
        "years": range(year + 1, year - 5, -1),
    })


def _level_counts(grid: selectors.RatingsGrid) -> list[tuple[str, str, int]]:
    return [(code, label, grid.counts.get(code, 0)) for code, label in RatingLevel.choices]


@require_POST
def ratings_reopen(request: HttpRequest, code: str) -> HttpResponse:
    """The recorded act that makes locked ratings of a year editable again (evaluation.locks)."""
    agency = _agency(request, code)
    year = _year(request)
    if not evaluation_services.can_reopen_ratings(request.user, agency):
        raise PermissionDenied("Mở lại xếp loại là việc của lãnh đạo cơ quan hoặc Ban Thi đua – Khen thưởng tỉnh.")
    try:
        evaluation_services.ratings_reopen(actor=request.user, agency=agency, year=year,
                                           reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, f"Đã mở lại xếp loại năm {year}: cán bộ thi đua, khen thưởng sửa được; "
                                  "lý do đã được ghi lại.")
    return redirect(reverse("yearend_ratings", args=[agency.code]) + f"?nam={year}")


@require_POST
def rating_save(request: HttpRequest, code: str) -> HttpResponse:
    """htmx: one select of the grid changed — save it by rating_set (or collective_rating_set) and
    answer the row's status cell: "đã lưu" or the Vietnamese error."""
    agency = _agency(request, code)
    year = _year(request)
    rating = request.POST.get("rating", "").strip()
    try:
        if not policy.can_edit_year_end(request.user, agency):
            raise PermissionDenied("Bạn không có quyền ghi xếp loại cho đơn vị này.")
        if rating not in RatingLevel.values:
            raise ValidationError("Hãy chọn một mức xếp loại.")
        if request.POST.get("staff"):
            staff = get_object_or_404(Staff.objects.select_related("agency"), pk=bounds.parse_id(request.POST["staff"]),
                                      agency=agency)
            evaluation_services.rating_set(actor=request.user, staff=staff, year=year, rating=rating)
        else:
            unit = get_object_or_404(Unit.objects.filter(pk=agency.pk) | Unit.objects.filter(
                parent=agency, kind=UnitKind.DEPARTMENT), pk=bounds.parse_id(request.POST.get("unit")))
            evaluation_services.collective_rating_set(actor=request.user, unit=unit, year=year, rating=rating)
    except (PermissionDenied, ValidationError) as exc:
        text = str(exc) if isinstance(exc, PermissionDenied) else _message(exc)
        return render(request, "yearend/_saved.html", {"ok": False, "text": f"Chưa lưu: {text}"})
    # The counts at the top of the page follow (an htmx out-of-band swap of the chips).
    grid = selectors.ratings_grid(agency, year)
    return render(request, "yearend/_saved.html", {
        "ok": True, "text": f"đã lưu: {RatingLevel(rating).label}", "grid": grid,
        "level_counts": _level_counts(grid), "oob": True})


@require_POST
def achievement_add(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(request, code)
    year = _year(request)
    back = reverse("yearend_ratings", args=[agency.code]) + f"?nam={year}#sang-kien"
    staff = Staff.objects.filter(agency=agency, pk=bounds.parse_id(request.POST.get("staff"))
                                 ).select_related("agency").first()
    if staff is None:
        messages.error(request, "Hãy chọn cán bộ có sáng kiến, đề tài.")
        return redirect(back)
    try:
        day = bounds.parse_date(request.POST.get("recognised_on"), "Ngày công nhận")
        evaluation_services.achievement_add(
            actor=request.user, staff=staff, year=year, kind=request.POST.get("kind", ""),
            title=request.POST.get("title", ""), scope=request.POST.get("scope", ""),
            recognised_by=request.POST.get("recognised_by", "").strip(),
            recognised_on=day)
    except PermissionDenied:
        raise
    except (ValidationError, ValueError) as exc:
        messages.error(request, f"Chưa ghi được sáng kiến, đề tài: {_message(exc)}")
        return redirect(back)
    messages.success(request, f"Đã ghi sáng kiến, đề tài của {staff}.")
    return redirect(back)


# --- individual registrations -----------------------------------------------------------------


def registrations_page(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(request, code)
    year = _year(request)
    # The people of the year (staff and ratings are tracked) and the titles' select (the catalog) are
    # read once until their stamps change (core.versions); the registrations themselves on each view.
    grid = versions.cached("ratings-grid", (agency.pk, year), (versions.province_key(agency.province_id),),
                           lambda: selectors.ratings_grid(agency, year))
    # What the people registered, and the comparison with the agency's registration: kept until the
    # province's registrations or its work in progress (individual registrations) change.
    keys = (versions.province_key(agency.province_id), versions.work_key(agency.province_id), versions.CATALOG)
    registered, comparison = versions.cached(
        "individual-registrations", (agency.pk, year), keys,
        lambda: (selectors.individual_registrations(agency, year), selectors.registration_comparison(agency, year)))

    def titles() -> tuple[list, dict]:
        codes = selectors.individual_codes()
        return codes, select_options(((a.code, a.name, "") for a in codes), "— không đăng ký —")

    codes, options = versions.cached("individual-titles", (), (versions.CATALOG,), titles)
    page = page_of(request, grid.staff, per_page=RATINGS_PAGE_SIZE)  # in pages, as the ratings grid
    may_edit = policy.can_edit_year_end(request.user, agency)

    def rows_html() -> str:
        rows = [{"row": r, "current": code, "options": options.get(code, options[""])}
                for r in page.object_list for code in [registered.get(r.id, "")]]
        return mark_safe(render_to_string("yearend/_registration_rows.html", {  # our own template
            "agency": agency, "year": year, "rows": rows, "page": page, "may_edit": may_edit}))

    # The rows drawn change with the same data as the two parts above: kept under their stamps.
    rows = versions.cached("individual-rows", (agency.pk, year, page.number, may_edit), keys, rows_html)
    return render(request, "yearend/registrations.html", {
        "agency": agency, "year": year, "rows_html": rows, "page": page, "page_query": page_query(request),
        "comparison": comparison,
        "may_edit": may_edit, "years": range(year + 1, year - 5, -1),
    })


@require_POST
def registration_save(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(request, code)
    year = _year(request)
    staff = get_object_or_404(Staff.objects.select_related("agency"), pk=bounds.parse_id(request.POST.get("staff")),
                              agency=agency)
    value = request.POST.get("code", "")
    try:
        services.individual_registration_set(actor=request.user, staff=staff, year=year, code=value)
    except (PermissionDenied, ValidationError, services.NominationError) as exc:
        text = str(exc) if isinstance(exc, PermissionDenied | services.NominationError) else _message(exc)
        return render(request, "yearend/_saved.html", {"ok": False, "text": f"Chưa lưu: {text}"})
    return render(request, "yearend/_saved.html", {"ok": True, "text": f"đã lưu {value or '(bỏ đăng ký)'}"})


# --- nominations ------------------------------------------------------------------------------


def _nomination(request: HttpRequest, pk: int, action: str = "view") -> Nomination:
    nomination = get_object_or_404(selectors.nomination_with_parts(policy.nominations_for(request.user)), pk=pk)
    if action != "view" and not policy.can(request.user, action, nomination):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    return nomination


STEPS = [(s.value, s.label) for s in NominationStatus if s != NominationStatus.WITHDRAWN]


def _done_steps(nomination: Nomination) -> list[str]:
    order = [code for code, _ in STEPS]
    if nomination.status not in order:
        return []
    return order[:order.index(nomination.status)]


def nomination_list(request: HttpRequest) -> HttpResponse:
    def compute() -> dict:
        page = page_of(request, policy.nominations_for(request.user).order_by("-year", "-id"))
        creatable = [a for a in policy.agencies_for(request.user) if policy.can_edit_year_end(request.user, a)][:50]
        return {"rows": render_to_string("yearend/_nomination_rows.html", {"nominations": page.object_list}),
                "count": page.paginator.count, "number": page.number,
                "creatable": [{"pk": a.pk, "name": a.name} for a in creatable], "year": working_year(request)}

    # A page's rows and the new dossier's form are drawn once for all users of one reach until the
    # province's dossiers (their own stamp), units or registrations (the form's default year) change.
    part = versions.cached_for_reach(access.Scope.of(request.user), "nomination-list",
                                     (year_key(request), page_number(request)),
                                     lambda province: (versions.province_key(province), nominations_key(province)),
                                     compute)
    return render(request, "yearend/nomination_list.html", {
        "rows": mark_safe(part["rows"]),  # our own template
        "page": counted_page(part["number"], part["count"]), "page_query": page_query(request),
        "creatable": part["creatable"], "levels": Level.choices, "year": part["year"],
    })


@require_POST
def nomination_new(request: HttpRequest) -> HttpResponse:
    unit = get_object_or_404(policy.agencies_for(request.user), pk=bounds.parse_id(request.POST.get("unit")))
    try:
        nomination = services.nomination_create(actor=request.user, unit=unit, year=_year(request),
                                                level=request.POST.get("level", Level.PROVINCE))
    except services.NominationError as exc:
        messages.error(request, str(exc))
        return redirect("nomination_list")
    messages.success(request, "Đã lập hồ sơ đề nghị khen thưởng (dự thảo).")
    return redirect("nomination_detail", nomination.pk)


def _verdict_cell(judged: selectors.JudgedLine) -> str:
    """A line's verdict with its reasons as the page shows it, escaped once (drawn by the template for
    each line on each view, the reasons were half of the page's rendering)."""
    verdict = judged.verdict
    if verdict is None:
        return ""
    esc = conditional_escape  # as the template's autoescape
    reasons = "".join(f"<li>{esc(r.text)}" + (f' <span class="basis">({esc(r.basis)})</span>' if r.basis else "")
                      + "</li>" for r in judged.reasons)
    status = verdict.status
    return (f'<span class="status {STATUS_CLASSES.get(status, "")}" data-verdict="{esc(status)}">'
            f'{esc(STATUS_NAMES.get(status, ""))}</span>\n<ul class="verdict-reasons">{reasons}</ul>')


def _judged(nomination: Nomination) -> tuple[list[tuple[NominationLine, str]], list]:
    """Each line with its verdict cell (_verdict_cell), and the quotas over the proposal: cached under
    the stamps of the province's data and of the law (core.versions), keyed by what the lines
    propose, since judging reads the history of every person on the dossier (~25 ms CPU at nation
    scale). A line of someone from another agency, or a collective of another province, is judged on
    each view: their history changes bump another province's stamp."""
    lines = list(nomination.lines.all())

    def compute() -> tuple[dict[int, str], list]:
        judged = selectors.nomination_lines(nomination)
        return {j.line.pk: _verdict_cell(j) for j in judged}, selectors.proposal_quotas(nomination)

    unit = nomination.unit
    local = all(ln.staff.agency_id == unit.pk if ln.staff_id else ln.unit.province_id == unit.province_id
                for ln in lines)
    if local:
        proposed = hashlib.sha256(repr([(ln.pk, ln.staff_id, ln.unit_id, ln.code, ln.status) for ln in lines])
                                  .encode()).hexdigest()[:20]
        verdicts, quotas = versions.cached("nomination", (nomination.pk, unit.pk, nomination.year, proposed),
                                           (versions.province_key(unit.province_id), versions.CATALOG), compute)
    else:
        verdicts, quotas = compute()
    return [(ln, verdicts.get(ln.pk, "")) for ln in lines], quotas


def _rows(judged: list[tuple[NominationLine, str]]) -> list[dict]:
    return [{
        "line": line, "verdict_html": mark_safe(cell),  # escaped in _verdict_cell
        "ballot": getattr(line.candidate, "ballot", None) if line.candidate_id else None,
    } for line, cell in judged]


# Stands for the request's CSRF token in a cached table (a fixed text: the cache may be shared by processes).
CSRF_PLACEHOLDER = "thidua-csrf-placeholder-5c1e"
# Replaced only as the hidden field {% csrf_token %} writes it: text a user typed (a return reason)
# reaches the page escaped, its quotes as &quot;, so it can never spell this.
CSRF_FIELD = f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"'


def _lines_html(request: HttpRequest, nomination: Nomination, may: dict[str, bool], awarded: bool) -> str:
    """The quotas and the table of the lines, drawn once (~60% of the page's CPU at nation scale)
    and cached under the stamps of the province (the people's and units' names, their history), of
    its work in progress (the dossiers, their lines, council candidates and ballots are tracked:
    reports.freshness) and of the law, keyed by the buttons the user is shown and by whether the
    decision is issued. When a line is of another agency the table is drawn on each view (as its
    verdicts, _judged: their history changes bump another province's stamp)."""
    unit = nomination.unit
    forms = may["edit"] or may["appraise"]
    drawn: list[bool] = []  # drawn in this request (a kept table with another agency's line is drawn again)

    def draw() -> tuple[bool, str]:
        prefetch_related_objects([nomination], selectors.LINES)
        judged, quotas = _judged(nomination)
        drawn.append(True)
        local = all(ln.staff.agency_id == unit.pk if ln.staff_id else ln.unit.province_id == unit.province_id
                    for ln, _ in judged)
        return local, render_to_string("yearend/_nomination_lines.html", {
            "nomination": nomination, "rows": _rows(judged), "may": may, "quotas": quotas, "awarded": awarded,
            "returned": LineStatus.RETURNED, "csrf_token": CSRF_PLACEHOLDER if forms else "",
        })

    local, html = versions.cached(
        "nomination-lines", (nomination.pk, nomination.year, may["edit"], may["appraise"], awarded),
        (versions.province_key(unit.province_id), versions.work_key(unit.province_id), versions.CATALOG), draw)
    if not local and not drawn:
        _, html = draw()
    return html.replace(CSRF_FIELD, f'name="csrfmiddlewaretoken" value="{get_token(request)}"') if forms else html


def _events(nomination: Nomination) -> list[NominationEvent]:
    """The dossier's steps with the names of who took them (only the columns printed: whole rows
    cost more to build into the query than to read); the lines they name read only when some do."""
    events = list(nomination.events.select_related("actor").only(
        "nomination_id", "line_id", "action", "at", "reason", "actor__username", "actor__first_name",
        "actor__last_name"))
    if any(e.line_id for e in events):
        prefetch_related_objects(events, Prefetch("line", NominationLine.objects.select_related("staff", "unit")))
    return events


def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(policy.nominations_for(request.user), pk=pk)
    # Its session and decision, when it has them: cheaper than joining them to every view's query.
    if nomination.council_session_id:
        nomination.council_session = (Session.objects.select_related("council__owner")
                                      .get(pk=nomination.council_session_id))
    if nomination.decision_id:
        nomination.decision = Decision.objects.select_related("issuer").get(pk=nomination.decision_id)
    user = request.user
    may = {action: policy.can(user, action, nomination) for action in policy.ACTIONS if action != "view"}
    awarded = bool(nomination.decision_id and nomination.decision.status == "issued")
    context = {
        "nomination": nomination, "may": may, "lines_html": mark_safe(_lines_html(request, nomination, may, awarded)),
        "events": _events(nomination),
        "steps": STEPS, "done_steps": _done_steps(nomination),
        "decision_url": reverse("decision_detail", args=[nomination.decision_id]) if nomination.decision_id else "",
        "audit_history": history_entries(nomination),
    }
    if nomination.council_session_id:
        context["session"] = nomination.council_session
        if may["ballot"]:  # the ballots' form lists the lines
            prefetch_related_objects([nomination], selectors.LINES)
            context["rows"] = _rows([(line, "") for line in nomination.lines.all()])
    if may["edit"]:
        context.update({
            "staff_choices": list(Staff.objects.filter(agency=nomination.unit).active_in_year(nomination.year)
                                  .select_related("department").order_by("full_name")),
            "unit_choices": [nomination.unit, *Unit.objects.filter(parent=nomination.unit, kind=UnitKind.DEPARTMENT)
                             .order_by("position", "name")],
            "codes": list(AwardType.objects.filter(active=True)),
            "levels": Level.choices,
        })
    if may["council"]:
        sessions = []
        for council in councils_for(user).prefetch_related("sessions"):
            if not can_run(user, council):
                continue
            if policy.council_hears(council, nomination):
                sessions.append((council, [s for s in council.sessions.all() if s.is_open]))
        context["councils"] = sessions
    return render(request, "yearend/nomination_detail.html", context)


def _act(request: HttpRequest, pk: int, action: str, run, done: str) -> HttpResponse:
    nomination = _nomination(request, pk, action)
    try:
        run(nomination)
    except PermissionDenied:
        raise
    except USER_ERRORS as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, done)
    return redirect("nomination_detail", nomination.pk)


@require_POST
def nomination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    fields = {name: request.POST.get(name, "") for name in services.EDITABLE_FIELDS if name in request.POST}
    return _act(request, pk, "edit", lambda n: services.nomination_update(actor=request.user, nomination=n, **fields),
                "Đã lưu tờ trình.")


@require_POST
def nomination_add_line(request: HttpRequest, pk: int) -> HttpResponse:
    def run(nomination):
        subject = request.POST.get("subject", "")
        kind, _, ident = subject.partition("-")
        staff = unit = None
        ident = bounds.parse_id(ident)
        if kind == "s" and ident:
            # Within the user's scope: an id from elsewhere is "nobody chosen", never a name shown back.
            staff = Staff.objects.for_user(request.user).filter(pk=ident).select_related("agency").first()
        elif kind == "u" and ident:
            unit = Unit.objects.for_user(request.user).filter(pk=ident).first()
        if staff is None and unit is None:
            raise services.NominationError("Hãy chọn cá nhân hoặc tập thể được đề nghị.")
        services.nomination_add_line(actor=request.user, nomination=nomination, code=request.POST.get("code", ""),
                                     staff=staff, unit=unit, summary=request.POST.get("summary", ""))

    return _act(request, pk, "edit", run, "Đã thêm đề nghị.")


@require_POST
def nomination_remove_line(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    def run(nomination):
        services.nomination_remove_line(actor=request.user, line=get_object_or_404(nomination.lines.all(), pk=line))

    return _act(request, pk, "edit", run, "Đã bỏ đề nghị khỏi hồ sơ.")


@require_POST
def nomination_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "submit", lambda n: services.nomination_submit(actor=request.user, nomination=n),
                "Đã gửi hồ sơ đề nghị khen thưởng.")


@require_POST
def nomination_return_line(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    def run(nomination):
        services.nomination_return_line(actor=request.user, line=get_object_or_404(nomination.lines.all(), pk=line),
                                        reason=request.POST.get("reason", ""))

    return _act(request, pk, "appraise", run, "Đã trả lại đề nghị, kèm lý do.")


@require_POST
def nomination_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "appraise", lambda n: services.nomination_return(
        actor=request.user, nomination=n, reason=request.POST.get("reason", "")), "Đã trả lại hồ sơ cho đơn vị.")


@require_POST
def nomination_appraise(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "appraise", lambda n: services.nomination_appraise(
        actor=request.user, nomination=n, note=request.POST.get("note", "")), "Đã thẩm định xong hồ sơ.")


@require_POST
def nomination_to_council(request: HttpRequest, pk: int) -> HttpResponse:
    def run(nomination):
        session_id = bounds.parse_id(request.POST.get("session"))
        if session_id:
            session = get_object_or_404(sessions_for(request.user), pk=session_id)
        else:
            council = get_object_or_404(councils_for(request.user), pk=bounds.parse_id(request.POST.get("council")))
            day = bounds.parse_date(request.POST.get("date"), "Ngày họp")
            session = session_create(actor=request.user, council=council, year=nomination.year,
                                     date=day or dt.date.today(),
                                     place=request.POST.get("place", "").strip())
        services.nomination_to_council(actor=request.user, nomination=nomination, session=session)

    return _act(request, pk, "council", run, "Đã đưa hồ sơ ra Hội đồng.")


@require_POST
def nomination_ballots(request: HttpRequest, pk: int) -> HttpResponse:
    """Ballot counts of every line on the agenda at once (one form); each line through
    nomination_record_ballot. The session can be closed (minutes numbered) in the same step."""
    def run(nomination):
        counts = {line.pk: tuple(request.POST.get(f"{k}-{line.pk}", "") for k in ("yes", "no", "invalid"))
                  for line in nomination.lines.all()}
        services.nomination_record_ballots(actor=request.user, nomination=nomination, counts=counts,
                                           close=bool(request.POST.get("close")))

    return _act(request, pk, "ballot", run, "Đã ghi kết quả bỏ phiếu.")


def _date(request: HttpRequest) -> dt.date | None:
    return bounds.parse_date(request.POST.get("date"), "Ngày")


@require_POST
def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "decide", lambda n: services.nomination_decide(
        actor=request.user, nomination=n, title=request.POST.get("title", ""), date=_date(request),
        issue=bool(request.POST.get("issue"))), "Đã lập quyết định khen thưởng từ các đề nghị được tán thành.")


@require_POST
def nomination_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the draft decision made from this nomination (decisions' decision_issue)."""
    nomination = _nomination(request, pk)
    decision = nomination.decision
    if decision is None or not can_decision(request.user, "issue", decision):
        raise PermissionDenied("Bạn không có quyền ban hành quyết định này.")
    try:
        decision_issue(actor=request.user, decision=decision, date=_date(request))
    except (DecisionError, ValidationError) as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "Đã ban hành quyết định khen thưởng.")
    return redirect("nomination_detail", nomination.pk)


@require_POST
def nomination_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "withdraw", lambda n: services.nomination_withdraw(
        actor=request.user, nomination=n, reason=request.POST.get("reason", "")), "Đã rút hồ sơ.")


def _download(exported) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


def nomination_document(request: HttpRequest, pk: int, what: str, fmt: str) -> HttpResponse:
    """The dossier's documents: the tờ trình (to-trinh) and the council's minutes (bien-ban)."""
    nomination = _nomination(request, pk)
    if fmt not in ("docx", "pdf") or what not in ("to-trinh", "bien-ban"):
        raise Http404
    if what == "bien-ban" and (nomination.council_session_id is None or nomination.council_session.is_open):
        raise Http404
    if fmt == "pdf":
        # LibreOffice takes seconds: a background job (thidua.jobs), never this request.
        doc = "proposal_letter" if what == "to-trinh" else "nomination_minutes"
        job = start_document_pdf(actor=request.user, doc=doc, pk=nomination.pk)
        return redirect("job_detail", pk=job.pk)
    try:
        if what == "to-trinh":
            return _download(export_proposal_letter(nomination, fmt=fmt))
        if nomination.council_session_id is None or nomination.council_session.is_open:
            raise Http404
        return _download(export_minutes(nomination.council_session, fmt=fmt))
    except PdfError as exc:
        logger.warning("PDF export failed: %s", exc)
        messages.error(request, exc.user_message)
        return redirect("nomination_detail", nomination.pk)


def nomination_line_report(request: HttpRequest, pk: int, line: int, fmt: str) -> HttpResponse:
    """Báo cáo thành tích of one person or collective of the dossier."""
    nomination = _nomination(request, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    target = get_object_or_404(nomination.lines.all(), pk=line)
    if fmt == "pdf":
        # LibreOffice takes seconds: a background job (thidua.jobs), never this request.
        job = start_document_pdf(actor=request.user, doc="achievement_report", pk=nomination.pk, line=target.pk)
        return redirect("job_detail", pk=job.pk)
    try:
        return _download(export_achievement_report(target, fmt=fmt))
    except PdfError as exc:
        logger.warning("PDF export failed: %s", exc)
        messages.error(request, exc.user_message)
        return redirect("nomination_detail", nomination.pk)
