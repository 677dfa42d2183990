"""Reference data from the law (shared/domain/law.md), loaded by a data migration and then owned by
administrators: every number here can be corrected in the admin without a release."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

CATALOG_CSV = Path(__file__).parent / "data" / "catalog.csv"

# Notes printed in italics after a row label in the registration table.
REGISTRATION_NOTES = {
    "TTLDTT": "phòng, ban trực thuộc đơn vị",
    "TTLDXS": "phòng, ban trực thuộc đơn vị",
    "CO_TINH": "tập thể đơn vị",
    "CO_CP": "tập thể đơn vị",
}

COLLECTIVE_SCOPES = {"TTLDTT": "department", "TTLDXS": "department", "CO_TINH": "agency", "CO_CP": "agency"}

RULE_SETS = [
    {
        "code": "ND91-2017",
        "name": "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP",
        "texts": "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2009, 2013); Nghị định 91/2017/NĐ-CP",
        "valid_from": dt.date(2017, 10, 1),
        "valid_to": dt.date(2023, 12, 31),
        "basis": "Nghị định 91/2017/NĐ-CP",
    },
    {
        "code": "LUAT2022-ND98",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        "texts": "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV",
        "valid_from": dt.date(2024, 1, 1),
        "valid_to": dt.date(2025, 6, 30),
        "basis": "Luật số 06/2022/QH15; Nghị định 98/2023/NĐ-CP",
    },
    {
        "code": "LUAT2022-ND152",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        "texts": "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 152/2025/NĐ-CP",
        "valid_from": dt.date(2025, 7, 1),
        "valid_to": None,
        "basis": "Luật số 06/2022/QH15; Nghị định 152/2025/NĐ-CP (việc thay thế NĐ 98 chưa chắc chắn)",
    },
]

# (rule set, code, base code, ratio %, basis)
QUOTAS = [
    ("ND91-2017", "CSTDCS", "LDTT", Decimal("15"), "Nghị định 91/2017/NĐ-CP Điều 9 khoản 3"),
    ("ND91-2017", "CO_CP", "CO_TINH", Decimal("20"), "Nghị định 91/2017/NĐ-CP Điều 11"),
]

# code -> individual coefficient; collectives receive 2× for Huân chương (handled by the rules).
COEFFICIENTS = {
    "CSTD_TQ": "4.5", "CSTD_TINH": "3.0", "CSTDCS": "1.0", "LDTT": "0.3",
    "TTLDXS": "1.5", "TTLDTT": "0.8", "CO_CP": "12.0", "CO_TINH": "8.0",
    "HCLD1": "9.0", "HCLD2": "7.5", "HCLD3": "4.5",
    "HCDL1": "15.0", "HCDL2": "12.5", "HCDL3": "10.5",
    "HCHCM": "30.5", "HCSV": "46.0",
    "BK_TTG": "3.5", "BK_TINH": "1.0", "BK_BO": "1.0", "GK": "0.3",
    "AHLD": "15.5",
}
COEFFICIENT_BASIS = {
    "ND91-2017": "Nghị định 91/2017/NĐ-CP",
    "LUAT2022-ND98": "Nghị định 98/2023/NĐ-CP Điều 54, 55",
    "LUAT2022-ND152": "Nghị định 152/2025/NĐ-CP (giữ mức của Nghị định 98/2023/NĐ-CP)",
}

# (amount, from, basis, confirmed)
BASE_SALARIES = [
    (1_490_000, dt.date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP", True),
    (1_800_000, dt.date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP", True),
    (2_340_000, dt.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP", True),
    (2_530_000, dt.date(2026, 7, 1), "Chưa xác nhận — kiểm tra văn bản trước khi dùng", False),
]


def catalog_rows() -> list[dict[str, str]]:
    with CATALOG_CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_reference_data(apps) -> None:
    """Create what is missing; never overwrite what an administrator has edited."""
    AwardType = apps.get_model("catalog", "AwardType")
    RuleSet = apps.get_model("catalog", "RuleSet")
    QuotaRule = apps.get_model("catalog", "QuotaRule")
    RewardCoefficient = apps.get_model("catalog", "RewardCoefficient")
    BaseSalary = apps.get_model("catalog", "BaseSalary")

    for row in catalog_rows():
        AwardType.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name_vi"],
                "kind": row["kind"],
                "subject": row["subject"],
                "level": row["level"],
                "position": int(row["seed_row"]) if row["seed_row"] else None,
                "registration_note": REGISTRATION_NOTES.get(row["code"], ""),
                "collective_scope": COLLECTIVE_SCOPES.get(row["code"], "any"),
            },
        )
    rule_sets = {}
    for spec in RULE_SETS:
        rule_sets[spec["code"]], _ = RuleSet.objects.get_or_create(
            code=spec["code"], defaults={k: v for k, v in spec.items() if k != "code"}
        )
    for rs, code, base, ratio, basis in QUOTAS:
        QuotaRule.objects.get_or_create(
            rule_set=rule_sets[rs], province=None, code=code,
            defaults={"base_code": base, "ratio": ratio, "basis": basis,
                      "valid_from": rule_sets[rs].valid_from, "valid_to": rule_sets[rs].valid_to},
        )
    # The national row only (a province may have its own); the migration that loads this data runs
    # before coefficients had a province.
    national = {"province": None} if any(f.name == "province" for f in RewardCoefficient._meta.fields) else {}
    for rs_code, rule_set in rule_sets.items():
        for code, coefficient in COEFFICIENTS.items():
            RewardCoefficient.objects.get_or_create(
                rule_set=rule_set, code=code, subject="individual", **national,
                defaults={"coefficient": Decimal(coefficient), "basis": COEFFICIENT_BASIS[rs_code],
                          "valid_from": rule_set.valid_from, "valid_to": rule_set.valid_to},
            )
    starts = [start for _, start, _, _ in BASE_SALARIES]
    for i, (amount, start, basis, confirmed) in enumerate(BASE_SALARIES):
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else None
        BaseSalary.objects.get_or_create(
            valid_from=start,
            defaults={"amount": amount, "basis": basis, "confirmed": confirmed, "valid_to": end},
        )
