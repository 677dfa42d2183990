from django.contrib import admin

from thidua.core.admin import DomainAdmin

from .models import (
    Achievement,
    AwardRecord,
    CollectiveRating,
    Discipline,
    Rating,
)


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
