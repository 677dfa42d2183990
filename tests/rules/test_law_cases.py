"""Cases of our own, written from the text of law.md §3–§6 like the held-back cases, run through the
contract command `thidua eligibility` (shared/CONTRACT.md) on the reference data the migrations load:
years counted once, streaks across absent years, discipline over a counted period, the 10-month rule,
HCLĐ hạng Ba's ground e, the collective titles' thresholds at their edges, Cờ thi đua của Chính phủ per
regime, titles asked for the wrong subject. The worked examples of shared/cases run as well."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).parent.parent / "data"
FILES = ("law_cases.json", "eligibility_examples.json")
ARTICLE = re.compile(r"Điều \d+")


def _cases() -> list[dict]:
    return [case for name in FILES for case in json.loads((DATA / name).read_text(encoding="utf-8"))["cases"]]


@pytest.fixture(scope="module")
def results(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, dict]:
    path = tmp_path_factory.mktemp("cases") / "cases.json"
    path.write_text(json.dumps({"cases": _cases()}, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    with django_db_blocker.unblock():
        call_command("eligibility", str(path), stdout=out, stderr=io.StringIO())
    return {r["id"]: r for r in json.loads(out.getvalue())["results"]}


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_case(case, results):
    result = results[case["id"]]
    got = {code: result["verdicts"][code]["status"] for code in case["expect"]}
    assert got == case["expect"], [r for v in result["verdicts"].values() for r in v["reasons"]]
    for verdict in result["verdicts"].values():
        assert verdict["reasons"], "every verdict says why"


def test_every_reason_of_a_machine_checked_rule_names_its_article(results):
    checked = {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDXS", "TTLDTT", "CO_CP", "HCLD3"}
    missing = [(rid, code, reason) for rid, r in results.items() for code, v in r["verdicts"].items()
               if code in checked for reason in v["reasons"] if not ARTICLE.search(reason)]
    assert missing == []


def test_a_year_used_for_an_earlier_cstd_tinh_is_named_with_the_next_window(results):
    reasons = results["cstd-tinh-used-2025"]["verdicts"]["CSTD_TINH"]["reasons"]
    assert any("2021–2023" in r and "2024–2026" in r for r in reasons)


def test_a_discipline_in_a_counted_year_is_sent_to_people(results):
    reasons = results["cstd-tinh-discipline-2023"]["verdicts"]["CSTD_TINH"]["reasons"]
    assert any("năm 2023" in r and "khiển trách" in r for r in reasons)


def test_a_new_recruit_is_told_the_months_counted(results):
    reasons = results["ldtt-recruit-mid-month"]["verdicts"]["LDTT"]["reasons"]
    assert any("15/03/2019" in r and "9 tháng" in r and "10 tháng" in r for r in reasons)
