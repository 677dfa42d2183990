from django.db import migrations

# Frozen copy of the reference rows as this migration first loaded them (the live data is in
# `thidua.catalog.reference`, the table moved to catalog in 0004-0005).
HIGHEST_CODES = "CSTD_TINH,CSTD_TQ,AHLD"

ND91_HIGHEST = "Nghị định 91/2017/NĐ-CP Điều 45 khoản 8"
DEFAULT_BASIS = "Mức mặc định thông dụng (như Thông tư 35/2015/TT-BGDĐT); tỉnh, cơ quan có thể quy định khác"
UNKNOWN_BASIS = "Chưa xác định được quy định theo {texts}; tạm dùng mức của Nghị định 91/2017/NĐ-CP — cần kiểm tra"

# (level, codes, quorum n/d, approval n/d, base, basis template)
THRESHOLDS = [
    ("higher", HIGHEST_CODES, (2, 3), (90, 100), "all", ND91_HIGHEST),
    ("higher", "", (2, 3), (70, 100), "present", DEFAULT_BASIS),
    ("unit", "", (2, 3), (70, 100), "present", DEFAULT_BASIS),
]
RULE_SET_TEXTS = {
    "LUAT2022-ND98": "Nghị định 98/2023/NĐ-CP",
    "LUAT2022-ND152": "Nghị định 152/2025/NĐ-CP",
}


def load(apps, schema_editor):
    RuleSet = apps.get_model("catalog", "RuleSet")
    VoteThreshold = apps.get_model("councils", "VoteThreshold")
    for rule_set in RuleSet.objects.all():
        unknown = rule_set.code in RULE_SET_TEXTS
        for level, codes, (qn, qd), (an, ad), base, basis in THRESHOLDS:
            if unknown:
                basis = UNKNOWN_BASIS.format(texts=RULE_SET_TEXTS[rule_set.code]) + (
                    f" ({ND91_HIGHEST})" if codes else ""
                )
            VoteThreshold.objects.get_or_create(
                rule_set=rule_set,
                province=None,
                level=level,
                codes=codes,
                defaults={
                    "quorum_numerator": qn,
                    "quorum_denominator": qd,
                    "approval_numerator": an,
                    "approval_denominator": ad,
                    "approval_base": base,
                    "secret_ballot": True,
                    "basis": basis[:300],
                    "valid_from": rule_set.valid_from,
                    "valid_to": rule_set.valid_to,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial"), ("catalog", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
