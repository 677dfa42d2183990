"""Compare WSGI servers on the same deployment (production mode, demo data, SQLite): requests per
second and latency of the health endpoint, the login page and a logged-in list page, with several
clients at once, each request on a new connection (as nginx talks to its upstream by default).

    .venv/bin/pip install 'gunicorn>=23,<24'     # waitress is a dependency already
    .venv/bin/python benchmarks/bench_wsgi.py [--seconds 10] [--clients 8] [--only waitress-8]

Figures and the machine they were measured on: BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from production.deployment import Browser, Deployment, free_port, stop  # noqa: E402

PROXY = "--trusted-proxy=127.0.0.1 --trusted-proxy-headers=x-forwarded-proto"
SERVERS = {
    "waitress-4": f"waitress-serve --listen=127.0.0.1:8000 {PROXY} thidua.wsgi:application",
    "waitress-8": f"waitress-serve --listen=127.0.0.1:8000 {PROXY} --threads=8 thidua.wsgi:application",
    "gunicorn-sync-3": "gunicorn --bind=127.0.0.1:8000 --workers=3 thidua.wsgi:application",
    "gunicorn-sync-5": "gunicorn --bind=127.0.0.1:8000 --workers=5 thidua.wsgi:application",
    "gunicorn-gthread-2x4": "gunicorn --bind=127.0.0.1:8000 --workers=2 --threads=4 thidua.wsgi:application",
}
PAGES = {
    "health `/suc-khoe/`": ("/suc-khoe/", False),
    "login page `/dang-nhap/`": ("/dang-nhap/", False),
    "decision list `/quyet-dinh/` (logged in, bantdkt)": ("/quyet-dinh/", True),
}


def group_cpu_seconds(pgid: int) -> float:
    """CPU time (user + system) of every process of the server's process group: gunicorn's workers
    too. Unlike wall time it barely depends on what else the machine runs."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def load(port: int, path: str, cookies: dict[str, str], clients: int, seconds: float) -> dict[str, float]:
    """`clients` threads request `path` in a loop for `seconds`; returns throughput and latencies."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        browser = Browser(port, cookies=dict(cookies), timeout=10)
        mine, bad = [], []
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status = browser.get(path).status
                problem = None if status == 200 else f"HTTP {status}"
            except OSError as exc:
                problem = type(exc).__name__
            if problem is None:
                mine.append(time.perf_counter() - started)
            else:
                bad.append(problem)
        with lock:
            latencies.extend(mine)
            for problem in bad:
                errors[problem] = errors.get(problem, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000,
        "requests": len(latencies),
        "errors": ", ".join(f"{n} {kind}" for kind, n in errors.items()) or "0",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--only", action="append", choices=sorted(SERVERS), help="servers to measure")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp:
        deployment = Deployment(Path(tmp))
        for command in ("thidua migrate --noinput", "thidua demo", "thidua collectstatic --noinput"):
            done = deployment.run(command)
            if done.returncode:
                print(done.stdout, done.stderr, file=sys.stderr)
                return 1
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        print(f"commit {commit}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, "
              f"{args.clients} clients, {args.seconds:g} s per page")
        print("| Server | Page | req/s | p50 ms | p95 ms | server CPU ms/req | errors |")
        print("|---|---|---|---|---|---|---|")
        for name in args.only or SERVERS:
            port = free_port()
            server = deployment.serve(SERVERS[name], port)
            try:
                browser = Browser(port)
                browser.login("bantdkt")
                for label, (path, logged_in) in PAGES.items():
                    cookies = browser.cookies if logged_in else {}
                    load(port, path, cookies, args.clients, 1)  # warm up every worker
                    cpu_before = group_cpu_seconds(server.pid)
                    r = load(port, path, cookies, args.clients, args.seconds)
                    cpu = (group_cpu_seconds(server.pid) - cpu_before) * 1000 / max(r["requests"], 1)
                    print(f"| {name} | {label} | {r['rps']:.0f} | {r['p50']:.0f} | {r['p95']:.0f} | {cpu:.1f} | "
                          f"{r['errors']} |", flush=True)
            finally:
                stop(server)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
