from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AwardType, BaseSalary, ProvinceSetting, QuotaRule, RewardCoefficient, RuleSet


@admin.register(AwardType)
class AwardTypeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "subject", "level", "position", "active"]
    list_filter = ["kind", "subject", "active"]
    search_fields = ["code", "name"]


@admin.register(RuleSet)
class RuleSetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "valid_from", "valid_to"]


@admin.register(QuotaRule)
class QuotaRuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "base_code", "ratio", "rounding", "rule_set", "province", "valid_from", "valid_to", "basis"]
    list_filter = ["rule_set", "province"]


@admin.register(RewardCoefficient)
class RewardCoefficientAdmin(SimpleHistoryAdmin):
    list_display = ["code", "subject", "coefficient", "rule_set", "valid_from", "valid_to", "basis"]
    list_filter = ["rule_set", "subject"]
    search_fields = ["code"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ["amount", "valid_from", "valid_to", "confirmed", "basis"]


@admin.register(ProvinceSetting)
class ProvinceSettingAdmin(SimpleHistoryAdmin):
    list_display = ["province", "quota_rounding"]
