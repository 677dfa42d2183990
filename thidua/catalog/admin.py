from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.accounts.policy import is_admin, rules_province_for

from .models import AwardType, BaseSalary, ProvinceSetting, QuotaRule, RewardCoefficient, RuleSet


class ProvinceRuleAdmin(SimpleHistoryAdmin):
    """Rules with a national row and province overrides. Administrators edit every row; a province
    board officer (policy.rules_province_for) sees the national rows read-only and adds, edits and
    deletes only rows of their own province — so a province sets its quota, rounding, criteria or
    coefficients itself, and the pages follow at once."""

    province_field = "province"

    def _province(self, request):
        return None if is_admin(request.user) else rules_province_for(request.user)

    def _may_use(self, request) -> bool:
        return self._province(request) is not None

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._may_use(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._may_use(request)

    def has_add_permission(self, request):
        return super().has_add_permission(request) or self._may_use(request)

    def _own(self, request, obj) -> bool:
        province = self._province(request)
        return province is not None and (obj is None or getattr(obj, f"{self.province_field}_id") == province.pk)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or self._own(request, obj)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        province = self._province(request)
        if province is None or request.user.has_perm(f"{self.opts.app_label}.change_{self.opts.model_name}"):
            return qs
        return qs.filter(**{f"{self.province_field}__isnull": True}) | qs.filter(**{self.province_field: province})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        province = self._province(request)
        if db_field.name == self.province_field and province is not None:
            kwargs["queryset"] = type(province).objects.filter(pk=province.pk)
            kwargs["initial"] = province.pk
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        province = self._province(request)
        if province is not None and not request.user.has_perm(f"{self.opts.app_label}.change_{self.opts.model_name}"):
            setattr(obj, self.province_field, province)
        super().save_model(request, obj, form, change)


@admin.register(AwardType)
class AwardTypeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "subject", "level", "position", "active"]
    list_filter = ["kind", "subject", "active"]
    search_fields = ["code", "name"]


@admin.register(RuleSet)
class RuleSetAdmin(SimpleHistoryAdmin):
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
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ["amount", "valid_from", "valid_to", "confirmed", "basis"]


@admin.register(ProvinceSetting)
class ProvinceSettingAdmin(ProvinceRuleAdmin):
    list_display = ["province", "quota_rounding"]

    def get_queryset(self, request):
        qs = SimpleHistoryAdmin.get_queryset(self, request)
        province = self._province(request)
        if province is None or request.user.has_perm("catalog.change_provincesetting"):
            return qs
        return qs.filter(province=province)
