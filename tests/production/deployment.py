"""A throw-away deployment made the way the README says (production mode, SQLite in a temporary
directory), a WSGI server started on it, and a small HTTP client that behaves like a browser behind
the TLS proxy: it keeps cookies (the `Secure` ones too, since the proxy would be HTTPS) and sends
`X-Forwarded-Proto: https` as nginx does. Used by tests/production and benchmarks/bench_wsgi.py."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the .venv that runs the tests holds `thidua` and the servers
HOST = "127.0.0.1"
DOCUMENTED_PORT = "8000"
DEMO_PASSWORD = "thidua2022"
PASSED_ENVIRONMENT = ("HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
# Every demo login and the page it lands on after logging in, plus one page of its own to fetch.
DEMO_ROLES = {
    "admin": "/don-vi/",
    "bantdkt": "/bao-cao/chi-tieu/don-vi/SKHCN/",
    "truongkhoi": "/khoi/",
    "skhcn": "/dang-ky/",
    "skhcn.lanhdao": "/quyet-dinh/",
    "snv": "/ho-so-de-nghi/",
}


def readme_deployment_commands(readme: Path = ROOT / "README.md") -> list[str]:
    """The shell commands of the README's deployment block (the first ```sh block of the section
    "Triển khai"), one string per command, continuation lines joined and comments dropped."""
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("\n## Triển khai"):]
    block = section[section.index("```sh\n") + len("```sh\n"):]
    block = block[: block.index("```")]
    commands, current = [], ""
    for raw in block.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.endswith("\\"):
            current += line[:-1].strip() + " "
            continue
        commands.append((current + line.strip()).strip())
        current = ""
    return commands


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Deployment:
    """A temporary THIDUA_VAR_DIR with its own SQLite database, in production mode."""

    directory: Path
    hosts: str = "127.0.0.1,localhost"
    env: dict[str, str] = field(init=False)
    outputs: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A clean environment, as a service has: nothing the test run set (e.g. the browser tests'
        # DJANGO_ALLOW_ASYNC_UNSAFE, which `check --deploy` rightly refuses) leaks into it.
        self.env = {key: os.environ[key] for key in PASSED_ENVIRONMENT if key in os.environ}
        self.env.update({
            "THIDUA_DEBUG": "0",
            "THIDUA_SECRET_KEY": secrets.token_urlsafe(50),
            "THIDUA_ALLOWED_HOSTS": self.hosts,
            "THIDUA_VAR_DIR": str(self.directory / "var"),
            "DATABASE_URL": f"sqlite:///{self.directory / 'thidua.sqlite3'}",
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        })

    def argv(self, command: str, port: int | None = None) -> list[str]:
        """A documented command as argv: the program from the virtualenv, the documented port
        replaced by `port`."""
        args = shlex.split(command)
        args[0] = str(BIN / args[0])
        if port is not None:
            args = [a.replace(f":{DOCUMENTED_PORT}", f":{port}") for a in args]
        return args

    def run(self, command: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.argv(command), cwd=self.directory, env=self.env, capture_output=True, text=True, timeout=timeout
        )

    def serve(self, command: str, port: int) -> subprocess.Popen:
        """Start the server and wait until its port answers."""
        process = subprocess.Popen(
            self.argv(command, port), cwd=self.directory, env=self.env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {process.stdout.read() if process.stdout else ''}")
            try:
                with socket.create_connection((HOST, port), timeout=0.5):
                    return process
            except OSError:
                time.sleep(0.2)
        stop(process)
        raise RuntimeError("server did not open its port within 30 s")


def stop(process: subprocess.Popen) -> str:
    """Stop the server (its whole process group: gunicorn has workers) and return its output."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.stdout.read() if process.stdout else ""


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Browser:
    """One user's browser behind the HTTPS proxy: cookies kept, `X-Forwarded-Proto: https` sent."""

    port: int
    host: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 30

    def request(self, method: str, path: str, body: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> Response:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        sent = {"Host": self.host, "X-Forwarded-Proto": "https", "Accept-Language": "vi", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            # Django checks the Referer of HTTPS form posts against the host.
            sent.setdefault("Referer", f"https://{self.host}{path}")
        try:
            conn.request(method, path, body=data, headers=sent)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def follow(self, path: str, limit: int = 5) -> tuple[str, Response]:
        """GET `path`, following same-site redirects; returns the final path and response."""
        for _ in range(limit):
            response = self.get(path)
            if response.status not in (301, 302, 303, 307, 308):
                return path, response
            target = urllib.parse.urlsplit(response.headers["Location"])
            path = target.path + (f"?{target.query}" if target.query else "")
        raise AssertionError(f"too many redirects from {path}")

    def login(self, username: str, password: str = DEMO_PASSWORD) -> Response:
        page = self.get("/dang-nhap/")
        token = csrf_token(page.text)
        return self.request("POST", "/dang-nhap/", {
            "csrfmiddlewaretoken": token, "username": username, "password": password, "next": "",
        })


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if match is None:
        raise AssertionError("no CSRF token in the page")
    return match.group(1)


def static_references(html: str) -> set[str]:
    """Paths under /static/ that a page loads (scripts, stylesheets, icons)."""
    return set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html))


def source_map_reference(path: str, body: str) -> str | None:
    """The source map a script names in its last `//# sourceMappingURL=` comment, as a path."""
    match = re.search(r"//# sourceMappingURL=(\S+)\s*$", body)
    if match is None:
        return None
    return urllib.parse.urljoin(path, match.group(1))
