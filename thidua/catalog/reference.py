"""Reference data from the law (shared/domain/law.md), loaded by a data migration and then owned by
administrators: every number here can be corrected in the admin without a release."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua.rules.law import Award, Law, Quota
from thidua.rules.types import Criteria, RuleSetPeriod

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

# --- reward coefficients (law.md §5) --------------------------------------------------------
# Which article sets each group of coefficients in each regime. Articles law.md gives as verified
# are marked so; the others are this project's reading of the decree, kept as data (certainty
# "unsure") for an administrator to correct.
_ARTICLES: dict[str, dict[str, tuple[str, str]]] = {
    "ND91-2017": {
        "title": ("Nghị định 91/2017/NĐ-CP Điều 72", "unsure"),
        "medal": ("Nghị định 91/2017/NĐ-CP Điều 71", "unsure"),
        "hero": ("Nghị định 91/2017/NĐ-CP Điều 71", "unsure"),
        "bk_ttg": ("Nghị định 91/2017/NĐ-CP Điều 73", "unsure"),
        "bk": ("Nghị định 91/2017/NĐ-CP Điều 74", "unsure"),
        "gk": ("Nghị định 91/2017/NĐ-CP Điều 75", "unsure"),
    },
    "LUAT2022-ND98": {
        "title": ("Nghị định 98/2023/NĐ-CP Điều 54", "verified"),
        "medal": ("Nghị định 98/2023/NĐ-CP Điều 55", "verified"),
        "hero": ("Nghị định 98/2023/NĐ-CP Điều 55", "unsure"),
        "bk_ttg": ("Nghị định 98/2023/NĐ-CP Điều 56", "unsure"),
        "bk": ("Nghị định 98/2023/NĐ-CP Điều 56", "unsure"),
        "gk": ("Nghị định 98/2023/NĐ-CP Điều 56", "unsure"),
    },
    "LUAT2022-ND152": {
        "title": ("Nghị định 152/2025/NĐ-CP Điều 54", "unsure"),
        "medal": ("Nghị định 152/2025/NĐ-CP Điều 54", "unsure"),
        "hero": ("Nghị định 152/2025/NĐ-CP Điều 54", "unsure"),
        "bk_ttg": ("Nghị định 152/2025/NĐ-CP Điều 54 khoản 1", "verified"),
        "bk": ("Nghị định 152/2025/NĐ-CP Điều 54 khoản 1", "verified"),
        "gk": ("Nghị định 152/2025/NĐ-CP Điều 54", "unsure"),
    },
}
TWICE = Decimal(2)  # "tập thể … gấp 02 lần mức tiền thưởng đối với cá nhân"

# (code, subject, issuer level or "", group, coefficient per rule set (None: same for all),
#  collective multiplier)
_COEFFICIENT_SPECS: list[tuple[str, str, str, str, dict[str, str] | str, Decimal | None]] = [
    ("CSTD_TQ", "individual", "", "title", "4.5", None),
    ("CSTD_TINH", "individual", "", "title", "3.0", None),
    ("CSTDCS", "individual", "", "title", "1.0", None),
    ("LDTT", "individual", "", "title", "0.3", None),
    ("TTLDXS", "collective", "", "title", "1.5", None),
    ("TTLDTT", "collective", "", "title", "0.8", None),
    ("CO_CP", "collective", "", "title", "12.0", None),
    ("CO_TINH", "collective", "", "title", "8.0", None),
    ("HCSV", "individual", "", "medal", "46.0", TWICE),
    ("HCHCM", "individual", "", "medal", "30.5", TWICE),
    ("HCDL1", "individual", "", "medal", "15.0", TWICE),
    ("HCDL2", "individual", "", "medal", "12.5", TWICE),
    ("HCDL3", "individual", "", "medal", "10.5", TWICE),
    ("HCLD1", "individual", "", "medal", "9.0", TWICE),
    ("HCLD2", "individual", "", "medal", "7.5", TWICE),
    ("HCLD3", "individual", "", "medal", "4.5", TWICE),
    ("AHLD", "individual", "", "hero", "15.5", TWICE),
    ("BK_TTG", "individual", "", "bk_ttg", "3.5", TWICE),
    ("BK_TINH", "individual", "", "bk", {"ND91-2017": "1.0", "LUAT2022-ND98": "1.0", "LUAT2022-ND152": "1.5"},
     TWICE),
    ("BK_BO", "individual", "", "bk", {"ND91-2017": "1.0", "LUAT2022-ND98": "1.0", "LUAT2022-ND152": "1.5"},
     TWICE),
    ("GK", "individual", "", "gk", "0.3", TWICE),
    # A Giấy khen signed by a commune chairman: its own code, and the plain code issued at commune level.
    ("GK", "individual", "commune", "gk", "0.15", TWICE),
    ("GK_XA", "individual", "", "gk", "0.15", TWICE),
]
# Coefficients law.md §5 marks unsure for a regime (its default until someone checks the text).
_UNSURE_VALUES = {("LUAT2022-ND98", "BK_TINH"), ("LUAT2022-ND98", "BK_BO"), ("LUAT2022-ND98", "GK"),
                  ("LUAT2022-ND152", "GK"), ("LUAT2022-ND98", "GK_XA"), ("LUAT2022-ND152", "GK_XA"),
                  ("LUAT2022-ND98", "AHLD"), ("LUAT2022-ND152", "AHLD")}


def coefficient_rows() -> list[dict]:
    """The national coefficient table: one dict per rule set × code × subject × issuer level."""
    rows = []
    for rs in RULE_SETS:
        for code, subject, level, group, value, multiplier in _COEFFICIENT_SPECS:
            coefficient = value[rs["code"]] if isinstance(value, dict) else value
            basis, certainty = _ARTICLES[rs["code"]][group]
            if (rs["code"], code) in _UNSURE_VALUES:
                certainty = "unsure"
            rows.append({"rule_set": rs["code"], "code": code, "subject": subject, "issuer_level": level,
                         "coefficient": Decimal(coefficient), "collective_multiplier": multiplier,
                         "basis": basis, "certainty": certainty,
                         "valid_from": rs["valid_from"], "valid_to": rs["valid_to"]})
    return rows


# (amount, from, basis, confirmed)
BASE_SALARIES = [
    (1_300_000, dt.date(2017, 7, 1), "Nghị định 47/2017/NĐ-CP", True),
    (1_390_000, dt.date(2018, 7, 1), "Nghị định 72/2018/NĐ-CP", True),
    (1_490_000, dt.date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP", True),
    (1_800_000, dt.date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP", True),
    (2_340_000, dt.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP", True),
    (2_530_000, dt.date(2026, 7, 1),
     "Chưa xác nhận — một số nguồn thứ cấp nêu Nghị định 161/2026/NĐ-CP; đối chiếu văn bản trước khi dùng", False),
]

# --- the texts of each rule set, as decisions cite them -------------------------------------
LAW_2022 = {"kind": "Luật", "number": "06/2022/QH15", "date": dt.date(2022, 6, 15), "issuer": "Quốc hội",
            "title": "Thi đua, khen thưởng", "short_name": "Luật Thi đua, khen thưởng 2022",
            "source": "Luật số 06/2022/QH15"}
LEGAL_TEXTS: dict[str, list[dict]] = {
    "ND91-2017": [
        {"kind": "Luật", "number": "15/2003/QH11", "date": dt.date(2003, 11, 26), "issuer": "Quốc hội",
         "title": "Thi đua, khen thưởng", "short_name": "Luật Thi đua, khen thưởng 2003",
         "citation": "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số "
                     "điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;",
         "source": "Luật số 15/2003/QH11; Luật số 47/2005/QH11; Luật số 39/2013/QH13"},
        {"kind": "Nghị định", "number": "91/2017/NĐ-CP", "date": dt.date(2017, 7, 31), "issuer": "Chính phủ",
         "title": "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
         "short_name": "Nghị định 91/2017/NĐ-CP", "source": "Nghị định số 91/2017/NĐ-CP"},
    ],
    "LUAT2022-ND98": [
        LAW_2022,
        {"kind": "Nghị định", "number": "98/2023/NĐ-CP", "date": dt.date(2023, 12, 31), "issuer": "Chính phủ",
         "title": "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
         "short_name": "Nghị định 98/2023/NĐ-CP", "source": "Nghị định số 98/2023/NĐ-CP"},
    ],
    "LUAT2022-ND152": [
        LAW_2022,
        # Full title as recorded in the national legal database (vbpl.vn, document 178327).
        {"kind": "Nghị định", "number": "152/2025/NĐ-CP", "date": dt.date(2025, 6, 14), "issuer": "Chính phủ",
         "title": "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và "
                  "hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
         "short_name": "Nghị định 152/2025/NĐ-CP",
         "source": "Cơ sở dữ liệu quốc gia về văn bản pháp luật (vbpl.vn), văn bản số 178327"},
    ],
}
# The law on local government, cited first by a People's Committee's decision (the chairman's
# competence); the drafter may still edit the bases of each draft.
_LOCAL_2015 = {"kind": "Luật", "number": "77/2015/QH13", "date": dt.date(2015, 6, 19), "issuer": "Quốc hội",
               "title": "Tổ chức chính quyền địa phương", "short_name": "Luật Tổ chức chính quyền địa phương 2015",
               "citation": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
                           "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày "
                           "22 tháng 11 năm 2019;",
               "source": "Luật số 77/2015/QH13; Luật số 47/2019/QH14", "people_committee_only": True}
LOCAL_GOVERNMENT_TEXTS: dict[str, dict] = {
    "ND91-2017": _LOCAL_2015,
    "LUAT2022-ND98": _LOCAL_2015,
    "LUAT2022-ND152": {"kind": "Luật", "number": "", "date": dt.date(2025, 6, 16), "issuer": "Quốc hội",
                       "title": "Tổ chức chính quyền địa phương",
                       "short_name": "Luật Tổ chức chính quyền địa phương 2025",
                       "citation": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                       "certainty": "unsure", "source": "Luật Tổ chức chính quyền địa phương năm 2025 (số hiệu chưa "
                                                        "đối chiếu)", "people_committee_only": True},
}


def load_local_government_texts(apps) -> None:
    """Add each rule set's local-government law once (a rule set that already has one is left alone)."""
    RuleSet = apps.get_model("catalog", "RuleSet")
    LegalText = apps.get_model("catalog", "LegalText")
    for code, text in LOCAL_GOVERNMENT_TEXTS.items():
        rs = RuleSet.objects.filter(code=code).first()
        if rs is None or LegalText.objects.filter(rule_set=rs, people_committee_only=True).exists():
            continue
        LegalText.objects.create(rule_set=rs, position=0, **text)


