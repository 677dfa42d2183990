"""`thidua registration check|export` as CONTRACT.md writes them."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from thidua.catalog.models import QuotaRule, RuleSet
from thidua.organizations.models import Province


def check_json(*extra) -> dict:
    out = io.StringIO()
    call_command("registration", "check", "--unit", "SKHCN", "--year", "2022", "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_check_reports_the_quota_with_its_basis_and_the_heading_year_slip(demo):
    result = check_json()
    assert (result["unit"], result["year"], result["rule_set"]) == ("SKHCN", 2022, "ND91-2017")
    by_code = {f["code"]: f for f in result["findings"]}
    quota = by_code["QUOTA_EXCEEDED"]
    assert quota["target"] == "CSTDCS" and quota["basis"] == "Nghị định 91/2017/NĐ-CP Điều 9 khoản 3"
    assert by_code["HEADING_YEAR_MISMATCH"]["level"] == "error"
    assert set(quota) == {"level", "code", "target", "message", "basis"}


def test_a_province_quota_edit_takes_effect_at_once(demo):
    """The province board sets CSTĐCS ≤ 10% rounded up: 11 over 70 LĐTT is now over a cap of 7."""
    QuotaRule.objects.create(rule_set=RuleSet.objects.get(code="ND91-2017"), province=Province.objects.get(code="TN"),
                             code="CSTDCS", base_code="LDTT", ratio=10, rounding="up", basis="Quyết định của tỉnh",
                             valid_from="2022-01-01")
    quota = next(f for f in check_json()["findings"] if f["code"] == "QUOTA_EXCEEDED")
    assert "tối đa 7 người, làm tròn lên" in quota["message"] and quota["basis"] == "Quyết định của tỉnh"


@pytest.mark.parametrize("args", [["--unit", "NOPE", "--year", "2022"], ["--unit", "SKHCN", "--year", "2019"],
                                  ["--unit", "SKHCN", "--year", "2022", "--user", "snv"],
                                  ["--unit", "SKHCN", "--year", "2022", "--user", "ghost"]])
def test_unknown_or_out_of_scope_registrations_exit_with_status_2(demo, args):
    with pytest.raises(CommandError) as error:
        call_command("registration", "check", *args)
    assert error.value.returncode == 2


def test_export_writes_a_word_document_of_the_seed(demo, tmp_path):
    target = tmp_path / "dk.docx"
    call_command("registration", "export", "--unit", "SKHCN", "--year", "2022", "--format", "docx",
                 "--output", str(target), stdout=io.StringIO())
    document = Document(target)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "BẢN ĐĂNG KÝ THI ĐUA NĂM 2021" in text and "Đinh Bộ Sơn" in text


def test_another_agencys_user_cannot_export(demo, tmp_path):
    with pytest.raises(CommandError):
        call_command("registration", "export", "--unit", "SKHCN", "--year", "2022", "--format", "docx",
                     "--output", str(tmp_path / "x.docx"), "--user", "snv")
    assert not (tmp_path / "x.docx").exists()


def test_the_console_script_works_on_a_fresh_database(tmp_path):
    """The real `thidua` command: migrate, demo, check — in its own SQLite file (idempotence is tested
    in-process, where it is cheaper)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "THIDUA_VAR_DIR": str(tmp_path)}
    thidua = [sys.executable, "-m", "thidua.cli"]

    def run(*args):
        return subprocess.run([*thidua, *args], env=env, capture_output=True, text=True, timeout=300)

    assert run("migrate", "-v0").returncode == 0
    first = run("demo")
    assert first.returncode == 0 and "skhcn" in first.stdout and "admin" in first.stdout
    checked = run("registration", "check", "--unit", "SKHCN", "--year", "2022", "--json")
    assert checked.returncode == 0
    assert "QUOTA_EXCEEDED" in {f["code"] for f in json.loads(checked.stdout)["findings"]}
    missing = run("registration", "check", "--unit", "SKHCN", "--year", "2030")
    assert missing.returncode == 2 and missing.stderr.strip().count("\n") == 0 and "SKHCN" in missing.stderr


def test_export_pdf_and_the_covering_letter(demo, tmp_path):
    pdf, letter = tmp_path / "dk.pdf", tmp_path / "cv.docx"
    call_command("registration", "export", "--unit", "SKHCN", "--year", "2022", "--format", "pdf",
                 "--output", str(pdf), stdout=io.StringIO())
    assert pdf.read_bytes().startswith(b"%PDF")
    call_command("registration", "export", "--unit", "SKHCN", "--year", "2022", "--kind", "cover_letter",
                 "--format", "docx", "--output", str(letter), stdout=io.StringIO())
    document = Document(letter)
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "/KHCN-TTR" in text and "V/v đăng ký thi đua năm 2022" in text and "Lưu: VT" in text
