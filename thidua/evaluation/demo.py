"""Demo history for SKHCN (made up, deterministic): ratings 2018–2022, initiatives with scopes,
CSTĐCS streaks, one discipline, award records 2018–2021 with decision numbers, departments'
ratings and titles. 2022 is the year being judged: its ratings and initiatives are in, its titles
are not decided yet — so the eligibility page has something to decide.

The figures echo the seed registration's targets for 2022 (they are targets, the results are
made plausible here): 70 people meet the LĐTT standard, 11 the CSTĐCS standard (over the 15% quota
of 70 rounded down, as the seed is), 3 are candidates for CSTĐ cấp tỉnh and 1 for CSTĐ toàn quốc,
2 departments for Tập thể LĐXS; two people with two consecutive CSTĐCS would reach CSTĐ cấp tỉnh
in 2023 if the streak continues. Idempotent: nothing is added once SKHCN has ratings."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from thidua.accounts.models import Role, User
from thidua.organizations.models import Staff, Unit, UnitKind

from .models import Achievement, AwardRecord, CollectiveRating, Discipline, Rating

AGENCY = "SKHCN"
FIRST, JUDGED = 2018, 2022
DIRECTOR_ISSUER = "Giám đốc Sở Khoa học và Công nghệ tỉnh Thái Nguyên"
PROVINCE_ISSUER = "Chủ tịch UBND tỉnh Thái Nguyên"
INITIATIVES = [
    "Ứng dụng phần mềm quản lý hồ sơ nhiệm vụ khoa học và công nghệ",
    "Quy trình thẩm định công nghệ các dự án đầu tư rút gọn",
    "Số hóa kho dữ liệu thông tin khoa học và công nghệ của tỉnh",
    "Cải tiến quy trình tiếp nhận hồ sơ đăng ký kết quả nhiệm vụ khoa học",
    "Bộ công cụ theo dõi hoạt động đo lường tại doanh nghiệp",
    "Giải pháp kiểm tra nhanh nhãn hàng hóa trên thị trường",
    "Mô hình hỗ trợ doanh nghiệp đổi mới công nghệ",
    "Hệ thống thống kê khoa học và công nghệ trực tuyến",
]


def _decision(year: int) -> tuple[str, dt.date]:
    """The director's yearly decision on titles for `year`, signed in January of the next year."""
    return f"{12 + (year - FIRST) * 7:02d}/QĐ-KHCN", dt.date(year + 1, 1, 20)


class _Plan:
    def __init__(self) -> None:
        self.ratings: dict[tuple[int, int], str] = {}
        self.titles: dict[tuple[int, int], set[str]] = {}
        self.achievements: list[tuple[int, int, str, str]] = []  # staff, year, kind, scope
        self.disciplines: list[tuple[int, int, str]] = []

    def rate(self, pid: int, year: int, rating: str) -> None:
        self.ratings[(pid, year)] = rating

    def title(self, pid: int, year: int, *codes: str) -> None:
        self.titles.setdefault((pid, year), set()).update(codes)

    def initiative(self, pid: int, year: int, scope: str, kind: str = "initiative") -> None:
        self.achievements.append((pid, year, kind, scope))


def _plan(staff: list[Staff]) -> _Plan:
    rng = random.Random(20220205)
    plan = _Plan()
    start = {s.pk: max(FIRST, s.active_from.year if s.active_from else FIRST) for s in staff}
    veterans = [s.pk for s in staff if start[s.pk] == FIRST]
    director, pool = veterans[0], veterans[1:]
    streak_now, forecast, forecast_weak, broken = pool[3:5], pool[5:7], pool[7], pool[8]
    excellent_only, others_2022, htnv_2022, disciplined = pool[9:13], pool[13:18], pool[19:21], pool[21]
    special = {director, *streak_now, *forecast, forecast_weak, broken, *excellent_only, *others_2022,
               *htnv_2022, disciplined}

    # Everyone: a rating each year worked; LĐTT for the past years rated from HTTNV up.
    for s in staff:
        for year in range(start[s.pk], JUDGED + 1):
            roll = rng.random()
            rating = "HTXSNV" if roll < 0.2 else "HTTNV" if roll < 0.95 or year == JUDGED else "HTNV"
            plan.rate(s.pk, year, rating)
    # A few CSTĐCS each past year among the others, each with its initiative (ND 91/2017).
    ordinary = [pid for pid in (s.pk for s in staff) if pid not in special]
    for year in range(FIRST, JUDGED):
        for pid in rng.sample([p for p in ordinary if start[p] <= year], 6):
            plan.rate(pid, year, "HTXSNV")
            plan.initiative(pid, year, "co_so")
            plan.title(pid, year, "CSTDCS")

    # The director: CSTĐCS 2018–2021, CSTĐ cấp tỉnh for 2017–2019, national research in 2022.
    for year in range(FIRST, JUDGED + 1):
        plan.rate(director, year, "HTXSNV")
    for year in range(FIRST, JUDGED):
        plan.title(director, year, "CSTDCS")
        plan.initiative(director, year, "tinh" if year == 2019 else "co_so")
    plan.title(director, 2019, "CSTD_TINH")
    plan.initiative(director, JUDGED, "toan_quoc", "research")
    # Two consecutive CSTĐCS (2020, 2021) and the third's standard met in 2022: CSTĐ cấp tỉnh now.
    for pid in streak_now:
        for year in (2020, 2021):
            plan.rate(pid, year, "HTXSNV")
            plan.title(pid, year, "CSTDCS")
            plan.initiative(pid, year, "tinh" if year == 2021 else "co_so")
        plan.initiative(pid, JUDGED, "co_so")
    # CSTĐCS 2021 and its standard met in 2022 with a provincial-scope initiative: next year.
    for pid in (*forecast, forecast_weak):
        plan.rate(pid, 2021, "HTXSNV")
        plan.title(pid, 2021, "CSTDCS")
        plan.initiative(pid, 2021, "co_so")
        plan.initiative(pid, JUDGED, "co_so" if pid == forecast_weak else "tinh")
    # CSTĐCS 2020 and 2021, but no initiative in 2022: the streak breaks (ND 91/2017 needs one).
    for year in (2020, 2021):
        plan.rate(broken, year, "HTXSNV")
        plan.title(broken, year, "CSTDCS")
        plan.initiative(broken, year, "co_so")
    plan.rate(broken, JUDGED, "HTXSNV")
    # Excellent in 2022 without an initiative: LĐTT yes, CSTĐCS not under ND 91/2017.
    for pid in excellent_only:
        plan.rate(pid, JUDGED, "HTXSNV")
    # The rest of the 11 CSTĐCS of 2022: one research work, one initiative whose scope is not known.
    for i, pid in enumerate(others_2022):
        plan.initiative(pid, JUDGED, "" if i == 0 else "co_so", "research" if i == 1 else "initiative")
    for pid in htnv_2022:
        plan.rate(pid, JUDGED, "HTNV")
    plan.rate(disciplined, JUDGED, "HTTNV")
    plan.disciplines.append((disciplined, JUDGED, "khien_trach"))

    # LĐTT of the past years follows the ratings.
    for (pid, year), rating in plan.ratings.items():
        if year < JUDGED and rating in ("HTXSNV", "HTTNV"):
            plan.title(pid, year, "LDTT")
    return plan


