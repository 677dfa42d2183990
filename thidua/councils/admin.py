from django.contrib import admin

from thidua.core.admin import DomainAdmin, DomainInline

from .models import Council, CouncilMember, Session


class MemberInline(DomainInline):
    model = CouncilMember
    extra = 0
    fields = ["full_name", "position", "role", "staff", "valid_from", "valid_to"]
    raw_id_fields = ["staff"]


@admin.register(Council)
class CouncilAdmin(DomainAdmin):
    list_display = ["name", "owner", "active_from", "active_to"]
    search_fields = ["name", "owner__name"]
    inlines = [MemberInline]


@admin.register(Session)
class SessionAdmin(DomainAdmin):
    """Read-only here: sessions, attendance and ballots change through the council pages."""

    list_display = ["council", "date", "year", "status", "minutes_number", "minutes_symbol"]
    list_filter = ["status", "year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
