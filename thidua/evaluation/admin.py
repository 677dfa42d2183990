from django import forms
from django.contrib import admin

from thidua.catalog.admin import ProvinceRuleAdmin
from thidua.core.admin import DomainAdmin

from . import criteria as criteria_fields
from .models import (
    Achievement,
    AwardRecord,
    CollectiveRating,
    CriteriaSetting,
    Discipline,
    Rating,
)


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


@admin.register(Rating)
class RatingAdmin(DomainAdmin):
    list_display = ["staff", "year", "rating"]
    list_filter = ["year", "rating", "staff__agency"]
    search_fields = ["staff__full_name", "staff__name_folded"]
    raw_id_fields = ["staff"]


@admin.register(CollectiveRating)
class CollectiveRatingAdmin(DomainAdmin):
    list_display = ["unit", "year", "rating"]
    list_filter = ["year", "rating"]
    raw_id_fields = ["unit"]


@admin.register(Achievement)
class AchievementAdmin(DomainAdmin):
    list_display = ["title", "staff", "year", "kind", "scope", "recognised_by", "recognised_on"]
    list_filter = ["year", "kind", "scope"]
    search_fields = ["title", "staff__full_name"]
    raw_id_fields = ["staff"]


@admin.register(Discipline)
class DisciplineAdmin(DomainAdmin):
    list_display = ["staff", "year", "form", "decided_on", "decision_number"]
    list_filter = ["year", "form"]
    raw_id_fields = ["staff"]


@admin.register(AwardRecord)
class AwardRecordAdmin(DomainAdmin):
    list_display = ["code", "year", "staff", "unit", "decision_number", "awarded_on", "issuer"]
    list_filter = ["year", "code"]
    search_fields = ["decision_number", "staff__full_name", "unit__name"]
    raw_id_fields = ["staff", "unit"]