def _departments(agency: Unit) -> list[Unit]:
    return list(Unit.objects.filter(parent=agency, kind=UnitKind.DEPARTMENT).order_by("position"))


@transaction.atomic
def load_evaluation_demo() -> None:
    # The province board's officer edits the province's own rules (quotas, criteria) in the admin.
    User.objects.filter(role=Role.PROVINCE_OFFICER, is_staff=False).update(is_staff=True)
    agency = Unit.objects.filter(code=AGENCY).first()
    if agency is None or Rating.objects.filter(staff__agency=agency).exists():
        return
    staff = list(Staff.objects.filter(agency=agency).order_by("pk"))
    plan = _plan(staff)
    Rating.objects.bulk_create(Rating(staff_id=pid, year=year, rating=rating)
                               for (pid, year), rating in sorted(plan.ratings.items()))
    Achievement.objects.bulk_create(
        Achievement(staff_id=pid, year=year, kind=kind, scope=scope,
                    title=(INITIATIVES[(pid + year) % len(INITIATIVES)] if kind == "initiative"
                           else f"Đề tài: Nghiên cứu ứng dụng công nghệ số trong quản lý khoa học năm {year}"),
                    recognised_by="Hội đồng sáng kiến cấp tỉnh" if scope in ("tinh", "toan_quoc")
                    else "Hội đồng sáng kiến Sở Khoa học và Công nghệ",
                    recognised_on=dt.date(year, 11, 15))
        for pid, year, kind, scope in plan.achievements
    )
    Discipline.objects.bulk_create(
        Discipline(staff_id=pid, year=year, form=form, decided_on=dt.date(year, 9, 5),
                   decision_number="85/QĐ-KHCN", note="Vi phạm quy chế làm việc")
        for pid, year, form in plan.disciplines
    )
    records = []
    for (pid, year), codes in sorted(plan.titles.items()):
        for code in sorted(codes):
            if code == "CSTD_TINH":
                number, day, issuer = f"{400 + year % 100}/QĐ-UBND", dt.date(year + 1, 3, 10), PROVINCE_ISSUER
            else:
                (number, day), issuer = _decision(year), DIRECTOR_ISSUER
            records.append(AwardRecord(staff_id=pid, year=year, code=code, awarded_on=day, decision_number=number,
                                       issuer=issuer))
    # Departments: rated every year; Tập thể LĐTT each past year, Tập thể LĐXS for two in 2021.
    departments = _departments(agency)
    excellent = {d.pk for d in departments[1:4:2]}  # Thanh tra Sở, Phòng Quản lý khoa học
    ratings = []
    for year in range(FIRST, JUDGED + 1):
        ratings.append(CollectiveRating(unit=agency, year=year, rating="HTXSNV"))
        for i, dept in enumerate(departments):
            ratings.append(CollectiveRating(unit=dept, year=year,
                                            rating="HTXSNV" if dept.pk in excellent else "HTTNV"))
            if year < JUDGED and (i + year) % 7 != 0:
                number, day = _decision(year)
                records.append(AwardRecord(unit=dept, year=year, code="TTLDTT", awarded_on=day,
                                           decision_number=number, issuer=DIRECTOR_ISSUER))
    for dept in departments:
        if dept.pk in excellent:
            records.append(AwardRecord(unit=dept, year=2021, code="TTLDXS", awarded_on=dt.date(2022, 4, 12),
                                       decision_number="735/QĐ-UBND", issuer=PROVINCE_ISSUER))
    CollectiveRating.objects.bulk_create(ratings)
    AwardRecord.objects.bulk_create(records)