# --- the article each rule cites in its reasons, per rule set (law.md §3) -----------------------
# Ground → the citation printed after a reason ("… (Luật Thi đua, khen thưởng 2022, Điều 24)."). The
# numbering is the law's: the titles keep the same articles in the 2003 and 2022 laws. Stored on the
# rule set (`RuleSet.citations`) and read by the rules through the snapshot; an administrator
# corrects one as data. The keys are `thidua.rules.types.CITATION_GROUNDS`.
_LAW_2003 = "Luật Thi đua, khen thưởng 2003"
_LAW_2022 = "Luật Thi đua, khen thưởng 2022"
_UNASSESSED_HCLD3 = ("hệ thống chỉ xét căn cứ tại điểm e khoản 1 Điều 44; các căn cứ tại điểm a, b, c, d, đ (lập "
                     "được thành tích xuất sắc đột xuất, có quá trình cống hiến, phát minh, sáng chế, công trình, "
                     "tác phẩm…) do Hội đồng Thi đua – Khen thưởng đánh giá, chưa được xét")
_CITATIONS_2022 = {
    "titles": f"{_LAW_2022}, Điều 20",
    "ldtt": f"{_LAW_2022}, Điều 24",
    "cstdcs": f"{_LAW_2022}, Điều 23",
    "cstd_tinh": f"{_LAW_2022}, Điều 22",
    "cstd_tq": f"{_LAW_2022}, Điều 21",
    "ttldxs": f"{_LAW_2022}, Điều 27",
    "ttldtt": f"{_LAW_2022}, Điều 28 giao bộ, ngành, tỉnh quy định; áp dụng mặc định tiêu chuẩn của {_LAW_2003}, "
              "Điều 28",
    "co_tinh": f"{_LAW_2022}, Điều 26",
    "co_cp": f"{_LAW_2022}, Điều 25",
    "hcld3": f"{_LAW_2022}, Điều 44 khoản 1 điểm e",
    "hcld3_grounds": f"{_LAW_2022}, Điều 44 khoản 1",
    "hcld3_unassessed": _UNASSESSED_HCLD3,
    "once": f"{_LAW_2022}, Điều 5",
    "title_ladder": f"{_LAW_2022}, Điều 22, 23",
}
CITATIONS: dict[str, dict[str, str]] = {
    "ND91-2017": {
        "titles": f"{_LAW_2003}, Điều 20",
        "ldtt": f"{_LAW_2003}, Điều 24",
        "cstdcs": f"{_LAW_2003}, Điều 23",
        "cstd_tinh": f"{_LAW_2003}, Điều 22",
        "cstd_tq": f"{_LAW_2003}, Điều 21",
        "ttldxs": f"{_LAW_2003}, Điều 27",
        "ttldtt": f"{_LAW_2003}, Điều 28",
        "co_tinh": f"{_LAW_2003}, Điều 26",
        # Under ND 91/2017 the Cờ of the Government has the decree's own grounds (law.md §3).
        "co_cp": "Nghị định 91/2017/NĐ-CP, Điều 11",
        "once": f"{_LAW_2003}, Điều 6",
        # The old law's bar of a disciplined person: an LĐTT "chấp hành tốt … pháp luật".
        "conduct": f"{_LAW_2003}, Điều 24 về chấp hành tốt pháp luật",
        "title_ladder": f"{_LAW_2003}, Điều 23",
    },
    "LUAT2022-ND98": _CITATIONS_2022,
    "LUAT2022-ND152": _CITATIONS_2022,
}


