"""Reference rows of the criteria kept by this app, loaded by a data migration and by `thidua demo`
(a flushed test database lacks migration data). Create what is missing; never overwrite what an
administrator has edited.

The standard of Tập thể LĐTT, which Luật 2022 Điều 28 delegates to ministries and provinces, is
written out per rule set with its basis, so a province sees what applies and overrides it with
its own row. Every other threshold keeps the built-in default of `thidua.rules.types.Criteria`
until someone adds a row.
"""

from __future__ import annotations

TTLDTT_CRITERIA = [
    # key, value
    ("ttldtt_ldtt_above_percent", "50"),
    ("ttldtt_no_discipline", "true"),
    ("ttldtt_min_rating", "HTTNV"),
]
_DELEGATED = ("Luật Thi đua, khen thưởng 2022, Điều 28 giao bộ, ngành, tỉnh quy định; mặc định theo Luật Thi đua, "
              "khen thưởng 2003, Điều 28 cho đến khi tỉnh ban hành quy định riêng")
TTLDTT_BASIS = {
    "ND91-2017": "Luật Thi đua, khen thưởng 2003, Điều 28",
    "LUAT2022-ND98": _DELEGATED,
    "LUAT2022-ND152": _DELEGATED,
}


def load_reference_rules(apps) -> None:
    RuleSet = apps.get_model("catalog", "RuleSet")
    CriteriaSetting = apps.get_model("evaluation", "CriteriaSetting")
    for rule_set in RuleSet.objects.filter(code__in=list(TTLDTT_BASIS)):
        for key, value in TTLDTT_CRITERIA:
            CriteriaSetting.objects.get_or_create(
                rule_set=rule_set, province=None, key=key,
                defaults={"value": value, "basis": TTLDTT_BASIS[rule_set.code], "valid_from": rule_set.valid_from,
                          "valid_to": rule_set.valid_to},
            )
