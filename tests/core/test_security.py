"""Security headers and request limits: the Content-Security-Policy forbids inline scripts and
styles, so no template may carry any; over-large or over-many-field requests get the Vietnamese 400."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings

TEMPLATE_DIRS = sorted(Path(django_settings.BASE_DIR).glob("**/templates"))
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "inline <style>": re.compile(r"<style\b", re.I),
    "event-handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_the_policy_allows_only_this_sites_scripts_and_stylesheets(client):
    header = client.get("/dang-nhap/")["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in header.split("; ")}
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in header.replace("style-src-attr 'unsafe-inline'", "")
    assert "'unsafe-eval'" not in header


@pytest.mark.parametrize("template", [p for d in TEMPLATE_DIRS for p in sorted(d.glob("**/*.html"))],
                         ids=lambda p: str(p.relative_to(django_settings.BASE_DIR)))
def test_no_template_has_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    found = [kind for kind, pattern in INLINE.items() if pattern.search(text)]
    assert not found, found


@pytest.fixture
def small_limits(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20


def test_a_body_over_the_limit_is_a_vietnamese_400(client, db, small_limits):
    response = client.post("/dang-nhap/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()


def test_too_many_fields_is_a_vietnamese_400(client, db, small_limits):
    response = client.post("/dang-nhap/", {f"f{i}": "1" for i in range(50)})
    assert response.status_code == 400
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()


def test_a_body_within_the_limits_goes_through(client, db, small_limits):
    response = client.post("/dang-nhap/", {"username": "ai", "password": "sai"})
    assert response.status_code == 200 and "Đăng nhập" in response.content.decode()