def load_citations(apps) -> None:
    """Fill each rule set's citations once (a rule set an administrator already gave some keeps them)."""
    RuleSet = apps.get_model("catalog", "RuleSet")
    for rule_set in RuleSet.objects.filter(code__in=list(CITATIONS)):
        if not rule_set.citations:
            rule_set.citations = dict(CITATIONS[rule_set.code])
            rule_set.save(update_fields=["citations"])


# ND 91/2017: a person recruited less than 10 whole months before 31/12 is not LĐTT. Whether ND 98
# and ND 152 keep it is unsure (law.md §3): kept by default, editable per rule set.
LDTT_MIN_MONTHS = {
    "ND91-2017": (10, "Nghị định 91/2017/NĐ-CP Điều 6"),
    "LUAT2022-ND98": (10, "mặc định giữ quy định của Nghị định 91/2017/NĐ-CP Điều 6 (chưa rõ Nghị định "
                          "98/2023/NĐ-CP có giữ hay không)"),
    "LUAT2022-ND152": (10, "mặc định giữ quy định của Nghị định 91/2017/NĐ-CP Điều 6 (chưa rõ Nghị định "
                           "152/2025/NĐ-CP có giữ hay không)"),
}


# --- the criteria of the eligibility rules (law.md §3) -----------------------------------------
# The built-in value of every field of `thidua.rules.types.Criteria`; a rule set or a province
# overrides any of them as data (`CriteriaSetting`, the admin and the law page).
CRITERIA: dict[str, Any] = {
    "old_law_rule_sets": ("ND91-2017",),
    "ldtt_min_rating": "HTTNV",  # Luật 2022 Điều 24; Luật 2003 Điều 24: hoàn thành tốt nhiệm vụ
    "cstdcs_initiative_mandatory_in": ("ND91-2017",),  # Luật 2003 Điều 23
    "cstdcs_rating_instead_of_initiative": "HTXSNV",  # Luật 2022 Điều 23
    "cstdcs_min_scope": "co_so",
    "cstd_tinh_streak_years": 3,  # Điều 22
    "cstd_tinh_min_scope": "tinh",
    "cstd_tq_consecutive_tinh": 2,  # Điều 21; "adjoining periods" is this project's reading
    "cstd_tq_min_scope": "toan_quoc",
    "ttldxs_completed_min_percent": 100,  # Điều 27
    "ttldxs_ldtt_min_percent": 70,
    "ttldxs_cstdcs_min": 1,
    "ttldxs_rating": "HTXSNV",
    "ttldxs_no_discipline_in": ("ND91-2017",),
    "ttldtt_ldtt_above_percent": 50,  # Luật 2003 Điều 28; Luật 2022 Điều 28 delegates (default: the old rule)
    "ttldtt_no_discipline": True,
    "ttldtt_min_rating": "HTTNV",
    "hcld3_rule_sets_excluded": ("ND91-2017",),  # Luật 2022 Điều 44 khoản 1 điểm e
    "hcld3_years_after_bk_ttg": 5,
    "hcld3_min_rating": "HTTNV",
    "hcld3_htxs_years_min": 1,
    "hcld3_excellent_rating": "HTXSNV",
    "hcld3_cstdcs_min": 3,
    "discipline_bars_individual": True,
    "discipline_bar_stated_in": ("LUAT2022-ND152",),  # ND 152/2025 principles (law.md §3, verified)
    "co_cp_movement_min_years": 5,  # Luật 2022 Điều 25
}

