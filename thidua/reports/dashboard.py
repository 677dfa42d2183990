"""The start page after login: for one user and one emulation year, the year's deadlines with
days left, what waits for this user, and how far the year has gone, each with a link to the work.

Every figure comes from the same scoped querysets the pages use (accounts.scope and each app's
policy), so the page shows no number the user could not open. A fixed number of queries whatever
the size of the province: counts and sums are aggregated in the database, lists are cut at
ITEMS."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.accounts.scope import Scope, is_admin
from thidua.blocks.policy import movements_for
from thidua.core import versions
from thidua.councils.models import SessionStatus
from thidua.councils.policy import can_run, sessions_for
from thidua.decisions.models import DecisionStatus
from thidua.decisions.policy import decisions_for
from thidua.emulation.models import Status
from thidua.emulation.policy import registrations_for
from thidua.evaluation.models import Rating
from thidua.organizations.models import BlockMembership, UnitKind
from thidua.organizations.policy import headed_block_years, home_agency, staff_for
from thidua.yearend.models import Level, LineStatus, NominationLine, NominationStatus
from thidua.yearend.policy import nominations_for

ITEMS = 8  # items listed under a task; the rest is behind the task's link


@dataclass
class Link:
    text: str
    url: str
    note: str = ""


@dataclass
class Deadline:
    label: str
    date: dt.date
    days_left: int
    url: str

    @property
    def overdue(self) -> int:
        return -self.days_left

    @property
    def state(self) -> str:
        if self.days_left < 0:
            return "late"
        return "soon" if self.days_left <= 7 else "ok"


@dataclass
class Task:
    label: str
    count: int
    url: str
    items: list[Link] = field(default_factory=list)


@dataclass
class Figure:
    label: str
    value: str
    url: str
    done: int | None = None
    total: int | None = None
    parts: list[Link] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * (self.done or 0) / self.total))


@dataclass
class Dashboard:
    year: int
    today: dt.date
    deadlines: list[Deadline]
    tasks: list[Task]
    progress: list[Figure]

    @property
    def waiting(self) -> int:
        return sum(t.count for t in self.tasks)


def _deadlines(user, year: int, today: dt.date) -> list[Deadline]:
    movements = movements_for(user).filter(launched_for_year=year, deadline__isnull=False).order_by("deadline")
    return [Deadline(f"Hạn đăng ký thi đua: {m.name}", m.deadline, (m.deadline - today).days,
                     reverse("movement_detail", args=[m.pk])) for m in movements[:ITEMS]]


def _to_receive(user) -> Task | None:
    submitted = registrations_for(user).filter(status=Status.SUBMITTED)
    if not is_admin(user):
        headed = headed_block_years(user)
        if user.role != Role.BLOCK_OFFICER:
            return None
        submitted = submitted.filter(unit__block_memberships__block_year__in=headed,
                                     year=F("unit__block_memberships__block_year__year")).distinct()
    rows = list(submitted.order_by("year", "unit__position", "unit__name")[:ITEMS + 1])
    url = reverse("block_inbox") if user.role == Role.BLOCK_OFFICER else (
        reverse("registration_list") + "?trang_thai=submitted")
    return Task("Bản đăng ký chờ tiếp nhận", submitted.count() if len(rows) > ITEMS else len(rows), url,
                [Link(f"{r.unit.name} – năm {r.year}", reverse("registration_detail", args=[r.pk]))
                 for r in rows[:ITEMS]])


def _to_appraise(user) -> Task | None:
    waiting = nominations_for(user).filter(status=NominationStatus.SUBMITTED)
    if not is_admin(user):
        agency = home_agency(user)
        if user.role == Role.PROVINCE_OFFICER:
            waiting = waiting.filter(level=Level.PROVINCE)
        elif user.role == Role.AGENCY_OFFICER and agency is not None:
            waiting = waiting.filter(level=Level.UNIT, unit=agency)
        else:
            return None
    rows = list(waiting.order_by("year", "id")[:ITEMS + 1])
    return Task("Hồ sơ đề nghị khen thưởng chờ thẩm định", waiting.count() if len(rows) > ITEMS else len(rows),
                reverse("nomination_list"),
                [Link(f"{n.unit.name} – năm {n.year}", reverse("nomination_detail", args=[n.pk]))
                 for n in rows[:ITEMS]])


def _returned(user) -> Task | None:
    """What came back to the user's agency: returned registrations and returned nomination lines."""
    agency = home_agency(user)
    if not is_admin(user) and (agency is None or user.role not in (Role.AGENCY_OFFICER, Role.AGENCY_LEADER)):
        return None
    registrations = registrations_for(user).filter(status=Status.RETURNED)
    lines = NominationLine.objects.filter(status=LineStatus.RETURNED, nomination__in=nominations_for(user)).exclude(
        nomination__status__in=[NominationStatus.DECIDED, NominationStatus.WITHDRAWN])
    if agency is not None and not is_admin(user):
        registrations = registrations.filter(unit=agency)
        lines = lines.filter(nomination__unit=agency)
    regs = list(registrations.order_by("-year")[:ITEMS])
    returned_lines = list(lines.select_related("nomination", "staff", "unit").order_by("-nomination__year", "id")
                          [:ITEMS])
    items = [Link(f"Bản đăng ký năm {r.year} – {r.unit.name}", reverse("registration_detail", args=[r.pk]))
             for r in regs]
    items += [Link(f"{line.subject_name} (hồ sơ năm {line.nomination.year})",
                   reverse("nomination_detail", args=[line.nomination_id]), line.return_reason)
              for line in returned_lines]
    count = (registrations.count() if len(regs) == ITEMS else len(regs)) + (
        lines.count() if len(returned_lines) == ITEMS else len(returned_lines))
    return Task("Bị trả lại, cần sửa và gửi lại", count, reverse("nomination_list"), items[:ITEMS])


