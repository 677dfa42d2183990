"""law.md §5 row by row through `thidua reward`: every code, every regime, individuals and
collectives, written from the text of law.md (not from the reference data the code loads)."""

from __future__ import annotations

import io
import json
from decimal import ROUND_CEILING, Decimal

import pytest
from django.core.management import CommandError, call_command

from thidua.catalog import reference
from thidua.catalog.models import RuleSet

pytestmark = pytest.mark.django_db

# Base salary on each date used below (law.md §5): every change of base salary and of regime, the day
# before and the day of it.
SALARY = {"2017-10-01": 1_300_000, "2018-06-30": 1_300_000, "2018-07-01": 1_390_000, "2018-08-01": 1_390_000,
          "2019-06-30": 1_390_000, "2019-07-01": 1_490_000, "2022-12-28": 1_490_000, "2023-06-30": 1_490_000,
          "2023-07-01": 1_800_000, "2023-12-20": 1_800_000, "2023-12-31": 1_800_000, "2024-01-01": 1_800_000,
          "2024-06-30": 1_800_000, "2024-07-01": 2_340_000, "2024-08-15": 2_340_000, "2025-03-01": 2_340_000,
          "2025-06-30": 2_340_000, "2025-07-01": 2_340_000, "2025-12-20": 2_340_000, "2026-06-30": 2_340_000,
          "2026-07-01": 2_530_000, "2026-12-20": 2_530_000}
SAME_EVERYWHERE = {
    "CSTD_TQ": "4.5", "CSTD_TINH": "3.0", "CSTDCS": "1.0", "LDTT": "0.3",
    "HCLD1": "9.0", "HCLD2": "7.5", "HCLD3": "4.5", "HCDL1": "15.0", "HCDL2": "12.5", "HCDL3": "10.5",
    "HCHCM": "30.5", "HCSV": "46.0", "BK_TTG": "3.5", "GK": "0.3", "GK_XA": "0.15", "AHLD": "15.5",
}
COLLECTIVE_TITLES = {"TTLDXS": "1.5", "TTLDTT": "0.8", "CO_CP": "12.0", "CO_TINH": "8.0"}
INDIVIDUAL_ONLY = {"CSTD_TQ", "CSTD_TINH", "CSTDCS", "LDTT"}


def _up(value: Decimal) -> int:
    return int((value / 10_000).to_integral_value(rounding=ROUND_CEILING)) * 10_000


def bk_coefficient(day: str) -> str:
    return "1.5" if day >= "2025-07-01" else "1.0"  # ND 152/2025 Điều 54 khoản 1


def reward(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("reward", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def _rows(day: str):
    table = {**SAME_EVERYWHERE, "BK_TINH": bk_coefficient(day), "BK_BO": bk_coefficient(day)}
    for code, coefficient in table.items():
        yield code, False, coefficient
        if code not in INDIVIDUAL_ONLY:
            yield code, True, coefficient
    for code, coefficient in COLLECTIVE_TITLES.items():
        yield code, True, coefficient


@pytest.mark.parametrize("day", sorted(SALARY))
def test_reward_matches_law_md_section_5_for_every_code(day):
    wrong = []
    for code, collective, coefficient in _rows(day):
        individual = _up(Decimal(coefficient) * SALARY[day])
        # A collective title has its own coefficient; any other form pays a collective 2× the individual.
        expected = individual if code in COLLECTIVE_TITLES or not collective else 2 * individual
        out, _ = reward(code, "--date", day, *(["--collective"] if collective else []))
        if out != str(expected):
            wrong.append((code, collective, out, expected))
    assert wrong == []


def test_every_code_of_the_catalog_is_in_the_table():
    codes = {code for code, _, _ in _rows("2025-12-20")}
    assert codes == {row["code"] for row in reference.catalog_rows()}


def test_the_table_starts_on_1_october_2017_and_not_before():
    out, _ = reward("LDTT", "--date", "2017-10-01")
    assert out == "390000"  # 0.3 × 1,300,000 = 390,000
    with pytest.raises(CommandError):
        call_command("reward", "LDTT", "--date", "2017-09-30", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_worked_examples_of_law_md():
    assert reward("LDTT", "--date", "2024-08-15")[0] == "710000"
    assert reward("BK_TINH", "--date", "2022-12-28", "--collective")[0] == "2980000"


def test_a_collective_title_is_a_collectives_without_the_flag():
    assert reward("TTLDXS", "--date", "2024-08-15")[0] == "3510000"


def test_an_unconfirmed_base_salary_is_used_with_a_warning_on_stderr():
    out, err = reward("LDTT", "--date", "2026-12-20")
    assert out == "760000"  # 0.3 × 2,530,000 = 759,000 → 760,000
    assert "chưa được quản trị viên xác nhận" in err


def test_json_names_the_rule_set_and_the_doubled_coefficient():
    out, _ = reward("BK_TINH", "--date", "2025-12-20", "--collective", "--json")
    data = json.loads(out)
    assert data["rule_set"] == "LUAT2022-ND152"
    assert data["coefficient"] == 3.0
    assert data["amount"] == 7_020_000
    assert data["amount_words"] == "Bảy triệu không trăm hai mươi nghìn đồng"


def test_the_rounding_of_the_rule_set_is_data():
    RuleSet.objects.filter(code="LUAT2022-ND98").update(money_rounding_step=1_000)
    assert reward("LDTT", "--date", "2024-08-15")[0] == "702000"  # 0.3 × 2,340,000, no longer rounded to 710,000
    assert reward("LDTT", "--date", "2025-08-15")[0] == "710000"  # ND 152 keeps its own
