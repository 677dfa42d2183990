"""Regression tests for issue 10's first hole: the admin was a second write path.

django-simple-history's revert form (`history_form_view`) checked only the view permission and
saved what was posted, so a province board officer could rewrite — and move into their own
province — the national quota. Domain models are now read-only in the admin for everyone but
superusers, and the revert form refuses every POST from them."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from thidua.catalog.models import QuotaRule
from thidua.core.admin import DomainHistoryAdmin, ReadOnlyUnlessSuperuser
from thidua.organizations.models import Province

pytestmark = pytest.mark.django_db

# Registered admins that are not domain data: logins, Word templates, a user's own notifications,
# Django's and django-axes' own tables. Everything else must be read-only for non-superusers.
NOT_DOMAIN = {"accounts.user", "auth.group", "documents.documenttemplate", "notifications.notification"}
NOT_DOMAIN_APPS = {"axes", "django_tasks_database"}


def _revert_post(quota: QuotaRule, **changes) -> dict:
    data = {"rule_set": quota.rule_set_id, "code": quota.code, "base_code": quota.base_code,
            "ratio": "1", "rounding": "down", "valid_from": quota.valid_from.strftime("%d/%m/%Y"),
            "valid_to": "", "basis": "sửa qua lịch sử", "_change_history": "1"}
    data.update(changes)
    return data


def _history_url(quota: QuotaRule) -> str:
    if not quota.history.exists():
        quota.save()  # the catalog is loaded without history rows; an edit makes the first version
    version = quota.history.order_by("history_id").first()
    return reverse("admin:catalog_quotarule_simple_history", args=[quota.pk, version.history_id])


def test_the_history_revert_of_the_national_quota_by_a_province_officer_is_refused(client, users):
    officer = users["bantdkt"]
    national = QuotaRule.objects.get(code="CSTDCS", province__isnull=True)
    before = (national.ratio, national.province_id, national.rounding)
    client.force_login(officer)
    url = _history_url(national)
    assert client.get(url).status_code == 200  # the old version may be read
    response = client.post(url, _revert_post(national, province=officer.unit.province_id))
    assert response.status_code == 403
    national.refresh_from_db()
    assert (national.ratio, national.province_id, national.rounding) == before
    assert QuotaRule.objects.filter(code="CSTDCS").count() == 1


def test_the_history_revert_of_another_province_quota_by_a_province_officer_is_refused(client, users):
    officer = users["bantdkt"]
    national = QuotaRule.objects.get(code="CSTDCS", province__isnull=True)
    other = Province.objects.create(code="BK", name="Bắc Kạn")
    theirs = QuotaRule.objects.create(rule_set=national.rule_set, province=other, code="CSTDCS",
                                      base_code="LDTT", ratio=Decimal("20"), rounding="down",
                                      valid_from=national.valid_from, basis="Quyết định của UBND tỉnh Bắc Kạn")
    client.force_login(officer)
    response = client.post(_history_url(theirs), _revert_post(theirs, province=officer.unit.province_id))
    assert response.status_code in (403, 404)
    theirs.refresh_from_db()
    assert (theirs.ratio, theirs.province_id) == (Decimal("20"), other.pk)


def test_a_superuser_may_still_repair_a_row_through_the_history_form(client, users):
    national = QuotaRule.objects.get(code="CSTDCS", province__isnull=True)
    client.force_login(users["admin"])
    response = client.post(_history_url(national), _revert_post(national, ratio="15", rounding=national.rounding))
    assert response.status_code == 302


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
    if isinstance(model_admin, DomainHistoryAdmin):
        assert model_admin.revert_disabled(request)
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