# Why a person, not the machine, judges these (the `review` reason of eligibility).
_MEDAL = "tiêu chuẩn Huân chương đòi hỏi đánh giá quá trình cống hiến và thành tích"
_BK = "tiêu chuẩn Bằng khen do Hội đồng đánh giá thành tích"
REVIEW_NOTES: dict[str, str] = {
    "BK_TINH": _BK, "BK_BO": _BK,
    "BK_TTG": "tiêu chuẩn Bằng khen của Thủ tướng Chính phủ đòi hỏi đánh giá thành tích tiêu biểu",
    "GK": "tiêu chuẩn Giấy khen do thủ trưởng đơn vị quy định và đánh giá",
    "GK_XA": "tiêu chuẩn Giấy khen do Chủ tịch Ủy ban nhân dân cấp xã quy định và đánh giá",
    "CO_TINH": "Cờ thi đua cấp bộ, ngành, tỉnh được lựa chọn qua so sánh, suy tôn trong khối, cụm thi đua",
    "HCLD2": _MEDAL, "HCLD1": _MEDAL, "HCDL3": _MEDAL, "HCDL2": _MEDAL, "HCDL1": _MEDAL, "HCHCM": _MEDAL,
    "HCSV": _MEDAL,
    "AHLD": "danh hiệu vinh dự nhà nước, tiêu chuẩn do Hội đồng đánh giá",
}


