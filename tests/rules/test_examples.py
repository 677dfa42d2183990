"""Every worked example of shared/cases/examples.json (copied to tests/data so the tests do not
reach outside the checkout)."""

from __future__ import annotations

import datetime as dt
import json
from functools import partial
from pathlib import Path

import pytest

from thidua.catalog import reference
from thidua.rules.reward import BaseSalaryPeriod, RewardRules, base_salary_on
from thidua.rules.reward import reward_amount as _reward_amount

from .builders import evaluate

# law.md §5: rounded up to the next 10,000 đồng (the rule set's money_rounding_step).
reward_amount = partial(_reward_amount, rules=RewardRules(rounding_step=10_000))

EXAMPLES = json.loads((Path(__file__).parents[1] / "data" / "eligibility_examples.json").read_text("utf-8"))
SALARIES = [BaseSalaryPeriod(amount, start) for amount, start, _, _ in reference.BASE_SALARIES]


@pytest.mark.parametrize("case", EXAMPLES["cases"], ids=lambda c: c["id"])
def test_example_case(case):
    result = evaluate(case)
    assert result.id == case["id"]
    assert {code: v.status for code, v in result.verdicts.items()} == case["expect"]
    for v in result.verdicts.values():
        assert v.reasons


@pytest.mark.parametrize("example", EXAMPLES["rewards"], ids=lambda r: f"{r['code']}-{r['date']}")
def test_example_reward(example):
    day = dt.date.fromisoformat(example["date"])
    row = next(r for r in reference.coefficient_rows() if r["code"] == example["code"] and not r["issuer_level"]
               and r["valid_from"] <= day and (r["valid_to"] is None or day <= r["valid_to"]))
    salary = base_salary_on(day, SALARIES)
    multiplier = row["collective_multiplier"] if example["collective"] else None
    result = reward_amount(example["code"], row["coefficient"], salary.amount, collective_multiplier=multiplier)
    assert result.amount == example["amount"]
