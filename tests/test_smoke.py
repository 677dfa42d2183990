"""Smoke tests: the site answers, the login wall holds, production settings pass Django's deploy
checks, and the default SQLite database runs in WAL mode."""

import os
import secrets
import subprocess
import sys

import pytest
from django.urls import reverse


def _thidua(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    """Run the `thidua` command in a fresh interpreter, as an administrator would."""
    return subprocess.run(
        [sys.executable, "-m", "thidua.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _clean_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process
    env["THIDUA_VAR_DIR"] = str(tmp_path / "var")
    return env


@pytest.mark.django_db
def test_login_page_is_vietnamese(client):
    response = client.get("/dang-nhap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng nhập" in html
    assert 'name="username"' in html and 'name="password"' in html


@pytest.mark.django_db
def test_anonymous_home_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=/" in response["Location"]


def test_health(client):
    response = client.get("/suc-khoe/")
    assert response.status_code == 200
    assert response.content.decode().strip() == "ok"


def test_check_deploy_has_no_warnings_with_production_env(tmp_path):
    env = _clean_env(tmp_path)
    env.update(
        THIDUA_SECRET_KEY=secrets.token_urlsafe(64),
        THIDUA_DEBUG="0",
        THIDUA_ALLOWED_HOSTS="example.org",
    )
    result = _thidua("check", "--deploy", "--fail-level", "WARNING", env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output, output


def test_default_sqlite_database_uses_wal(tmp_path):
    """With no DATABASE_URL, the project's default database is an SQLite file in WAL mode."""
    env = _clean_env(tmp_path)
    env.pop("DATABASE_URL", None)
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); print(connection.vendor, c.fetchone()[0])\n"
        "    c.execute('PRAGMA foreign_keys'); print('fk', c.fetchone()[0])\n"
    )
    result = _thidua("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.split()
    assert lines[:2] == ["sqlite", "wal"], result.stdout
    assert lines[2:4] == ["fk", "1"], result.stdout
    assert (tmp_path / "var" / "thidua.sqlite3").exists()
