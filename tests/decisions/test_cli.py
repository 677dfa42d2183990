"""`thidua decision list|export` on the demo data, exactly as shared/CONTRACT.md says."""

import io
import json
import re

import docx
import pytest
from django.core.management import CommandError, call_command

CONTRACT_KEYS = {"id", "number", "date", "issuer", "title", "lines", "total_amount"}


def run(*args) -> str:
    out = io.StringIO()
    call_command("decision", *args, stdout=out)
    return out.getvalue()


def test_list_json_has_the_contract_shape_and_the_demo_figures(demo):
    rows = json.loads(run("list", "--year", "2022", "--json"))
    assert len(rows) == 4  # SKHCN's, UBND tỉnh's, and the directors' of SNV and STC (thidua.yearend.demo_agencies)
    for row in rows:
        assert set(row) >= CONTRACT_KEYS
        assert re.fullmatch(r"\d{2,}/QĐ-[A-ZĐ]+", row["number"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"])
        assert isinstance(row["lines"], int) and isinstance(row["total_amount"], int)
    by_number = {r["number"]: r for r in rows}
    agency = by_number["179/QĐ-KHCN"]
    assert (agency["issuer"], agency["date"], agency["lines"], agency["total_amount"]) == (
        "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", "2022-12-15", 87, 54_800_000)
    province = by_number["2951/QĐ-UBND"]
    assert (province["issuer"], province["date"], province["lines"], province["total_amount"]) == (
        "Ủy ban nhân dân tỉnh Thái Nguyên", "2022-12-28", 7, 19_380_000)  # a collective Bằng khen: 2 × 1.490.000
    assert json.loads(run("list", "--year", "2021", "--json")) == []
    assert len(json.loads(run("list", "--json"))) == 4
    assert "179/QĐ-KHCN" in run("list")


def test_list_with_a_user_shows_only_what_they_may_see(demo):
    assert len(json.loads(run("list", "--json", "--user", "skhcn"))) == 2  # its own and UBND's about it
    assert [r["number"] for r in json.loads(run("list", "--json", "--user", "snv"))] == ["237/QĐ-SNV"]
    with pytest.raises(CommandError) as err:
        run("list", "--user", "nobody")
    assert err.value.returncode == 2


def test_export_writes_the_decision_and_an_unknown_id_exits_2(demo, tmp_path):
    rows = json.loads(run("list", "--json"))
    ident = next(r["id"] for r in rows if r["number"] == "2951/QĐ-UBND")
    out = tmp_path / "qd.docx"
    assert "Đã ghi" in run("export", str(ident), "--format", "docx", "--output", str(out))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and "19.380.000" in text
    for bad in ("999999", "abc"):
        with pytest.raises(CommandError) as err:
            run("export", bad, "--format", "docx", "--output", str(tmp_path / "x.docx"))
        assert err.value.returncode == 2 and "\n" not in str(err.value)
    with pytest.raises(CommandError) as err:
        run("export", str(ident), "--format", "docx", "--output", str(out), "--user", "snv")
    assert err.value.returncode == 2


def test_the_demo_is_idempotent_and_its_year_end_is_consistent(demo):
    from thidua.councils.models import BallotResult, Session
    from thidua.decisions.models import Decision, DecisionLine
    from thidua.demo import load_demo
    from thidua.evaluation.models import AwardRecord

    counts = (Session.objects.count(), BallotResult.objects.count(), Decision.objects.count(),
              DecisionLine.objects.count(), AwardRecord.objects.count())
    load_demo()
    assert counts == (Session.objects.count(), BallotResult.objects.count(), Decision.objects.count(),
                      DecisionLine.objects.count(), AwardRecord.objects.count())
    assert {s.minutes_number_display for s in Session.objects.all()} == {"01/BB-HĐTĐKT"}
    # Every candidate who passed is in a decision; who failed is not.
    for ballot in BallotResult.objects.select_related("candidate"):
        c = ballot.candidate
        listed = DecisionLine.objects.filter(code=c.code, year=c.year, staff=c.staff, unit=c.unit).exists()
        assert listed == ballot.passed, c
    # The 2022 titles are now in the award history the rules read next year.
    assert AwardRecord.objects.filter(year=2022, code="CSTDCS", decision_number="179/QĐ-KHCN").count() == 10
    assert AwardRecord.objects.filter(year=2022, code="CSTD_TINH", decision_number="2951/QĐ-UBND").count() == 2
