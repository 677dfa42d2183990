"""The README's deployment section, run word for word in production mode (THIDUA_DEBUG=0, a secret
key, allowed hosts, a temporary SQLite database), then served by the documented WSGI server and used
as each demo role would use it through the TLS proxy. `thidua demo` is the one step added (after
migrate), so that there are people to log in as; the README tells a real deployment not to run it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from production.deployment import (
    DEMO_ROLES,
    ROOT,
    Browser,
    Deployment,
    free_port,
    readme_deployment_commands,
    source_map_reference,
    static_references,
    stop,
)

COMMANDS = readme_deployment_commands()
SERVER = COMMANDS[-1]
SETUP = COMMANDS[:-1]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory) -> Deployment:
    deployment = Deployment(tmp_path_factory.mktemp("deploy"))
    steps = list(SETUP)
    steps.insert(steps.index("thidua migrate --noinput") + 1, "thidua demo")
    for command in steps:
        done = deployment.run(command)
        deployment.outputs[command] = done
        assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return deployment


@pytest.fixture(scope="module")
def server(deployment):
    port = free_port()
    process = deployment.serve(SERVER, port)
    yield port
    output = stop(process)
    assert "Traceback" not in output, output


def test_the_readme_documents_the_full_path():
    assert SETUP == [
        "thidua migrate --noinput",
        "thidua collectstatic --noinput",
        "thidua check --deploy --fail-level WARNING",
    ]
    assert shlex.split(SERVER)[0] in {"waitress-serve", "gunicorn"}


def test_the_long_deployment_guide_uses_the_same_commands():
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    for command in SETUP:
        assert command.replace("thidua ", "thidua-admin ", 1) in guide, command
    # The systemd unit starts the same server with the same options (the binary is the venv's).
    exec_start = re.search(r"ExecStart=/opt/thidua/\.venv/bin/((?:.*\\\n)*.*)", guide)
    assert exec_start is not None
    assert " ".join(exec_start.group(1).replace("\\\n", " ").split()) == " ".join(SERVER.split())


def test_collectstatic_and_the_deploy_checks_pass(deployment):
    assert "post-processed" in deployment.outputs["thidua collectstatic --noinput"].stdout
    check = deployment.outputs["thidua check --deploy --fail-level WARNING"]
    assert "System check identified no issues" in check.stdout + check.stderr


def test_health_and_login_page_answer_anonymously(server):
    browser = Browser(server)
    assert browser.get("/suc-khoe/").body == b"ok"
    page = browser.get("/dang-nhap/")
    assert page.status == 200 and "Đăng nhập" in page.text
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    # Plain HTTP (no proxy header) is sent to HTTPS.
    plain = Browser(server).request("GET", "/dang-nhap/", headers={"X-Forwarded-Proto": "http"})
    assert plain.status == 301 and plain.headers["Location"].startswith("https://")


def fetch_static(browser: Browser, paths: set[str]) -> set[str]:
    """GET every static path (and the source maps the scripts name); all must be 200 and non-empty."""
    fetched, pending = set(), set(paths)
    while pending:
        path = pending.pop()
        response = browser.get(path)
        assert response.status == 200 and response.body, path
        fetched.add(path)
        if path.endswith(".js") and (source_map := source_map_reference(path, response.text)):
            pending.add(source_map)
    return fetched


@pytest.mark.parametrize("username", DEMO_ROLES)
def test_each_demo_role_logs_in_and_sees_its_pages_with_their_static_files(server, username):
    browser = Browser(server)
    login_page = browser.get("/dang-nhap/")
    static = static_references(login_page.text)
    answer = browser.login(username)
    assert answer.status == 302, answer.text[:2000]
    landed, home = browser.follow(answer.headers["Location"])
    assert home.status == 200 and "Đăng xuất" in home.text, landed
    own_path = DEMO_ROLES[username]
    own = browser.get(own_path)
    assert own.status == 200 and "Đăng xuất" in own.text, own_path
    assert "script-src 'self'" in own.headers["Content-Security-Policy"]
    static |= static_references(home.text) | static_references(own.text)
    assert any(p.endswith(".css") for p in static) and any("htmx" in p for p in static)
    # Hashed names from the manifest storage, so browsers may cache them for ever.
    assert all(re.search(r"\.[0-9a-f]{12}\.", p) for p in static), static
    fetched = fetch_static(browser, static)
    if username == "bantdkt":  # the report page draws its chart with the vendored Chart.js and its map
        assert any("chart.umd.min" in p and p.endswith(".map") for p in fetched), fetched


def test_an_unknown_page_is_a_vietnamese_404_in_the_layout(server):
    browser = Browser(server)
    browser.login("skhcn")
    response = browser.get("/khong-co-trang-nay/")
    assert response.status == 404
    assert "Không tìm thấy trang" in response.text and 'lang="vi"' in response.text
    assert "Not Found" not in response.text
    fetch_static(browser, static_references(response.text))


def test_deployment_settings_are_not_the_developer_defaults(deployment):
    assert Path(deployment.env["THIDUA_VAR_DIR"], "static", "staticfiles.json").is_file()
