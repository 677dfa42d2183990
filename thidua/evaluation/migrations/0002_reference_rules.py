from django.db import migrations

# Frozen copy of the reference rows as this migration first loaded them (the live data is
# `thidua.catalog.reference.TTLDTT_CRITERIA`, the table moved to catalog in 0005).
TTLDTT_CRITERIA = [
    ("ttldtt_ldtt_above_percent", "50"),
    ("ttldtt_no_discipline", "true"),
    ("ttldtt_min_rating", "HTTNV"),
]
_DELEGATED = (
    "Luật Thi đua, khen thưởng 2022, Điều 28 giao bộ, ngành, tỉnh quy định; mặc định theo Luật Thi đua, "
    "khen thưởng 2003, Điều 28 cho đến khi tỉnh ban hành quy định riêng"
)
TTLDTT_BASIS = {
    "ND91-2017": "Luật Thi đua, khen thưởng 2003, Điều 28",
    "LUAT2022-ND98": _DELEGATED,
    "LUAT2022-ND152": _DELEGATED,
}


def load(apps, schema_editor):
    RuleSet = apps.get_model("catalog", "RuleSet")
    CriteriaSetting = apps.get_model("evaluation", "CriteriaSetting")
    for rule_set in RuleSet.objects.filter(code__in=list(TTLDTT_BASIS)):
        for key, value in TTLDTT_CRITERIA:
            CriteriaSetting.objects.get_or_create(
                rule_set=rule_set,
                province=None,
                key=key,
                defaults={
                    "value": value,
                    "basis": TTLDTT_BASIS[rule_set.code],
                    "valid_from": rule_set.valid_from,
                    "valid_to": rule_set.valid_to,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial"), ("catalog", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
