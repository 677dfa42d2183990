"""The contract commands `thidua eligibility` and `thidua reward` (shared/CONTRACT.md), on the
reference data the migrations load."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from thidua.catalog import selectors
from thidua.catalog.models import BaseSalary, RuleSet

EXAMPLES = Path(__file__).parent / "data" / "eligibility_examples.json"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def reward(*args: str) -> str:
    return run("reward", *args).strip()


# --- eligibility -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_eligibility_prints_one_result_per_example_case():
    output = run("eligibility", str(EXAMPLES))
    results = json.loads(output)["results"]
    cases = json.loads(EXAMPLES.read_text("utf-8"))["cases"]
    assert [r["id"] for r in results] == [c["id"] for c in cases]
    for result, case in zip(results, cases, strict=True):
        assert {code: v["status"] for code, v in result["verdicts"].items()} == case["expect"]
        assert all(v["reasons"] for v in result["verdicts"].values())
    assert results[0]["rule_set"] == "LUAT2022-ND98"
    assert "Lao động tiên tiến" in output  # ensure_ascii=False: Vietnamese stays readable
    assert output.startswith('{\n "results": [\n  {')  # indent 1


@pytest.mark.django_db
def test_eligibility_writes_the_output_file(tmp_path):
    target = tmp_path / "result.json"
    assert run("eligibility", str(EXAMPLES), "--output", str(target)) == ""
    assert len(json.loads(target.read_text("utf-8"))["results"]) == 8


@pytest.mark.django_db
def test_eligibility_follows_an_administrators_correction_of_a_period(tmp_path):
    # Moving the end of ND 91/2017 makes 2024 an old-law year: HTXSNV alone no longer gives CSTĐCS.
    RuleSet.objects.filter(code="LUAT2022-ND98").update(valid_from=dt.date(2025, 1, 1))
    RuleSet.objects.filter(code="ND91-2017").update(valid_to=dt.date(2024, 12, 31))
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps({"cases": [{"id": "a", "subject": "individual", "year": 2024, "ask": ["CSTDCS"],
                                            "history": [{"year": 2024, "rating": "HTXSNV"}]}]}), "utf-8")
    result = json.loads(run("eligibility", str(cases)))["results"][0]
    assert result["rule_set"] == "ND91-2017"
    assert result["verdicts"]["CSTDCS"]["status"] == "not_eligible"


@pytest.mark.django_db
@pytest.mark.parametrize("content", [None, "not json", '{"cases": 3}'])
def test_eligibility_bad_input_exits_2(tmp_path, content):
    path = tmp_path / "cases.json"
    if content is not None:
        path.write_text(content, "utf-8")
    with pytest.raises(CommandError) as error:
        run("eligibility", str(path))
    assert error.value.returncode == 2


# --- reward ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reward_ldtt_on_15_august_2024_is_710000():
    assert reward("LDTT", "--date", "2024-08-15") == "710000"


@pytest.mark.django_db
def test_reward_uses_the_base_salary_in_force_on_the_decision_date():
    assert reward("LDTT", "--date", "2024-06-30") == "540000"  # 0.3 × 1,800,000
    assert reward("LDTT", "--date", "2024-07-01") == "710000"  # 0.3 × 2,340,000 → 702,000 ↑


@pytest.mark.django_db
def test_reward_json_has_the_contract_fields():
    data = json.loads(reward("LDTT", "--date", "2024-08-15", "--json"))
    assert data == {"code": "LDTT", "date": "2024-08-15", "rule_set": "LUAT2022-ND98", "coefficient": 0.3,
                    "base_salary": 2340000, "amount": 710000, "amount_words": "Bảy trăm mười nghìn đồng"}


@pytest.mark.django_db
def test_reward_collective_huan_chuong_is_doubled():
    assert reward("HCLD3", "--date", "2024-08-15") == "10530000"
    data = json.loads(reward("HCLD3", "--date", "2024-08-15", "--collective", "--json"))
    assert data["amount"] == 21_060_000
    assert data["coefficient"] == 9.0
    assert data["amount_words"] == "Hai mươi mốt triệu không trăm sáu mươi nghìn đồng"


@pytest.mark.django_db
def test_reward_rule_set_is_the_one_in_force_on_the_decision_date():
    assert json.loads(reward("CSTDCS", "--date", "2023-12-31", "--json"))["rule_set"] == "ND91-2017"
    assert json.loads(reward("CSTDCS", "--date", "2025-07-01", "--json"))["rule_set"] == "LUAT2022-ND152"


@pytest.mark.django_db
@pytest.mark.parametrize("args", [
    ("NOPE", "--date", "2024-08-15"),  # unknown code
    ("LDTT", "--date", "2017-09-30"),  # before ND 91/2017 took effect
    ("LDTT", "--date", "2016-01-01"),  # before any rule set
    ("LDTT", "--date", "15/08/2024"),  # not ISO
    ("LDTT", "--date", "2024-08-15", "--collective"),  # an individual title
])
def test_reward_errors_exit_2(args):
    with pytest.raises(CommandError) as error:
        reward(*args)
    assert error.value.returncode == 2


@pytest.mark.django_db
def test_reward_follows_an_administrators_correction_of_the_base_salary():
    BaseSalary.objects.filter(valid_from=dt.date(2024, 7, 1)).update(amount=2_400_000)
    assert reward("LDTT", "--date", "2024-08-15") == "720000"


# --- selectors -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_selectors_return_plain_values():
    assert [p.code for p in selectors.rule_set_periods()] == ["ND91-2017", "LUAT2022-ND98", "LUAT2022-ND152"]
    assert selectors.rule_set_for_year(2023).code == "ND91-2017"
    assert selectors.rule_set_on(dt.date(2025, 7, 1)).code == "LUAT2022-ND152"
    assert selectors.reward_coefficient("CO_CP", rule_set="LUAT2022-ND98") == Decimal("12.0")
    assert selectors.reward_coefficient("CO_CP", rule_set="LUAT2022-ND98", on=dt.date(2025, 8, 1)) is None
    assert selectors.reward_coefficient("NOPE", rule_set="LUAT2022-ND98") is None
    assert selectors.base_salary_on(dt.date(2024, 6, 30)).amount == 1_800_000
    assert selectors.base_salary_on(dt.date(2019, 6, 30)).amount == 1_390_000
    assert selectors.base_salary_on(dt.date(2017, 6, 30)) is None
    assert selectors.award_subject("TTLDXS") == "collective"


# --- the real console script -----------------------------------------------------------------


def test_the_console_script_runs_both_commands(tmp_path):
    script = shutil.which("thidua", path=str(Path(sys.executable).parent)) or shutil.which("thidua")
    assert script, "the thidua console script is not installed"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "THIDUA_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def thidua(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([script, *args], env=env, capture_output=True, text=True, timeout=120)

    assert thidua("migrate", "-v0").returncode == 0
    done = thidua("reward", "LDTT", "--date", "2024-08-15")
    assert (done.returncode, done.stdout) == (0, "710000\n")
    done = thidua("eligibility", str(EXAMPLES))
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["results"]) == 8
    done = thidua("reward", "NOPE", "--date", "2024-08-15")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
