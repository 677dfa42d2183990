"""Time each main page in-process (Django test client, no server) on a generated database, with its
query count and the slowest queries: where to look before optimising. The load benchmark against a
real server is `bench_pages.py`.

    DATABASE_URL=sqlite:////work/benchdata/nation.sqlite3 .venv/bin/python benchmarks/profile_pages.py \
        --province BENCH07 [--runs 3] [--only xet-khen] [--profile] [--lines 25] [--queries 2]

Each page's best wall time and best CPU time of this process (the server's work without the waits
for other processes: compare those on a busy machine).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("THIDUA_SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("THIDUA_SSL_REDIRECT", "0")
os.environ.setdefault("THIDUA_VAR_DIR", str(ROOT / "var" / "bench"))  # production mode: collected static


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="BENCH01")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--profile", action="store_true", help="cProfile (CPU time) the last run of each page")
    parser.add_argument("--lines", type=int, default=25, help="lines of the profile printed")
    parser.add_argument("--queries", type=int, default=2, help="slowest queries printed")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pages import collect_static, page_urls, role_users

    collect_static()

    users = role_users(args.province)
    for role, name, url in page_urls(args.province):
        if args.only and args.only not in name:
            continue
        client = Client(HTTP_HOST="127.0.0.1", secure=True)
        client.force_login(users[role])
        times, cpu = [], []
        for i in range(args.runs):
            profiler = cProfile.Profile(time.process_time) if args.profile and i == args.runs - 1 else None
            with CaptureQueriesContext(connection) as queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                if profiler:
                    profiler.enable()
                response = client.get(url)
                if profiler:
                    profiler.disable()
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
        slow = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:args.queries]
        # CPU time of this process: on a busy machine the wall time mostly measures the others.
        print(f"{name:28} {response.status_code} best {min(times) * 1000:7.1f} ms  cpu {min(cpu) * 1000:6.1f} ms  "
              f"queries {len(queries.captured_queries):3d}  {len(response.content) // 1024} KB  {url}")
        for q in slow:
            print(f"      {float(q['time']) * 1000:6.1f} ms  {q['sql'][:220]}")
        if profiler:
            pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(args.lines)


if __name__ == "__main__":
    main()
