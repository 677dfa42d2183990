"""Synthetic province(s) for the eligibility benchmark: agencies with departments, staff, and ten
years of ratings, initiatives with scopes, discipline and award history consistent with the rules
(LĐTT from the rating, CSTĐCS within the 15% quota for people with an initiative, CSTĐ cấp tỉnh
after three CSTĐCS and a provincial initiative, ...). Deterministic (seeded), bulk inserts.

    .venv/bin/python benchmarks/generate.py                    # province, into var/bench.sqlite3
    DATABASE_URL=sqlite:///var/nation.sqlite3 .venv/bin/python benchmarks/generate.py --scale nation

The database is migrated first. Running it again on the same database adds nothing (provinces
already generated are skipped). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")

SCALES = {
    # provinces, agencies per province, staff per province
    "province": (1, 40, 10_000),
    "nation": (34, 40, 10_000),
}
RATINGS = [("HTXSNV", 0.15), ("HTTNV", 0.75), ("HTNV", 0.08), ("KHTNV", 0.02)]
SCOPES = [("co_so", 0.80), ("tinh", 0.17), ("toan_quoc", 0.03)]


def _pick(rng: random.Random, table: list[tuple[str, float]]) -> str:
    roll, acc = rng.random(), 0.0
    for value, weight in table:
        acc += weight
        if roll < acc:
            return value
    return table[-1][0]


def generate_province(index: int, *, agencies: int, staff: int, first: int, last: int, seed: int) -> dict[str, int]:
    from django.db import transaction

    from thidua.evaluation.models import Achievement, AwardRecord, CollectiveRating, Discipline, Rating
    from thidua.organizations.models import Province, Staff, Unit

    code = f"BENCH{index:02d}"
    if Province.objects.filter(code=code).exists():
        return {}
    rng = random.Random(seed + index)
    counts: dict[str, int] = {}
    with transaction.atomic():
        province = Province.objects.create(code=code, name=f"Tỉnh thử nghiệm {index}", parent_body="UBND TỈNH",
                                           place_name="Thử nghiệm")
        units = Unit.objects.bulk_create(
            Unit(code=f"{code}-S{a:03d}", name=f"Sở thử nghiệm {a}", kind="agency", province=province, position=a)
            for a in range(agencies))
        departments = Unit.objects.bulk_create(
            Unit(code=f"{u.code}-P{d}", name=f"Phòng {d}", kind="department", province=province, parent=u,
                 position=d)
            for u in units for d in range(1, 6))
        by_agency: dict[int, list[Unit]] = {}
        for d in departments:
            by_agency.setdefault(d.parent_id, []).append(d)
        people = []
        for i in range(staff):
            agency = units[i % agencies]
            joined = first - 10 + int(rng.random() ** 3 * (last - first + 11))  # most joined long ago
            people.append(Staff(agency=agency, department=rng.choice(by_agency[agency.pk]),
                                full_name=f"Cán bộ {index}-{i}", name_folded=f"can bo {index}-{i}",
                                kind="cong_chuc", active_from=dt.date(min(joined, last), 1, 1)))
        people = Staff.objects.bulk_create(people, batch_size=2000)
        counts["staff"] = len(people)

        ratings, achievements, disciplines, awards = [], [], [], []
        for person in people:
            start = max(first, person.active_from.year)
            cstdcs_run, tinh_years, last_tinh = 0, [], -99
            tinh_titles = []
            for year in range(start, last + 1):
                rating = _pick(rng, RATINGS)
                ratings.append(Rating(staff=person, year=year, rating=rating))
                disciplined = rng.random() < 0.01
                if disciplined:
                    disciplines.append(Discipline(staff=person, year=year,
                                                  form="khien_trach" if rng.random() < 0.8 else "canh_cao"))
                initiative = None
                if rng.random() < (0.35 if rating == "HTXSNV" else 0.08):
                    initiative = _pick(rng, SCOPES)
                    kind = "initiative" if rng.random() < 0.8 else "research"
                    achievements.append(Achievement(staff=person, year=year, kind=kind, scope=initiative,
                                                    title=f"Sáng kiến {year}"))
                if year == last:
                    continue  # the year being judged: results not decided yet
                ldtt = rating in ("HTXSNV", "HTTNV") and not disciplined
                codes = ["LDTT"] if ldtt else []
                if ldtt and initiative and rng.random() < 0.85:  # within the quota
                    codes.append("CSTDCS")
                    cstdcs_run += 1
                    if initiative in ("tinh", "toan_quoc"):
                        tinh_years.append(year)
                else:
                    cstdcs_run = 0
                if cstdcs_run >= 3 and year - last_tinh >= 3 and any(y > year - 3 for y in tinh_years):
                    codes.append("CSTD_TINH")
                    tinh_titles.append(year)
                    last_tinh = year
                    if len(tinh_titles) >= 2 and tinh_titles[-1] - tinh_titles[-2] == 3 and rng.random() < 0.3:
                        codes.append("CSTD_TQ")
                if ldtt and rng.random() < 0.01:
                    codes.append("BK_TINH")
                awards.extend(AwardRecord(staff=person, year=year, code=c, decision_number=f"{year % 100}/QĐ-BENCH",
                                          awarded_on=dt.date(year + 1, 1, 20), issuer="Giám đốc Sở")
                              for c in codes)
        collective = [CollectiveRating(unit=u, year=y, rating=_pick(rng, RATINGS[:3]))
                      for u in [*units, *departments] for y in range(first, last + 1)]
        for model, rows in ((Rating, ratings), (Achievement, achievements), (Discipline, disciplines),
                            (AwardRecord, awards), (CollectiveRating, collective)):
            model.objects.bulk_create(rows, batch_size=5000)
            counts[model.__name__] = len(rows)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="province")
    parser.add_argument("--staff", type=int, help="staff per province (default: 10,000)")
    parser.add_argument("--agencies", type=int, help="agencies per province (default: 40)")
    parser.add_argument("--provinces", type=int, help="number of provinces (default by scale)")
    parser.add_argument("--last-year", type=int, default=2022, help="the year being judged (default 2022)")
    parser.add_argument("--years", type=int, default=10, help="years of history up to the last year")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--history-only", action="store_true",
                        help="only the history (no users, registrations, dossiers, decisions)")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    provinces, agencies, staff = SCALES[args.scale]
    provinces = args.provinces or provinces
    first = args.last_year - args.years + 1
    for index in range(1, provinces + 1):
        started = time.perf_counter()
        counts = generate_province(index, agencies=args.agencies or agencies, staff=args.staff or staff,
                                   first=first, last=args.last_year, seed=args.seed)
        if counts:
            print(f"BENCH{index:02d}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
                  + f" in {time.perf_counter() - started:.1f} s")
        else:
            print(f"BENCH{index:02d}: already there")
    if not args.history_only:
        from pages import add_collective_lines, generate_work  # after django.setup(): it imports the models

        from thidua.core.statistics import analyze_sqlite
        from thidua.organizations.models import Province

        for province in Province.objects.filter(code__startswith="BENCH").order_by("code"):
            started = time.perf_counter()
            counts = generate_work(province)
            if counts:
                print(f"{province.code} users and work: " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
                      + f" in {time.perf_counter() - started:.1f} s")
            collective = add_collective_lines(province)
            if collective:
                print(f"{province.code} collective decision lines: {collective:,}")
        analyze_sqlite()  # the planner's statistics of the tables just filled (as migrate does)


if __name__ == "__main__":
    main()
