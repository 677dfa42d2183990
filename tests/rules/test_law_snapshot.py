"""The rules read the law through one typed snapshot (`thidua.rules.law.Law`) and keep no copy of it:
no title's name, no regime code, no decree in a string of `thidua/rules`; a correction of the catalog
(a name, a criterion) reaches the verdicts of `thidua eligibility` without a release."""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from thidua.catalog import names, reference
from thidua.catalog.law import snapshot
from thidua.catalog.models import AwardType, CriteriaSetting, RuleSet

RULES = Path(reference.__file__).parent.parent / "rules"


def _strings(path: Path) -> list[str]:
    """Every string constant of the module's code (docstrings left out: prose may name the law)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_the_rules_hold_no_name_regime_or_decree_of_the_law():
    names = [row["name_vi"] for row in reference.catalog_rows()]
    regimes = [spec["code"] for spec in reference.RULE_SETS]
    decrees = [t["short_name"] for texts in reference.LEGAL_TEXTS.values() for t in texts]
    found = [(path.name, text) for path in sorted(RULES.glob("*.py")) for text in _strings(path)
             for needle in (*names, *regimes, *decrees) if needle.lower() in text.lower()]
    assert found == []


def test_no_article_of_the_law_is_written_in_the_rules_or_the_registration_check():
    """The articles reasons cite are the rule sets' citations (catalog data), not strings of code —
    docstrings and comments included."""
    article = re.compile(r"Điều \d")
    sources = [*sorted(RULES.glob("*.py")), RULES.parent / "emulation" / "checks.py"]
    found = [(path.name, n) for path in sources
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if article.search(line)]
    assert found == []


def test_every_ground_the_rules_cite_has_a_citation_under_the_2022_law_and_a_label():
    from thidua.catalog import citations
    from thidua.rules.types import CITATION_GROUNDS

    assert set(citations.LABELS) == set(CITATION_GROUNDS)
    missing = [g for g in CITATION_GROUNDS if g != "conduct" and g not in reference.CITATIONS["LUAT2022-ND152"]]
    assert missing == []


@pytest.mark.django_db
def test_the_snapshot_is_the_catalogs_data():
    law = snapshot()
    assert set(law.awards) == {row["code"] for row in reference.catalog_rows()}
    assert law.name("GK_XA") == "Giấy khen của Chủ tịch UBND cấp xã"
    nd152 = law.period("LUAT2022-ND152")
    assert (nd152.law_name, nd152.decree_name) == ("Luật Thi đua, khen thưởng 2022", "Nghị định 152/2025/NĐ-CP")
    assert law.quota("ND91-2017", "CO_CP").ratio == 20
    assert law.criteria_for("LUAT2022-ND98") == reference.default_criteria()


def _judge(tmp_path, case: dict) -> dict:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": [case]}, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("eligibility", str(path), stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())["results"][0]["verdicts"]


TEAM = {"id": "t", "subject": "collective", "year": 2024, "rating": "HTXSNV", "ask": ["TTLDXS"],
        "members": {"total": 20, "completed": 20, "LDTT": 15, "CSTDCS": 1, "disciplined_canh_cao_or_above": 0}}


@pytest.mark.django_db
def test_a_correction_of_the_catalog_reaches_the_verdicts(tmp_path):
    assert _judge(tmp_path, TEAM)["TTLDXS"]["status"] == "eligible"
    AwardType.objects.filter(code="TTLDXS").update(name="Tập thể lao động xuất sắc (sửa)")
    # A national criterion of ND 98: 80% of the members must be LĐTT (15/20 = 75% no longer reaches it).
    rs = RuleSet.objects.get(code="LUAT2022-ND98")
    CriteriaSetting.objects.create(rule_set=rs, key="ttldxs_ldtt_min_percent", value="80", basis="thử",
                                   valid_from=rs.valid_from, valid_to=rs.valid_to)
    names._forget()  # what saving in the admin does (the update above sends no signal)
    verdict = _judge(tmp_path, TEAM)["TTLDXS"]
    assert verdict["status"] == "not_eligible"
    assert all(r.startswith("Tập thể lao động xuất sắc (sửa): ") for r in verdict["reasons"])
    assert any("80%" in r for r in verdict["reasons"])


@pytest.mark.django_db
def test_why_a_person_judges_a_form_is_the_catalogs_text(tmp_path):
    person = {"id": "p", "subject": "individual", "year": 2024, "ask": ["BK_TINH"],
              "history": [{"year": 2024, "rating": "HTXSNV", "titles": ["LDTT"]}]}
    assert any(reference.REVIEW_NOTES["BK_TINH"] in r for r in _judge(tmp_path, person)["BK_TINH"]["reasons"])
    AwardType.objects.filter(code="BK_TINH").update(review_note="theo quy chế khen thưởng của tỉnh")
    names._forget()
    verdict = _judge(tmp_path, person)["BK_TINH"]
    assert verdict["status"] == "review" and any("theo quy chế khen thưởng của tỉnh" in r for r in verdict["reasons"])