def _ballots(user) -> Task | None:
    sessions = (sessions_for(user).filter(status=SessionStatus.OPEN)
                .annotate(pending=Count("candidates", filter=Q(candidates__ballot__isnull=True)))
                .filter(pending__gt=0).order_by("date"))
    rows = [s for s in sessions[:50] if can_run(user, s.council)]
    if not rows and user.role not in (Role.AGENCY_OFFICER, Role.PROVINCE_OFFICER) and not is_admin(user):
        return None
    return Task("Kết quả bỏ phiếu chờ nhập", sum(s.pending for s in rows), reverse("council_list"),
                [Link(f"{s.council.name} – họp ngày {s.date:%d/%m/%Y}", reverse("session_detail", args=[s.pk]),
                      f"{s.pending} đối tượng chưa có kết quả") for s in rows[:ITEMS]])


def _expected_registrations(user, year: int) -> int:
    memberships = BlockMembership.objects.filter(block_year__year=year)
    if is_admin(user):
        return memberships.values("unit").distinct().count()
    agency = home_agency(user)
    if agency is None:
        return 0
    if user.role == Role.PROVINCE_OFFICER:
        return memberships.filter(unit__province_id=agency.province_id).values("unit").distinct().count()
    if user.role == Role.BLOCK_OFFICER:
        return memberships.filter(block_year__in=headed_block_years(user)).values("unit").distinct().count()
    return 1


