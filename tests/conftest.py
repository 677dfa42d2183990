"""Shared pytest fixtures. Keep this file minimal and free of domain data: each area of the project
keeps its own fixtures in its own sub-folder's conftest.py."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads and generated files into its own temporary MEDIA_ROOT."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache. Suites share one demo per module (year_end_fixtures),
    whose stamps survive from test to test: a test that changes rows with a bulk `update()` (no
    signal, no new stamp) would otherwise leave pages cached from its data to the next test."""
    from django.core.cache import cache

    cache.clear()


def pytest_report_header(config):
    """Say which database backend this run uses (`make test` runs the suite on SQLite and PostgreSQL)."""
    from django.conf import settings

    if not settings.configured:
        return None
    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        where = (db.get("TEST") or {}).get("NAME") or "in-memory test database"
    else:
        where = db.get("HOST") or "localhost"
    return f"database: {engine} ({where})"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, tests only


@pytest.fixture
def demo(db, settings):
    """The demo data set (`thidua demo`): Thái Nguyên, KHOI-TMTH, SKHCN and its 2022 registration."""
    from thidua.demo import load_demo
    from thidua.emulation.models import Registration

    settings.PASSWORD_HASHERS = FAST_HASHERS
    if not Registration.objects.filter(unit__code="SKHCN", year=2022).exists():
        # Without the 2022 year end (councils, decisions): it is most of the loading time. Suites that
        # need it override `demo` in their own conftest.py with `year_end_demo`.
        load_demo(year_end=False)


@pytest.fixture
def year_end_demo(db, settings):
    """The whole demo, with SKHCN's and the province's 2022 councils and decisions."""
    from thidua.demo import load_demo

    settings.PASSWORD_HASHERS = FAST_HASHERS
    load_demo()


@pytest.fixture
def users(demo):
    from thidua.accounts.models import User

    return {u.username: u for u in User.objects.select_related("unit")}


@pytest.fixture
def seed_registration(demo):
    from thidua.emulation.models import Registration

    return Registration.objects.select_related("unit", "unit__province").get(unit__code="SKHCN", year=2022)
