"""The law as data: loaded by the migration, validated when an administrator edits it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.catalog.models import AwardType, BaseSalary, QuotaRule, RewardCoefficient, RuleSet

pytestmark = pytest.mark.django_db


def test_every_catalog_code_is_loaded_with_its_registration_row():
    assert AwardType.objects.count() == 22
    assert list(AwardType.objects.filter(position__isnull=False).values_list("code", flat=True)[:3]) == [
        "LDTT", "CSTDCS", "CSTD_TINH"]
    assert AwardType.objects.get(code="TTLDXS").collective_scope == "department"


@pytest.mark.parametrize(("year", "code"), [(2017, "ND91-2017"), (2022, "ND91-2017"), (2023, "ND91-2017"),
                                            (2024, "LUAT2022-ND98"), (2025, "LUAT2022-ND152"),
                                            (2030, "LUAT2022-ND152")])
def test_a_year_is_judged_under_the_rule_set_in_force_on_its_last_day(year, code):
    assert RuleSet.for_year(year).code == code


def test_no_rule_set_before_the_first_one():
    assert RuleSet.for_year(2016) is None


def test_overlapping_quota_periods_are_refused_with_a_vietnamese_message():
    national = QuotaRule.objects.get(code="CSTDCS", province__isnull=True)
    clash = QuotaRule(rule_set=national.rule_set, code="CSTDCS", base_code="LDTT", ratio=Decimal(12),
                      valid_from=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="trùng"):
        clash.full_clean()


def test_a_period_that_ends_before_it_starts_is_refused():
    salary = BaseSalary(amount=1, valid_from=dt.date(2030, 1, 1), valid_to=dt.date(2029, 1, 1))
    with pytest.raises(ValidationError, match="sau ngày bắt đầu"):
        salary.full_clean()


def test_negative_coefficients_and_ratios_over_100_are_refused():
    rule_set = RuleSet.objects.get(code="ND91-2017")
    with pytest.raises(ValidationError, match="không được âm"):
        RewardCoefficient(rule_set=rule_set, code="X", coefficient=Decimal("-1"), valid_from=dt.date(2017, 10, 1)
                          ).full_clean()
    with pytest.raises(ValidationError, match="0 đến 100"):
        QuotaRule(rule_set=rule_set, code="X", base_code="Y", ratio=Decimal(120), valid_from=dt.date(2017, 10, 1)
                  ).full_clean()


def test_base_salaries_follow_each_other_without_gaps():
    salaries = list(BaseSalary.objects.order_by("valid_from"))
    for before, after in zip(salaries, salaries[1:], strict=False):
        assert before.valid_to + dt.timedelta(days=1) == after.valid_from
    assert not salaries[-1].confirmed  # 2,530,000 from 01/07/2026 is unsure until confirmed


def test_edits_keep_history(client):
    """The law stays versioned by its rows (periods and bases); an edit of a national row — a
    superuser's, in the admin — is in the one audit trail with the value before and after."""
    rule = QuotaRule.objects.get(code="CSTDCS", province__isnull=True)
    root = User.objects.create(username="root", first_name="Quản trị viên", is_staff=True, is_superuser=True)
    client.force_login(root)
    url = reverse("admin:catalog_quotarule_change", args=[rule.pk])
    for ratio in ("10", "12"):
        response = client.post(url, {
            "rule_set": rule.rule_set_id, "code": rule.code, "base_code": rule.base_code, "ratio": ratio,
            "rounding": rule.rounding, "valid_from": rule.valid_from.strftime("%d/%m/%Y"),
            "valid_to": rule.valid_to.strftime("%d/%m/%Y") if rule.valid_to else "",
            "basis": rule.basis, "_save": "1"})
        assert response.status_code == 302
    events = AuditEvent.objects.filter(object_type="catalog.quotarule", object_id=str(rule.pk)).order_by("id")
    assert [e.changes for e in events] == [{"ratio": ["15", "10"]}, {"ratio": ["10", "12"]}]
    assert {e.actor_id for e in events} == {root.pk}
