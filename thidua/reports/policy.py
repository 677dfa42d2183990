"""Who sees the province-wide reports: the province board's officers (their own province) and
administrators (every province). Used by the report pages and the background jobs that make them."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.policy import home_agency, is_admin
from thidua.organizations.models import Province


def provinces_for(user) -> QuerySet[Province]:
    if is_admin(user):
        return Province.objects.all()
    agency = home_agency(user)
    if agency is None or user.role != Role.PROVINCE_OFFICER:
        return Province.objects.none()
    return Province.objects.filter(pk=agency.province_id)
