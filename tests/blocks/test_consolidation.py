"""Consolidation of the members' registrations and `thidua block summary|ranking` (CONTRACT.md)."""

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thidua.blocks import selectors
from thidua.emulation.models import Registration, Status, Target


def _summary_json() -> dict:
    out = io.StringIO()
    call_command("block", "summary", "--block", "KHOI-TMTH", "--year", "2022", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_summary_totals_equal_the_sum_of_the_members_targets(block_year):
    data = _summary_json()
    assert (data["block"], data["year"], data["head"]) == ("KHOI-TMTH", 2022, "STC")
    summed: dict[str, Counter] = {}
    for member in data["members"]:
        for code, counts in member["targets"].items():
            summed.setdefault(code, Counter()).update(counts)
    assert set(data["totals"]) == set(summed)
    for code, counts in data["totals"].items():
        assert counts == {"collective": summed[code]["collective"], "individual": summed[code]["individual"]}


def test_summary_holds_skhcns_seed_figures_and_every_members_state(block_year):
    data = _summary_json()
    members = {m["unit"]: m for m in data["members"]}
    assert list(members) == ["SKHCN", "STC", "STP", "SKHDT", "SNV", "VPUBND", "TTT"]
    assert {u: m["status"] for u, m in members.items()} == {
        "SKHCN": "draft", "STC": "draft", "STP": "submitted", "SKHDT": "received", "SNV": "returned",
        "VPUBND": "submitted", "TTT": "draft"}
    skhcn = members["SKHCN"]["targets"]
    assert skhcn["LDTT"] == {"collective": 0, "individual": 70}
    assert skhcn["CSTDCS"] == {"collective": 0, "individual": 11}
    assert skhcn["TTLDTT"] == {"collective": 7, "individual": 0}
    assert skhcn["TTLDXS"] == {"collective": 2, "individual": 0}
    assert "HCLD3" not in skhcn  # rows left blank are titles the unit does not aim for
    ldtt = sum(m["targets"].get("LDTT", {}).get("individual", 0) for m in data["members"])
    assert data["totals"]["LDTT"]["individual"] == ldtt and ldtt > 70


def test_totals_follow_an_edit_of_a_members_target(block_year):
    before = _summary_json()["totals"]["LDTT"]["individual"]
    Target.objects.filter(registration__unit__code="SKHCN", registration__year=2022,
                          award_type__code="LDTT").update(individual_count=60)
    assert _summary_json()["totals"]["LDTT"]["individual"] == before - 10


def test_received_only_counts_just_the_received_registrations(block_year):
    data = selectors.consolidation(block_year, statuses=(Status.RECEIVED,))
    assert [m.unit.code for m in data.counted] == ["SKHDT"]
    skhdt = next(m for m in data.members if m.unit.code == "SKHDT")
    assert data.totals == skhdt.targets


def test_a_member_without_a_registration_is_listed_as_none(block_year):
    Registration.objects.filter(unit__code="TTT", year=2022).delete()
    members = {m["unit"]: m for m in _summary_json()["members"]}
    assert members["TTT"] == {"unit": "TTT", "status": "none", "targets": {}}


def test_unknown_block_or_year_exits_2(block_year):
    for args in (["--block", "KHOI-X", "--year", "2022"], ["--block", "KHOI-TMTH", "--year", "2031"]):
        for action in ("summary", "ranking"):
            with pytest.raises(CommandError) as err:
                call_command("block", action, *args)
            assert err.value.returncode == 2 and "\n" not in str(err.value)


def test_summary_writes_xlsx_and_docx(block_year, tmp_path):
    for fmt in ("xlsx", "docx"):
        out = tmp_path / f"tong-hop.{fmt}"
        call_command("block", "summary", "--block", "KHOI-TMTH", "--year", "2022", "--format", fmt,
                     "--output", str(out), stdout=io.StringIO())
        assert out.stat().st_size > 1000


def test_ranking_json_is_a_list_of_unit_score_rank(block_year):
    out = io.StringIO()
    call_command("block", "ranking", "--block", "KHOI-TMTH", "--year", "2022", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert all(set(r) == {"unit", "score", "rank"} for r in rows)
    assert [(r["unit"], r["score"], r["rank"]) for r in rows] == [
        ("SKHDT", 99.0, 1), ("SKHCN", 97.0, 2), ("STC", 97.0, 3), ("VPUBND", 95.0, 4), ("STP", 94.0, 5),
        ("TTT", 94.0, 6), ("SNV", 91.0, 7)]


def test_ranking_text_names_the_tie_break(block_year):
    out = io.StringIO()
    call_command("block", "ranking", "--block", "KHOI-TMTH", "--year", "2022", stdout=out)
    text = out.getvalue()
    assert "SKHCN" in text and "xếp theo điểm tiêu chí chấm điểm" in text and "điểm chấm chéo bình quân" in text
