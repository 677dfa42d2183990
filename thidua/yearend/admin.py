"""Read-only views of the year end's records for administrators: nominations are written through
their pages (services), which check who may do what and record every step."""

from django.contrib import admin

from thidua.core.admin import ReadOnlyUnlessSuperuser

from .models import IndividualRegistration, Nomination, NominationEvent, NominationLine


class ReadOnly(ReadOnlyUnlessSuperuser):
    """Stricter than the rule of core.admin: read-only for superusers too."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LineInline(ReadOnly, admin.TabularInline):
    model = NominationLine
    extra = 0
    fields = ["position", "staff", "unit", "code", "status", "return_reason", "candidate", "decision_line"]
    readonly_fields = fields


class EventInline(ReadOnly, admin.TabularInline):
    model = NominationEvent
    extra = 0
    fields = ["at", "action", "from_status", "to_status", "actor", "line", "reason"]
    readonly_fields = fields


@admin.register(Nomination)
class NominationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "level", "status", "number", "symbol", "doc_date"]
    list_filter = ["status", "level", "year"]
    search_fields = ["unit__name", "title"]
    inlines = [LineInline, EventInline]


@admin.register(IndividualRegistration)
class IndividualRegistrationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["staff", "year", "code", "updated_at"]
    list_filter = ["year", "code"]
    search_fields = ["staff__full_name"]
