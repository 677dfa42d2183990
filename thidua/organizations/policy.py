"""Who may see and keep organisation data (units, departments, staff, their records), on the one
scope model (accounts.scope): lists are ``Unit.objects.for_user`` / ``Staff.objects.for_user``; the
helpers below answer for one agency. The registrations' part is emulation.policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, VIEW, Scope, is_admin

from .models import BlockYear, Province, Staff, Unit

__all__ = [
    "can_govern", "can_manage_staff", "can_record_awards", "can_record_evaluation", "can_start_registration",
    "headed_block_years", "home_agency", "is_admin", "rules_province_for", "staff_for", "units_for",
]


def home_agency(user: Any) -> Unit | None:
    """The agency a user works for (a department's user works for its agency)."""
    if not user.is_authenticated or user.unit_id is None:
        return None
    return user.unit.agency


def headed_block_years(user: Any) -> QuerySet[BlockYear]:
    """Block-years whose head is the user's agency, when the user is that head's officer."""
    scope = Scope.of(user)
    if scope is None or not scope.block_head:
        return BlockYear.objects.none()
    return BlockYear.objects.filter(head_id=scope.agency_id)


def units_for(user: Any) -> QuerySet[Unit]:
    """Units whose organisation data (departments, staff) the user may see."""
    return Unit.objects.for_user(user, VIEW)


def staff_for(user: Any) -> QuerySet[Staff]:
    """Staff whose records (ratings, award history, eligibility) the user may see."""
    return Staff.objects.for_user(user, VIEW)


def can_start_registration(user: Any, unit: Unit) -> bool:
    """Only the agency's own emulation officer (or an administrator) opens its registration."""
    if is_admin(user):
        return True
    scope = Scope.of(user)
    return scope is not None and scope.agency_officer and scope.agency_id == unit.pk


def can_manage_staff(user: Any, agency: Unit) -> bool:
    """The agency's emulation officer keeps its departments and staff; the province board's officer
    may do it for every agency of the province (administrators too)."""
    if can_start_registration(user, agency):
        return True
    scope = Scope.of(user)
    return scope is not None and scope.province_board and scope.province_id == agency.province_id


def can_record_evaluation(user: Any, agency: Unit) -> bool:
    """Ratings, initiatives, discipline and collective ratings of an agency are kept by its own
    emulation officer (administrators too)."""
    return can_start_registration(user, agency)


def can_record_awards(user: Any, agency: Unit) -> bool:
    """Award history of an agency's people and collectives: its emulation officer (titles the agency
    decides) and the province board's officers (decisions of the province)."""
    if can_record_evaluation(user, agency):
        return True
    scope = Scope.of(user)
    return scope is not None and scope.province_board and scope.province_id == agency.province_id


def can_govern(user: Any, unit: Unit) -> bool:
    """May `user` rename, merge or split `unit`? (Unit.objects.for_user(user, "change"))"""
    return Unit.objects.allows(user, CHANGE, unit)


def rules_province_for(user: Any) -> Province | None:
    """The province whose own rules (quotas, criteria, coefficients, rounding) the user
    edits: a province board officer's province. Administrators edit every row; others none."""
    scope = Scope.of(user)
    if scope is None or scope.role != Role.PROVINCE_OFFICER or scope.province_id is None:
        return None
    return Province.objects.get(pk=scope.province_id)
