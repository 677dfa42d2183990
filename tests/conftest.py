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


def pytest_report_header(config):
    """Say which database backend this run uses (`make test` runs the suite on SQLite and PostgreSQL)."""
    from django.conf import settings

    if not settings.configured:
        return None
    db = settings.DATABASES["default"]
    where = db.get("HOST") or db.get("NAME") or ""
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({where})"