# The standard of Tập thể LĐTT, which the 2022 law delegates to ministries and provinces, is written
# out per rule set with its basis (national `CriteriaSetting` rows), so a province sees what applies
# and overrides it with its own row. Every other threshold keeps its built-in value above until
# someone adds a row.
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


def load_criteria_settings(apps) -> None:
    """The national criteria rows of Tập thể LĐTT: create what is missing, never overwrite what an
    administrator edited."""
    RuleSet = apps.get_model("catalog", "RuleSet")
    CriteriaSetting = apps.get_model("catalog", "CriteriaSetting")
    for rule_set in RuleSet.objects.filter(code__in=list(TTLDTT_BASIS)):
        for key, value in TTLDTT_CRITERIA:
            CriteriaSetting.objects.get_or_create(
                rule_set=rule_set, province=None, key=key,
                defaults={"value": value, "basis": TTLDTT_BASIS[rule_set.code], "valid_from": rule_set.valid_from,
                          "valid_to": rule_set.valid_to},
            )


def default_criteria() -> Criteria:
    return Criteria(**CRITERIA)


def reference_periods() -> tuple[RuleSetPeriod, ...]:
    """The rule sets of law.md §1 as the migrations load them (for use without a database)."""
    def short(code: str, kind: str) -> str:
        return next((t["short_name"] for t in LEGAL_TEXTS.get(code, ()) if t["kind"] == kind), "")

    return tuple(
        RuleSetPeriod(spec["code"], spec["valid_from"], spec["valid_to"], spec["name"],
                      *LDTT_MIN_MONTHS.get(spec["code"], (None, "")),
                      law_name=short(spec["code"], "Luật"), decree_name=short(spec["code"], "Nghị định"),
                      money_rounding_step=MONEY_ROUNDING[spec["code"]][0],
                      citations=tuple(CITATIONS.get(spec["code"], {}).items()))
        for spec in RULE_SETS
    )


