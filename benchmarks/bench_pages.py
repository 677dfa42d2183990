"""Page throughput against the production-mode server, each page beside the health endpoint in the
same run. Target: every main page at least 20% of the health endpoint's requests per second, with
its p95 at most 10× the health endpoint's p95.

    DATABASE_URL=sqlite:////work/benchdata/nation.sqlite3 .venv/bin/python benchmarks/bench_pages.py \
        --province BENCH07 [--seconds 5] [--connections 8] [--threads 4] [--only xet-khen]

Starts `waitress-serve` (as docs/deployment.md runs it: production settings, `--trusted-proxy`
so the `X-Forwarded-Proto: https` the client sends is honoured) on 127.0.0.1 only, logs each
role's benchmark user in (a session made in the database, as a login would), then for each page
runs a small keep-alive HTTP/1.1 client — `--connections` concurrent connections for `--seconds`
seconds, at most `--max-requests` requests — and prints requests/s, p50 and p95, and the ratios
to the health endpoint (measured before and after the pages; their mean is the reference).
Bounded in time and count, loopback only. Exits 1 when a page misses the target.

The client runs in this process, on the same machine: it takes some CPU from the server, the same
for every page, so the ratios are comparable with each other; absolute figures are not.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("THIDUA_SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("THIDUA_DEBUG", "0")
os.environ.setdefault("THIDUA_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("THIDUA_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("THIDUA_LOG_LEVEL", "ERROR")

HOST = "127.0.0.1"  # never anything else: this is a load generator
MIN_SHARE, MAX_P95 = 0.20, 10.0


@dataclass
class Result:
    name: str
    url: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


async def _fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> tuple[int, bool]:
    """One request on a keep-alive connection: (status, connection still usable)."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        return status, False
    return status, headers.get("connection", "").lower() != "close"


async def load(port: int, name: str, url: str, cookie: str, *, connections: int, seconds: float,
               max_requests: int) -> Result:
    request = (f"GET {url} HTTP/1.1\r\nHost: {HOST}\r\nCookie: sessionid={cookie}\r\n"
               "X-Forwarded-Proto: https\r\nConnection: keep-alive\r\n\r\n").encode()
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()

    async def worker() -> None:
        nonlocal errors
        reader = writer = None
        while time.perf_counter() < deadline and len(latencies) + errors < max_requests:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            t0 = time.perf_counter()
            try:
                status, alive = await asyncio.wait_for(_fetch(reader, writer, request), timeout=60)
            except (asyncio.IncompleteReadError, ConnectionError, TimeoutError):
                errors += 1
                writer.close()
                writer = None
                continue
            if status < 400:  # a role's start page may redirect
                latencies.append(time.perf_counter() - t0)
            else:
                errors += 1
            if not alive:
                writer.close()
                writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return Result(name, url, len(latencies), errors, time.perf_counter() - started, latencies)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def session_for(user) -> str:
    """A logged-in session for `user`, as `django.contrib.auth.login` would store it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # the one that signs users in
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="BENCH01")
    parser.add_argument("--seconds", type=float, default=5.0, help="per page (at most 30)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (at most 64)")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per page")
    parser.add_argument("--threads", type=int, default=4, help="waitress threads")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--paired", action="store_true",
                        help="load the health endpoint right before each page and compare the page with that "
                             "run (on a shared machine whose load drifts during the run)")
    args = parser.parse_args(argv)
    seconds, connections = min(args.seconds, 30.0), min(args.connections, 64)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from pages import collect_static, page_urls, role_users

    collect_static()
    users = role_users(args.province)
    cookies = {role: session_for(user) for role, user in users.items()}
    urls = [p for p in page_urls(args.province) if p[1] != "health" and (not args.only or args.only in p[1])]
    connection.close()

    port = free_port()
    log_path = Path(settings.STATIC_ROOT).parent / "bench-server.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "waitress-serve"), f"--listen={HOST}:{port}", f"--threads={args.threads}",
         "--trusted-proxy=127.0.0.1", "--trusted-proxy-headers=x-forwarded-proto", "--log-untrusted-proxy-headers",
         "--no-expose-tracebacks", "thidua.wsgi:application"],
        # The server's log to a file: an unread pipe fills up and stops the server.
        env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    try:
        for _ in range(100):
            try:
                socket.create_connection((HOST, port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        board = cookies[next(iter(cookies))]

        def run(name: str, url: str, cookie: str) -> Result:
            asyncio.run(load(port, name, url, cookie, connections=connections, seconds=1.0, max_requests=200))
            return asyncio.run(load(port, name, url, cookie, connections=connections, seconds=seconds,
                                    max_requests=args.max_requests))

        health = [run("health", "/suc-khoe/", board)]
        results, beside = [], []
        for role, name, url in urls:
            if args.paired:
                beside.append(run("health", "/suc-khoe/", board))
            results.append(run(name, url, cookies[role]))
        health.append(run("health", "/suc-khoe/", board))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        log.close()

    rate = sum(h.rate for h in health) / len(health)
    p95 = sum(h.pct(0.95) for h in health) / len(health)
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"server log: {log_path}")
    print(f"server: waitress, {args.threads} threads, production settings (DEBUG off); database {database}; "
          f"{connections} connections, {seconds:.0f} s per page; load average {os.getloadavg()[0]:.1f}")
    print(f"health: {health[0].rate:.0f} and {health[1].rate:.0f} req/s (before, after), p95 "
          f"{health[0].pct(0.95) * 1000:.1f} / {health[1].pct(0.95) * 1000:.1f} ms")
    if args.paired:
        print("paired: each page against the health endpoint loaded just before it (its req/s in the last column)")
    print(f"{'page':28} {'req/s':>7} {'share':>7} {'p50 ms':>8} {'p95 ms':>8} {'p95 ×':>6} {'err':>4}")
    missed = []
    for i, r in enumerate(results):
        reference = beside[i] if args.paired else None
        share = r.rate / (reference.rate if reference else rate)
        times = r.pct(0.95) / (reference.pct(0.95) if reference else p95)
        ok = share >= MIN_SHARE and times <= MAX_P95 and not r.errors
        if not ok:
            missed.append(r.name)
        print(f"{r.name:28} {r.rate:7.1f} {share:7.1%} {r.pct(0.5) * 1000:8.1f} {r.pct(0.95) * 1000:8.1f} "
              f"{times:6.1f} {r.errors:4d} {'' if ok else '  MISSED'}"
              + (f"  (health {reference.rate:.0f})" if reference else ""))
    print(f"target: ≥ {MIN_SHARE:.0%} of health, p95 ≤ {MAX_P95:.0f}× health p95 — "
          + ("all met" if not missed else f"missed: {', '.join(missed)}"))
    if missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
