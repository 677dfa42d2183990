"""The admin is a window, not a door: domain data is read-only there for everyone but superusers.

Writes go through the product's pages and services, which check the actor's scope, validate, keep
versions and record the audit row; an admin form does none of that. django-simple-history's
"revert" form (`history_form_view`) checks only the *view* permission before saving, so it is shut
for the same people: a GET shows the old version, a POST is refused."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin


def may_write_in_admin(request: HttpRequest) -> bool:
    """Only a superuser writes domain data in the admin (a repair tool, not a product path)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_superuser)


class ReadOnlyUnlessSuperuser:
    """Mixin for ModelAdmin and inlines: add, change and delete only for superusers."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return may_write_in_admin(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_write_in_admin(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_write_in_admin(request) and super().has_delete_permission(request, obj)


class DomainAdmin(ReadOnlyUnlessSuperuser, admin.ModelAdmin):
    """A domain model without field history."""


class DomainHistoryAdmin(ReadOnlyUnlessSuperuser, SimpleHistoryAdmin):
    """A domain model with django-simple-history: its history is readable, never revertible
    except by a superuser."""

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return not may_write_in_admin(request) or super().revert_disabled(request, obj)

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str,
                          extra_context: dict | None = None) -> HttpResponse:
        if request.method != "GET" and not may_write_in_admin(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class DomainInline(ReadOnlyUnlessSuperuser, admin.TabularInline):
    """An inline of a domain model (same rule as its parent)."""