def reference_awards() -> dict[str, Award]:
    return {row["code"]: Award(row["code"], row["name_vi"], row["subject"], row["kind"],
                               REVIEW_NOTES.get(row["code"], "")) for row in catalog_rows()}


def reference_law() -> Law:
    """The law snapshot of the reference data alone (no database, no province): the pure tests and
    a command run on a database not yet migrated."""
    return Law(awards=reference_awards(), periods=reference_periods(), default_criteria=default_criteria(),
               quotas=tuple(Quota(rs, code, base, ratio, basis) for rs, code, base, ratio, basis in QUOTAS))


# Reward money rounded up to the next 10,000 đồng (law.md §5: ND 98/2023 verified; ND 42/2010 and
# ND 91/2017 round the same way; ND 152/2025 kept by default).
MONEY_ROUNDING: dict[str, tuple[int, str]] = {
    "ND91-2017": (10_000, "Nghị định 91/2017/NĐ-CP: làm tròn lên hàng chục nghìn đồng"),
    "LUAT2022-ND98": (10_000, "Nghị định 98/2023/NĐ-CP: làm tròn lên hàng chục nghìn đồng"),
    "LUAT2022-ND152": (10_000, "mặc định giữ cách làm tròn của Nghị định 98/2023/NĐ-CP (chưa đối chiếu Nghị định "
                               "152/2025/NĐ-CP)"),
}


def load_review_notes(apps) -> None:
    """Fill each title's review note once (an administrator's edit is kept)."""
    AwardType = apps.get_model("catalog", "AwardType")
    for code, note in REVIEW_NOTES.items():
        AwardType.objects.filter(code=code, review_note="").update(review_note=note)


def load_money_rounding(apps) -> None:
    """Fill the rounding basis of each rule set once (an administrator's edit is kept)."""
    RuleSet = apps.get_model("catalog", "RuleSet")
    for code, (step, basis) in MONEY_ROUNDING.items():
        RuleSet.objects.filter(code=code, money_rounding_basis="").update(money_rounding_step=step,
                                                                          money_rounding_basis=basis)


