from django.contrib import admin

from thidua.core.admin import DomainAdmin, DomainInline

from .models import Movement, RegisteredMovement, Registration, RegistrationEvent, Solution, Target


class TargetInline(DomainInline):
    model = Target
    extra = 0
    fields = ["position", "award_type", "label", "note", "collective_count", "collective_ratio",
              "individual_count", "individual_ratio"]


class SolutionInline(DomainInline):
    model = Solution
    extra = 0


class RegisteredMovementInline(DomainInline):
    model = RegisteredMovement
    extra = 0


class EventInline(DomainInline):
    model = RegistrationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "actor", "at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(DomainAdmin):
    list_display = ["unit", "year", "status", "updated_at"]
    list_filter = ["year", "status"]
    search_fields = ["unit__name", "unit__code"]
    readonly_fields = ["status", "version"]
    inlines = [SolutionInline, RegisteredMovementInline, TargetInline, EventInline]


@admin.register(Movement)
class MovementAdmin(DomainAdmin):
    list_display = ["name", "launched_by", "kind", "start_date", "end_date"]
    list_filter = ["kind"]
    search_fields = ["name"]
