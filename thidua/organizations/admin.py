from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Block, BlockMembership, BlockYear, Province, Staff, Unit, UnitName, UnitSuccession


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "parent_body"]


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "parent", "province", "active_from", "active_to"]
    list_filter = ["kind", "province"]
    search_fields = ["code", "name"]
    inlines = [UnitNameInline]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "date"]


class MembershipInline(admin.TabularInline):
    model = BlockMembership
    extra = 0


@admin.register(Block)
class BlockAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "province"]


@admin.register(BlockYear)
class BlockYearAdmin(SimpleHistoryAdmin):
    list_display = ["block", "year", "head", "deputy"]
    inlines = [MembershipInline]


@admin.register(Staff)
class StaffAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "agency", "department", "position", "kind", "active_from", "active_to"]
    list_filter = ["kind", "agency"]
    search_fields = ["full_name"]