def catalog_rows() -> list[dict[str, str]]:
    with CATALOG_CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _award_defaults(row: dict[str, str]) -> dict:
    return {
        "name": row["name_vi"],
        "kind": row["kind"],
        "subject": row["subject"],
        "level": row["level"],
        "position": int(row["seed_row"]) if row["seed_row"] else None,
        "registration_note": REGISTRATION_NOTES.get(row["code"], ""),
        "collective_scope": COLLECTIVE_SCOPES.get(row["code"], "any"),
    }


def load_reference_data(apps) -> None:
    """Create what is missing; never overwrite what an administrator has edited."""
    AwardType = apps.get_model("catalog", "AwardType")
    RuleSet = apps.get_model("catalog", "RuleSet")
    QuotaRule = apps.get_model("catalog", "QuotaRule")
    RewardCoefficient = apps.get_model("catalog", "RewardCoefficient")
    BaseSalary = apps.get_model("catalog", "BaseSalary")

    for row in catalog_rows():
        AwardType.objects.get_or_create(code=row["code"], defaults=_award_defaults(row))
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
    # Coefficients, legal texts and the rest of the second legal review are loaded by
    # `sync_reference_data` (migration 0004), which needs fields this migration's model lacks.
    _load_base_salaries(BaseSalary)
    if any(f.name == "collective_multiplier" for f in RewardCoefficient._meta.fields):
        sync_reference_data(apps)


def _load_base_salaries(BaseSalary) -> None:
    starts = [start for _, start, _, _ in BASE_SALARIES]
    for i, (amount, start, basis, confirmed) in enumerate(BASE_SALARIES):
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else None
        BaseSalary.objects.get_or_create(
            valid_from=start,
            defaults={"amount": amount, "basis": basis, "confirmed": confirmed, "valid_to": end},
        )


# The basis texts the first load gave every national coefficient row; a row still carrying one of
# them was never edited by an administrator and is replaced by the reviewed table.
_FIRST_LOAD_BASES = (
    "Nghị định 91/2017/NĐ-CP",
    "Nghị định 98/2023/NĐ-CP Điều 54, 55",
    "Nghị định 152/2025/NĐ-CP (giữ mức của Nghị định 98/2023/NĐ-CP)",
)


def sync_reference_data(apps) -> None:
    """The second legal review (issue 11): coefficients per rule set × code × subject × issuer level
    with the collective multiplier, the legal texts of each rule set, the 10-month LĐTT rule, GK_XA,
    the base salaries of 2017 and 2018. Creates what is missing and replaces the national coefficient
    rows of the first load that nobody edited; never touches a province's rows."""
    AwardType = apps.get_model("catalog", "AwardType")
    RuleSet = apps.get_model("catalog", "RuleSet")
    RewardCoefficient = apps.get_model("catalog", "RewardCoefficient")
    LegalText = apps.get_model("catalog", "LegalText")
    BaseSalary = apps.get_model("catalog", "BaseSalary")
    for row in catalog_rows():
        AwardType.objects.get_or_create(code=row["code"], defaults=_award_defaults(row))
    rule_sets = {rs.code: rs for rs in RuleSet.objects.all()}
    for code, (months, basis) in LDTT_MIN_MONTHS.items():
        rs = rule_sets.get(code)
        if rs is not None and not rs.ldtt_min_months_basis:
            rs.ldtt_min_months, rs.ldtt_min_months_basis = months, basis
            rs.save(update_fields=["ldtt_min_months", "ldtt_min_months_basis"])
    for code, texts in LEGAL_TEXTS.items():
        rs = rule_sets.get(code)
        if rs is None or LegalText.objects.filter(rule_set=rs).exists():
            continue
        for position, text in enumerate(texts):
            LegalText.objects.create(rule_set=rs, position=position, **text)
    RewardCoefficient.objects.filter(province__isnull=True, basis__in=_FIRST_LOAD_BASES).delete()
    for row in coefficient_rows():
        rs = rule_sets.get(row["rule_set"])
        if rs is None:
            continue
        keys = {k: row[k] for k in ("code", "subject", "issuer_level")}
        RewardCoefficient.objects.get_or_create(
            rule_set=rs, province=None, **keys,
            defaults={k: v for k, v in row.items() if k not in keys and k != "rule_set"},
        )
    _load_base_salaries(BaseSalary)


