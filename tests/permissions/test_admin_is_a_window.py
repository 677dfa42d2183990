"""Regression tests for issue 10's first hole: the admin was a second write path.

django-simple-history's revert form (`history_form_view`) checked only the view permission and
saved what was posted, so a province board officer could rewrite — and move into their own
province — the national quota. Domain models are now read-only in the admin for everyone but
superusers, django-simple-history is gone (one audit trail), and a superuser's repair is recorded."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from thidua.audit.models import AuditEvent
from thidua.catalog.models import QuotaRule
from thidua.core.admin import ReadOnlyUnlessSuperuser
from thidua.organizations.models import Province

pytestmark = pytest.mark.django_db

# Registered admins that are not domain data: logins, Word templates, a user's own notifications,
# Django's and django-axes' own tables. Everything else must be read-only for non-superusers.
NOT_DOMAIN = {"accounts.user", "auth.group", "documents.documenttemplate", "notifications.notification"}
NOT_DOMAIN_APPS = {"axes", "django_tasks_database"}


def _quota_post(quota: QuotaRule, **changes) -> dict:
    data = {"rule_set": quota.rule_set_id, "code": quota.code, "base_code": quota.base_code,
            "ratio": "1", "rounding": "down", "valid_from": quota.valid_from.strftime("%d/%m/%Y"),
            "valid_to": "", "basis": "sửa qua lịch sử", "_save": "1"}
    data.update(changes)
    return data


def test_the_history_revert_form_is_gone_and_a_post_to_its_old_address_changes_nothing(client, users):
    """django-simple-history (and its revert form) is removed: the one audit trail replaced it."""
    officer = users["bantdkt"]
    national = QuotaRule.objects.get(code="CSTDCS", province__isnull=True)
    before = (national.ratio, national.province_id, national.rounding)
    with pytest.raises(NoReverseMatch):
        reverse("admin:catalog_quotarule_simple_history", args=[national.pk, 1])
    client.force_login(officer)
    url = f"/admin/catalog/quotarule/{national.pk}/history/1/"
    response = client.post(url, _quota_post(national, province=officer.unit.province_id))
    assert response.status_code in (302, 403, 404)  # the admin's catch-all sends it to the read-only page
    national.refresh_from_db()
    assert (national.ratio, national.province_id, national.rounding) == before
    assert QuotaRule.objects.filter(code="CSTDCS").count() == 1


def test_a_province_officer_cannot_change_another_province_quota_in_the_admin(client, users):
    officer = users["bantdkt"]
    national = QuotaRule.objects.get(code="CSTDCS", province__isnull=True)
    other = Province.objects.create(code="BK", name="Bắc Kạn")
    theirs = QuotaRule.objects.create(rule_set=national.rule_set, province=other, code="CSTDCS",
                                      base_code="LDTT", ratio=Decimal("20"), rounding="down",
                                      valid_from=national.valid_from, basis="Quyết định của UBND tỉnh Bắc Kạn")
    client.force_login(officer)
    url = reverse("admin:catalog_quotarule_change", args=[theirs.pk])
    response = client.post(url, _quota_post(theirs, province=officer.unit.province_id))
    assert response.status_code in (302, 403, 404)  # the admin answers a read-only form with a redirect
    theirs.refresh_from_db()
    assert (theirs.ratio, theirs.province_id) == (Decimal("20"), other.pk)


def test_a_superuser_repair_in_the_admin_is_in_the_audit_trail_with_before_and_after(client, users):
    national = QuotaRule.objects.get(code="CSTDCS", province__isnull=True)
    client.force_login(users["admin"])
    url = reverse("admin:catalog_quotarule_change", args=[national.pk])
    response = client.post(url, _quota_post(national, ratio="16", rounding=national.rounding))
    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="catalog.quotarule", object_id=str(national.pk))
    assert event.actor == users["admin"] and event.action == "admin.update"
    assert event.changes["ratio"] == ["15", "16"]
    assert not LogEntry.objects.exists()  # one trail: not Django's admin log as well
    history = client.get(reverse("admin:catalog_quotarule_history", args=[national.pk]))
    assert history.status_code == 302 and reverse("audit_log") in history["Location"]


def _domain_admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.label_lower not in NOT_DOMAIN and model._meta.app_label not in NOT_DOMAIN_APPS]


@pytest.mark.parametrize("model", [m for m, _ in _domain_admins()], ids=lambda m: m._meta.label_lower)
def test_every_domain_model_is_read_only_in_the_admin_for_a_non_superuser_with_every_permission(
        model, rf, users):
    """Even a staff user holding every model permission (the Role.ADMIN kind without superuser)
    adds, changes and deletes nothing in the admin; only a superuser does."""
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, ReadOnlyUnlessSuperuser)
    staff = users["bantdkt"]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.all())
    staff = type(staff).objects.get(pk=staff.pk)  # fresh permission cache
    request = rf.get("/")
    request.user = staff
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    for inline in model_admin.get_inline_instances(request):
        assert not inline.has_add_permission(request, None) and not inline.has_change_permission(request)
    request.user = users["admin"]
    assert model_admin.has_view_permission(request)


def test_an_admin_post_to_change_a_registration_by_a_non_superuser_is_refused(client, users, seed_registration):
    staff = users["bantdkt"]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="emulation"))
    client.force_login(staff)
    before = seed_registration.version
    url = reverse("admin:emulation_registration_change", args=[seed_registration.pk])
    response = client.post(url, {"unit": seed_registration.unit_id, "year": 2030})
    assert response.status_code == 403
    seed_registration.refresh_from_db()
    assert (seed_registration.year, seed_registration.version) == (2022, before)
