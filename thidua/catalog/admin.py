from django import forms
from django.contrib import admin

from thidua.accounts.scope import is_admin
from thidua.core.admin import DomainAdmin
from thidua.organizations.policy import rules_province_for

from . import criteria as criteria_fields
from .models import (
    AwardType,
    BaseSalary,
    CriteriaSetting,
    ProvinceSetting,
    QuotaRule,
    RewardCoefficient,
    RuleSet,
    VoteThreshold,
)


class ProvinceRuleAdmin(DomainAdmin):
    """Rules with a national row and province overrides, read-only here (superusers aside): a
    province board officer (policy.rules_province_for) sees the national rows and their own
    province's, and changes them through the product's pages, which check the province."""

    province_field = "province"

    def _province(self, request):
        return None if is_admin(request.user) else rules_province_for(request.user)

    def _may_use(self, request) -> bool:
        return self._province(request) is not None

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._may_use(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._may_use(request)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        province = self._province(request)
        if province is None:
            return qs
        return qs.filter(**{f"{self.province_field}__isnull": True}) | qs.filter(**{self.province_field: province})


@admin.register(AwardType)
class AwardTypeAdmin(DomainAdmin):
    list_display = ["code", "name", "kind", "subject", "level", "position", "active"]
    list_filter = ["kind", "subject", "active"]
    search_fields = ["code", "name"]


@admin.register(RuleSet)
class RuleSetAdmin(DomainAdmin):
    list_display = ["code", "name", "valid_from", "valid_to"]


@admin.register(QuotaRule)
class QuotaRuleAdmin(ProvinceRuleAdmin):
    list_display = ["code", "base_code", "ratio", "rounding", "rule_set", "province", "valid_from", "valid_to", "basis"]
    list_filter = ["rule_set", "province"]


@admin.register(RewardCoefficient)
class RewardCoefficientAdmin(ProvinceRuleAdmin):
    list_display = ["code", "subject", "coefficient", "rule_set", "province", "valid_from", "valid_to", "basis"]
    list_filter = ["rule_set", "subject", "province"]
    search_fields = ["code"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(DomainAdmin):
    list_display = ["amount", "valid_from", "valid_to", "confirmed", "basis"]


@admin.register(ProvinceSetting)
class ProvinceSettingAdmin(ProvinceRuleAdmin):
    list_display = ["province", "quota_rounding", "public_results"]

    def get_queryset(self, request):
        qs = DomainAdmin.get_queryset(self, request)
        province = self._province(request)
        if province is None:
            return qs
        return qs.filter(province=province)


class CriteriaSettingForm(forms.ModelForm):
    key = forms.ChoiceField(label="Tiêu chí", choices=criteria_fields.choices)

    class Meta:
        model = CriteriaSetting
        fields = ["rule_set", "province", "key", "value", "valid_from", "valid_to", "basis"]


@admin.register(CriteriaSetting)
class CriteriaSettingAdmin(ProvinceRuleAdmin):
    """Thresholds of the eligibility rules per rule set; a province's row overrides the national one.
    The value is checked against the type of the criterion (model clean())."""

    form = CriteriaSettingForm
    list_display = ["label", "key", "value", "default", "rule_set", "province", "valid_from", "valid_to", "basis"]
    list_filter = ["rule_set", "province", "key"]
    search_fields = ["key", "value", "basis"]

    @admin.display(description="tiêu chí")
    def label(self, obj):
        return criteria_fields.label(obj.key)

    @admin.display(description="mặc định")
    def default(self, obj):
        return criteria_fields.default_text(obj.key) if obj.key in criteria_fields.KEYS else ""


@admin.register(VoteThreshold)
class VoteThresholdAdmin(ProvinceRuleAdmin):
    """When a council's ballot passes, per rule set and level; a province's row overrides the national one."""

    list_display = ["rule_set", "province", "level", "codes", "quorum_numerator", "quorum_denominator",
                    "approval_numerator", "approval_denominator", "approval_base", "valid_from", "valid_to", "basis"]
    list_filter = ["rule_set", "level", "province"]