# --- council vote thresholds (law.md §6) -------------------------------------------------------
# Vote thresholds from the law (shared/domain/law.md §6), loaded by a data migration and then owned
# by administrators: every value can be corrected in the admin without a release.
#
# - Nghị định 91/2017/NĐ-CP Điều 45 khoản 8: for Chiến sĩ thi đua cấp bộ, ngành, tỉnh, Chiến sĩ thi
#   đua toàn quốc and Anh hùng Lao động the council votes by secret ballot and a candidate needs
#   ≥ 90% of ALL members of the council (absent members vote in writing). Verified.
# - Quorum ≥ 2/3 and ≥ 70% of those taking part for the other titles and forms: a common sector rule
#   (Thông tư 35/2015/TT-BGDĐT, education), used as the default. Provinces set their own.
# - Under Luật 2022 with Nghị định 98/2023 or 152/2025 the thresholds are unknown: the same values are
#   loaded, marked as defaults to check.
HIGHEST_CODES = "CSTD_TINH,CSTD_TQ,AHLD"

ND91_HIGHEST = "Nghị định 91/2017/NĐ-CP Điều 45 khoản 8"
DEFAULT_BASIS = ("Mức mặc định thông dụng (như Thông tư 35/2015/TT-BGDĐT); tỉnh, cơ quan có thể quy định "
                 "khác")
UNKNOWN_BASIS = "Chưa xác định được quy định theo {texts}; tạm dùng mức của Nghị định 91/2017/NĐ-CP — cần kiểm tra"

# (level, codes, quorum n/d, approval n/d, base, basis template)
VOTE_THRESHOLDS = [
    ("higher", HIGHEST_CODES, (2, 3), (90, 100), "all", ND91_HIGHEST),
    ("higher", "", (2, 3), (70, 100), "present", DEFAULT_BASIS),
    ("unit", "", (2, 3), (70, 100), "present", DEFAULT_BASIS),
]
THRESHOLDS_UNKNOWN_UNDER = {
    "LUAT2022-ND98": "Nghị định 98/2023/NĐ-CP",
    "LUAT2022-ND152": "Nghị định 152/2025/NĐ-CP",
}


def load_vote_thresholds(apps) -> None:
    """Create the national rows that are missing; never overwrite what an administrator edited."""
    RuleSet = apps.get_model("catalog", "RuleSet")
    VoteThreshold = apps.get_model("catalog", "VoteThreshold")
    for rule_set in RuleSet.objects.all():
        unknown = rule_set.code in THRESHOLDS_UNKNOWN_UNDER
        for level, codes, (qn, qd), (an, ad), base, basis in VOTE_THRESHOLDS:
            if unknown:
                basis = UNKNOWN_BASIS.format(texts=THRESHOLDS_UNKNOWN_UNDER[rule_set.code]) + (
                    f" ({ND91_HIGHEST})" if codes else ""
                )
            VoteThreshold.objects.get_or_create(
                rule_set=rule_set, province=None, level=level, codes=codes,
                defaults={
                    "quorum_numerator": qn, "quorum_denominator": qd,
                    "approval_numerator": an, "approval_denominator": ad, "approval_base": base,
                    "secret_ballot": True, "basis": basis[:300],
                    "valid_from": rule_set.valid_from, "valid_to": rule_set.valid_to,
                },
            )


def load_law(apps) -> None:
    """Every reference row of the catalog as the migrations leave them (titles, rule sets, quotas,
    coefficients, texts and citations, base salaries, criteria settings, vote thresholds): `thidua demo` and tests whose
    database was flushed. Creates what is missing only."""
    load_reference_data(apps)
    load_criteria_settings(apps)
    load_vote_thresholds(apps)
    load_citations(apps)
