"""The admin is a window, not a door: domain data is read-only there for everyone but superusers.

Writes go through the product's pages and services, which check the actor's scope, validate, keep
versions and record the audit row; an admin form does none of that. A superuser's repair in the
admin is still recorded in the one audit trail (`audit.AuditEvent`, with the fields' before and
after) instead of Django's own admin log, and an object's «history» link in the admin opens the
audit page on that object."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from thidua.audit.services import audit_record, snapshot, stored_snapshot


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
    """A domain model in the admin: its writes (superusers only) go to the audit trail."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = stored_snapshot(obj)
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="admin.update" if change else "admin.create", obj=obj,
                     summary=f"Sửa trong trang quản trị: {obj}"[:300], before=before)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        befores = {id(f.instance): stored_snapshot(f.instance) for f in formset.forms if f.instance.pk}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects + [o for o, _ in formset.changed_objects]:
            audit_record(actor=request.user, action="admin.update", obj=obj, before=befores.get(id(obj), {}),
                         summary=f"Sửa trong trang quản trị: {obj}"[:300])
        for obj in formset.deleted_objects:
            audit_record(actor=request.user, action="admin.delete", obj=obj, before=snapshot(obj), after={},
                         summary=f"Xóa trong trang quản trị: {obj}"[:300])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_record(actor=request.user, action="admin.delete", obj=obj, before=snapshot(obj), after={},
                     summary=f"Xóa trong trang quản trị: {obj}"[:300])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            audit_record(actor=request.user, action="admin.delete", obj=obj, before=snapshot(obj), after={},
                         summary=f"Xóa trong trang quản trị: {obj}"[:300])
        super().delete_queryset(request, queryset)

    # One trail: Django's admin log (LogEntry) is not written for domain models.
    def log_addition(self, *args: Any, **kwargs: Any) -> None:
        return None

    def log_change(self, *args: Any, **kwargs: Any) -> None:
        return None

    def log_deletion(self, *args: Any, **kwargs: Any) -> None:
        return None

    def log_deletions(self, *args: Any, **kwargs: Any) -> None:
        return None

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None
                     ) -> HttpResponse:
        """The object's history is the audit trail's page, filtered on it (which checks who may read)."""
        query = urlencode({"kind": self.model._meta.label_lower, "object": object_id})
        return HttpResponseRedirect(f"{reverse('audit_log')}?{query}")


class DomainInline(ReadOnlyUnlessSuperuser, admin.TabularInline):
    """An inline of a domain model (same rule as its parent; its writes are audited by the parent's
    `save_formset`)."""