def _province_figures(user, year: int) -> tuple[int, int, dict]:
    """People of the user's scope rated for `year`, people working that year, and the year's issued
    decisions with their money. For a province board these read every person of the province (~10,000
    index look-ups) and every line of its decisions (9–20 ms and 11–14 ms at nation scale), so they are
    cached under the province's stamp (core.versions): staff, ratings and decisions are tracked
    (reports.freshness; a decision's lines count once it is issued, which saves the decision)."""
    def compute() -> tuple[int, int, dict]:
        # The agencies' people: UBND tỉnh's leaders and the board's staff are not rated in this system.
        people = staff_for(user).active_in_year(year).filter(agency__kind=UnitKind.AGENCY)
        issued = decisions_for(user).filter(award_year=year, status=DecisionStatus.ISSUED).aggregate(
            n=Count("id", distinct=True), money=Sum("lines__amount", filter=Q(lines__revoked_by__isnull=True)))
        return Rating.objects.filter(year=year, staff__in=people).count(), people.count(), issued

    scope = Scope.of(user)
    if scope is None or scope.admin or scope.agency_id is None:
        return compute()  # the whole nation (or nothing): no one province's stamp covers it
    # What staff_for and decisions_for read depends on the scope only: its province for a board,
    # else its agency (and the units it continues, whose changes bump this province too).
    whose = ("province", scope.province_id) if scope.province_board else ("agency", scope.agency_id)
    return versions.cached("dashboard-figures", [*whose, year], [versions.province_key(scope.province_id)], compute)


def _progress(user, year: int) -> list[Figure]:
    registrations = registrations_for(user).filter(year=year)
    if user.role == Role.BLOCK_OFFICER and not is_admin(user):
        registrations = registrations.filter(
            unit__block_memberships__block_year__in=headed_block_years(user),
            unit__block_memberships__block_year__year=year).distinct()
    received = registrations.filter(status=Status.RECEIVED).count()
    expected = max(_expected_registrations(user, year), received)
    reg_url = (reverse("block_inbox") if user.role == Role.BLOCK_OFFICER
               else reverse("registration_list") + f"?nam={year}")
    figures = [Figure("Bản đăng ký đã tiếp nhận", f"{received}/{expected}", reg_url, received, expected)]

    rated, headcount, issued = _province_figures(user, year)
    agency = home_agency(user)
    ratings_url = (reverse("yearend_ratings", args=[agency.code]) + f"?nam={year}"
                   if agency is not None and user.role in (Role.AGENCY_OFFICER, Role.AGENCY_LEADER)
                   else reverse("agency_list"))
    figures.append(Figure("Cá nhân đã có xếp loại", f"{rated}/{headcount}", ratings_url, rated, headcount))

    by_status = dict(nominations_for(user).filter(year=year).values_list("status").annotate(n=Count("id"))
                     .values_list("status", "n"))
    labels = dict(NominationStatus.choices)
    figures.append(Figure("Hồ sơ đề nghị khen thưởng", str(sum(by_status.values())), reverse("nomination_list"),
                          parts=[Link(f"{labels[s]}: {by_status[s]}", reverse("nomination_list"))
                                 for s in NominationStatus.values if by_status.get(s)]))

    decisions_url = reverse("decision_list") + f"?nam={year}&trang_thai=issued"
    figures.append(Figure("Quyết định khen thưởng đã ban hành", str(issued["n"]), decisions_url))
    figures.append(Figure("Tổng tiền thưởng theo các quyết định", f"{issued['money'] or 0:,} đồng".replace(",", "."),
                          decisions_url))
    return figures


def _draw(user, year: int, today: dt.date) -> Dashboard:
    tasks = [t for t in (_to_receive(user), _to_appraise(user), _returned(user), _ballots(user)) if t is not None]
    return Dashboard(year, today, _deadlines(user, year, today), tasks, _progress(user, year))


def dashboard(user, year: int, today: dt.date | None = None) -> Dashboard:
    """The start page of `user` for `year`. Everything on it follows from the user's scope (its reach:
    role, agency, province), so it is kept for the day under the stamps of the province's data and
    of its work in progress (core.versions: registrations, staff, ratings and decisions; dossiers,
    council sessions, ballots and movements) and drawn again after any change to them (12 queries and
    ~10 ms at nation scale otherwise, on every visit to the start page)."""
    today = today or dt.date.today()
    return versions.cached_for_reach(
        Scope.of(user), "dashboard", (year, today.isoformat()),
        lambda province: (versions.province_key(province), versions.work_key(province)),
        lambda: _draw(user, year, today))
