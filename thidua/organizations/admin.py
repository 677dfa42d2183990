from django.contrib import admin

from thidua.core.admin import DomainAdmin, DomainInline

from .models import Block, BlockMembership, BlockYear, Province, Staff, Unit, UnitName, UnitSuccession


@admin.register(Province)
class ProvinceAdmin(DomainAdmin):
    list_display = ["code", "name", "parent_body"]


class UnitNameInline(DomainInline):
    model = UnitName
    extra = 0


@admin.register(Unit)
class UnitAdmin(DomainAdmin):
    list_display = ["code", "name", "kind", "parent", "province", "active_from", "active_to"]
    list_filter = ["kind", "province"]
    search_fields = ["code", "name"]
    inlines = [UnitNameInline]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(DomainAdmin):
    list_display = ["predecessor", "successor", "kind", "date"]


class MembershipInline(DomainInline):
    model = BlockMembership
    extra = 0


@admin.register(Block)
class BlockAdmin(DomainAdmin):
    list_display = ["code", "name", "kind", "province"]


@admin.register(BlockYear)
class BlockYearAdmin(DomainAdmin):
    list_display = ["block", "year", "head", "deputy"]
    inlines = [MembershipInline]


@admin.register(Staff)
class StaffAdmin(DomainAdmin):
    list_display = ["full_name", "agency", "department", "position", "kind", "active_from", "active_to"]
    list_filter = ["kind", "agency"]
    search_fields = ["full_name"]
