"""Reward money per line and in total: coefficient × base salary in force on the decision date,
rounded up to 10,000 đồng; a collective's Huân chương × 2; the day before and after a change."""

import datetime as dt
from decimal import Decimal

import pytest

from thidua.core.money import amount_in_words
from thidua.decisions import services
from thidua.decisions.documents import decision_context
from thidua.decisions.money import MoneyError, line_money


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "collective", "day", "amount"), [
    ("LDTT", False, dt.date(2022, 12, 15), 450_000),        # 0.3 × 1,490,000 = 447,000 → 450,000
    ("CSTDCS", False, dt.date(2022, 12, 15), 1_490_000),
    ("TTLDTT", True, dt.date(2022, 12, 15), 1_200_000),     # 0.8 × 1,490,000 = 1,192,000
    ("TTLDXS", True, dt.date(2022, 12, 28), 2_240_000),     # 1.5 × 1,490,000 = 2,235,000
    ("CSTD_TINH", False, dt.date(2022, 12, 28), 4_470_000),
    ("LDTT", False, dt.date(2023, 6, 30), 450_000),         # the day before ND 24/2023
    ("LDTT", False, dt.date(2023, 7, 1), 540_000),          # 0.3 × 1,800,000
    ("LDTT", False, dt.date(2024, 8, 15), 710_000),         # law.md's worked example
    ("HCLD3", False, dt.date(2024, 8, 15), 10_530_000),     # 4.5 × 2,340,000
    ("HCLD3", True, dt.date(2024, 8, 15), 21_060_000),      # a collective's Huân chương: × 2
    ("BK_TINH", True, dt.date(2022, 12, 28), 2_980_000),    # Bình Phước QĐ 335/2022: 2 × 1,490,000
    ("BK_TINH", False, dt.date(2025, 7, 1), 3_510_000),     # ND 152/2025 Điều 54 khoản 1: 1.5 × 2,340,000
    ("BK_TINH", False, dt.date(2025, 6, 30), 2_340_000),    # the day before: 1.0
    ("GK", True, dt.date(2024, 8, 15), 1_420_000),          # 2 × (0.3 × 2,340,000 → 710,000)
    ("TTLDXS", True, dt.date(2025, 12, 20), 3_510_000),     # a collective title: its own 1.5, not doubled
])
def test_line_money(code, collective, day, amount):
    assert line_money(code, collective=collective, on=day).amount == amount


@pytest.mark.django_db
def test_a_collective_coefficient_recorded_by_an_administrator_wins_and_is_not_doubled_again():
    from thidua.catalog.models import RewardCoefficient, RuleSet

    rs = RuleSet.objects.get(code="ND91-2017")
    RewardCoefficient.objects.create(rule_set=rs, code="BK_TINH", subject="collective", coefficient=Decimal("2.5"),
                                     valid_from=rs.valid_from, valid_to=rs.valid_to, basis="Quy định của tỉnh")
    money = line_money("BK_TINH", collective=True, on=dt.date(2022, 12, 28))
    assert money.amount == 3_730_000 and money.coefficient_basis == "Quy định của tỉnh"
    assert line_money("BK_TINH", collective=False, on=dt.date(2022, 12, 28)).amount == 1_490_000


@pytest.mark.django_db
def test_the_issuer_level_decides_the_giay_khen_coefficient(org, draft):
    # ND 91/2017: a Giấy khen of a commune chairman is 0.15 × base salary, of a department 0.3.
    assert line_money("GK", collective=False, on=dt.date(2022, 12, 15), issuer_level="commune").amount == 230_000
    assert line_money("GK", collective=False, on=dt.date(2022, 12, 15), issuer_level="unit").amount == 450_000
    assert line_money("GK_XA", collective=True, on=dt.date(2022, 12, 15)).amount == 460_000
    org.skhcn.level = "commune"
    org.skhcn.save()
    decision = draft(org.skhcn, [("GK", org.staff[4])], date=dt.date(2022, 12, 15))
    issued = services.decision_issue(actor=org.users["admin"], decision=decision, date=dt.date(2022, 12, 15))
    assert [ln.amount for ln in issued.lines.all()] == [230_000]


@pytest.mark.django_db
def test_the_money_basis_names_the_article_of_the_regime(org, draft):
    decision = draft(org.ubnd, [("BK_TINH", org.staff[3])], actor="bantdkt", year=2025)
    issued = services.decision_issue(actor=org.users["bantdkt"], decision=decision, date=dt.date(2025, 12, 20))
    assert "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1" in issued.money_basis
    assert "giữ mức" not in issued.money_basis


@pytest.mark.django_db
def test_an_unconfirmed_base_salary_blocks_issuing_but_not_the_preview(org, draft):
    decision = draft(org.skhcn, [("LDTT", org.staff[4])], year=2026)
    with pytest.raises(services.DecisionError, match="chưa được xác nhận"):
        services.decision_issue(actor=org.users["admin"], decision=decision, date=dt.date(2026, 7, 2))
    decision.refresh_from_db()
    assert decision.number is None and decision.status == "draft"
    with pytest.raises(MoneyError):
        line_money("LDTT", collective=False, on=dt.date(2010, 1, 1))


def test_money_is_computed_on_the_date_of_issue_and_totalled_in_figures_and_words(org, draft):
    decision = draft(org.skhcn, [("LDTT", org.staff[4]), ("LDTT", org.staff[5]), ("CSTDCS", org.staff[4]),
                                 ("TTLDTT", org.departments[0])], date=dt.date(2023, 6, 1))
    assert [ln.amount for ln in decision.lines.order_by("position")] == [450_000, 450_000, 1_490_000, 1_200_000]
    issued = services.decision_issue(actor=org.users["admin"], decision=decision, date=dt.date(2023, 7, 3))
    lines = list(issued.lines.order_by("position"))
    assert [(ln.coefficient, ln.base_salary, ln.amount) for ln in lines] == [
        (Decimal("0.30"), 1_800_000, 540_000), (Decimal("0.30"), 1_800_000, 540_000),
        (Decimal("1.00"), 1_800_000, 1_800_000), (Decimal("0.80"), 1_800_000, 1_440_000)]
    assert issued.total_amount() == 4_320_000
    context = decision_context(issued)
    assert context["total_amount"] == "4.320.000"
    assert context["total_words"] == amount_in_words(4_320_000) == "Bốn triệu ba trăm hai mươi nghìn đồng"
    assert "1.800.000 đồng/tháng" in issued.money_basis and "Nghị định 24/2023/NĐ-CP" in issued.money_basis
    article2 = context["articles"][1]["text"]
    assert "4.320.000 đồng" in article2 and "Bốn triệu ba trăm hai mươi nghìn đồng" in article2
