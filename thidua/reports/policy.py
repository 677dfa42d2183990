"""Who sees the province-wide reports: the province board's officers (their own province) and
administrators (every province). Used by the report pages and the background jobs that make them."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.organizations.models import Province


def provinces_for(user) -> QuerySet[Province]:
    return Province.objects.for_user(user, "manage")
