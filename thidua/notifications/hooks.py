"""Who hears about what: the recipients the apps' services notify (through `transaction.on_commit`),
never from signals. Each event is told by the app it belongs to (a registration sent or returned:
emulation.services), since those apps sit above this one in the apps' order."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.accounts.models import Role, User
from thidua.organizations.models import BlockYear


def agency_users(unit_ids, roles=(Role.AGENCY_OFFICER, Role.AGENCY_LEADER, Role.BLOCK_OFFICER)) -> QuerySet[User]:
    """Users working for these agencies (or their departments) in these roles."""
    ids = list(unit_ids)
    return User.objects.filter(Q(unit_id__in=ids) | Q(unit__parent_id__in=ids), role__in=roles, is_active=True)


def block_head_officers(unit_id: int, year: int) -> QuerySet[User]:
    """Officers of the agency heading, in `year`, a block the unit belongs to."""
    heads = BlockYear.objects.filter(year=year, memberships__unit_id=unit_id).values_list("head_id", flat=True)
    return User.objects.filter(unit_id__in=list(heads), role=Role.BLOCK_OFFICER, is_active=True)


def province_officers(province_id: int) -> QuerySet[User]:
    return User.objects.filter(unit__province_id=province_id, role=Role.PROVINCE_OFFICER, is_active=True)
