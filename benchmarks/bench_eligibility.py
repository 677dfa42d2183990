"""Time the judgement of every staff member of a province for all individual titles (LĐTT, CSTĐCS,
CSTĐ cấp tỉnh, CSTĐ toàn quốc): history loaded by the selectors, cases built, verdicts reached.
Reports seconds (best and median of the runs), the number of queries, and a breakdown.

    .venv/bin/python benchmarks/generate.py          # once: var/bench.sqlite3
    .venv/bin/python benchmarks/bench_eligibility.py [--province BENCH01] [--year 2022] [--runs 5] [--all-years]
                                                     [--profile]

Target: under 2 seconds for 10,000 people on SQLite (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
TARGET_SECONDS = 2.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="BENCH01")
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run")
    parser.add_argument("--all-years", action="store_true",
                        help="read each person's whole history, not only the years the rules read")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from thidua.evaluation import selectors
    from thidua.evaluation.batch import EARLIER_TITLES, INDIVIDUAL_TITLES, first_year_read, window_key
    from thidua.organizations.models import Province, Unit

    province = Province.objects.filter(code=args.province).first()
    if province is None:
        print(f"No province {args.province}: run benchmarks/generate.py first.", file=sys.stderr)
        return 2

    def run():
        staff = selectors.staff_in_scope(year=args.year, province_id=province.pk)
        since = None if args.all_years else selectors.AUTO
        return selectors.evaluate_staff(staff, args.year, province_id=province.pk, since=since)

    run()  # warm up: imports, SQLite page cache
    timings, cpu = [], []
    load_before = os.getloadavg()[0]
    for _ in range(args.runs):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = run()
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    people = len(result.results)
    records = sum(len(h) for h in result.histories.values())
    verdicts = sum(len(r.verdicts) for r in result.results.values())

    # Breakdown of one run: loading and building, then judging.
    staff = selectors.staff_in_scope(year=args.year, province_id=province.pk)
    since = first_year_read(INDIVIDUAL_TITLES, args.year, result.criteria.criteria)
    with selectors._collector_paused():  # as evaluate_staff does
        started = time.perf_counter()
        history = selectors.histories(staff, until=args.year, since=since, earlier_titles=EARLIER_TITLES)
        load = time.perf_counter() - started
        started = time.perf_counter()
        everything = selectors.histories(staff, until=args.year)
        load_all = time.perf_counter() - started
    cases = [selectors._case(pid, args.year, INDIVIDUAL_TITLES, h) for pid, h in history.items()]
    crit = result.criteria.criteria
    distinct = {code: len({window_key(code, c, crit) for c in cases}) for code in INDIVIDUAL_TITLES}

    agency = Unit.objects.filter(province=province, kind="agency").order_by("code").first()
    with CaptureQueriesContext(connection) as page_queries:
        started = time.perf_counter()
        page = selectors.agency_eligibility(agency, args.year)
        page_time = time.perf_counter() - started

    best, median = min(timings), statistics.median(timings)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"province {province.code}, year {args.year}, rule set {result.rule_set.code if result.rule_set else '-'}")
    print(f"people judged: {people:,}; yearly records read: {records:,}; verdicts: {verdicts:,}")
    print(f"evaluate_staff, all individual titles: best {best:.3f} s, median {median:.3f} s over {args.runs} runs "
          f"(CPU best {min(cpu):.3f} s); {len(queries.captured_queries)} queries")
    print(f"  machine: {os.cpu_count()} CPUs, load average {load_before:.2f} before the runs")
    whole = sum(len(h) for h in everything.values())
    print(f"  of which loading history from {since} (4 queries) and building records: {load:.3f} s; "
          f"the whole history ({whole:,} yearly records) would take {load_all:.3f} s")
    print("  distinct situations judged per title: "
          + ", ".join(f"{code} {n:,}" for code, n in distinct.items()))
    print(f"agency page data ({agency.code}, {page.headcount} people): {page_time:.3f} s, "
          f"{len(page_queries.captured_queries)} queries")
    for code in INDIVIDUAL_TITLES:
        statuses = [r.verdicts[code].status for r in result.results.values()]
        print(f"  {code}: eligible {statuses.count('eligible'):,}, review {statuses.count('review'):,}, "
              f"not eligible {statuses.count('not_eligible'):,}")
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        run()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    verdict = "meets" if best < TARGET_SECONDS else "MISSES"
    print(f"{verdict} the target of {TARGET_SECONDS:.0f} s")
    return 0 if best < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
