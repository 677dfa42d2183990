"""Who may see and do what. One place, used by pages, exports and commands alike: lists go through
the `*_for(user)` querysets, single objects through `can(user, action, obj)`."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from thidua.emulation.models import Registration, Status
from thidua.organizations.models import BlockYear, Province, Staff, Unit, UnitKind
from thidua.organizations.selectors import lineage_ids

from .models import Role, User
from .services import is_admin


def home_agency(user: User) -> Unit | None:
    """The agency a user works for (a department's user works for its agency)."""
    if not user.is_authenticated or user.unit_id is None:
        return None
    return user.unit.agency


def headed_block_years(user: User) -> QuerySet[BlockYear]:
    """Block-years whose head is the user's agency, when the user is that head's officer."""
    agency = home_agency(user)
    if agency is None or user.role != Role.BLOCK_OFFICER:
        return BlockYear.objects.none()
    return BlockYear.objects.filter(head=agency)


def registrations_for(user: User) -> QuerySet[Registration]:
    """Every registration the user may see."""
    qs = Registration.objects.select_related("unit", "unit__province")
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    agency = home_agency(user)
    if agency is None:
        return qs.none()
    if user.role == Role.PROVINCE_OFFICER:
        return qs.filter(unit__province_id=agency.province_id)
    visible = Q(unit_id__in=lineage_ids(agency.pk))  # its own, and those of units it continues
    if user.role == Role.BLOCK_OFFICER:
        # A member's registration of year Y is visible to the officer of the block's head in Y.
        visible |= Q(
            unit__block_memberships__block_year__head=agency,
            year=F("unit__block_memberships__block_year__year"),
        )
    return qs.filter(visible).distinct()


def units_for(user: User) -> QuerySet[Unit]:
    """Units whose organisation data (departments, staff) the user may see."""
    qs = Unit.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    agency = home_agency(user)
    if agency is None:
        return qs.none()
    if user.role == Role.PROVINCE_OFFICER:
        return qs.filter(province_id=agency.province_id)
    return qs.filter(Q(pk=agency.pk) | Q(parent=agency, kind=UnitKind.DEPARTMENT))


def _is_block_head_for(user: User, registration: Registration) -> bool:
    return headed_block_years(user).filter(year=registration.year, memberships__unit=registration.unit_id).exists()


def _is_own_agency(user: User, registration: Registration) -> bool:
    agency = home_agency(user)
    return agency is not None and agency.pk == registration.unit_id


def can(user: User, action: str, registration: Registration) -> bool:
    """May `user` do `action` (view, edit, submit, receive, return, export) to `registration`?"""
    if not user.is_authenticated:
        return False
    if action in ("view", "export"):
        return registrations_for(user).filter(pk=registration.pk).exists()
    admin = is_admin(user)
    if action == "edit":
        return registration.is_editable and (
            admin or (user.role == Role.AGENCY_OFFICER and _is_own_agency(user, registration))
        )
    if action == "submit":
        return registration.is_editable and (
            admin or (user.role in (Role.AGENCY_OFFICER, Role.AGENCY_LEADER) and _is_own_agency(user, registration))
        )
    if action == "receive":
        return registration.status == Status.SUBMITTED and (admin or _is_block_head_for(user, registration))
    if action == "return":
        return registration.status in (Status.SUBMITTED, Status.RECEIVED) and (
            admin or _is_block_head_for(user, registration)
        )
    raise ValueError(f"unknown action {action!r}")


def can_start_registration(user: User, unit: Unit) -> bool:
    """Only the agency's own emulation officer (or an administrator) opens its registration."""
    if is_admin(user):
        return True
    agency = home_agency(user)
    return user.role == Role.AGENCY_OFFICER and agency is not None and agency.pk == unit.pk


def can_manage_staff(user: User, agency: Unit) -> bool:
    """The agency's emulation officer keeps its departments and staff; the province board's officer
    may do it for every agency of the province (administrators too)."""
    if can_start_registration(user, agency):
        return True
    home = home_agency(user)
    return user.role == Role.PROVINCE_OFFICER and home is not None and home.province_id == agency.province_id


# --- evaluation: people's records, award history and the province's own rules ---------------


def staff_for(user: User) -> QuerySet[Staff]:
    """Staff whose records (ratings, award history, eligibility) the user may see: the staff of the
    agencies whose organisation data the user may see."""
    if not user.is_authenticated:
        return Staff.objects.none()
    return Staff.objects.filter(agency_id__in=units_for(user).filter(kind=UnitKind.AGENCY).values("pk"))


def can_record_evaluation(user: User, agency: Unit) -> bool:
    """Ratings, initiatives, discipline and collective ratings of an agency are kept by its own
    emulation officer (administrators too)."""
    return can_start_registration(user, agency)


def can_record_awards(user: User, agency: Unit) -> bool:
    """Award history of an agency's people and collectives: its emulation officer (titles the agency
    decides) and the province board's officers (decisions of the province)."""
    if can_record_evaluation(user, agency):
        return True
    home = home_agency(user)
    return user.role == Role.PROVINCE_OFFICER and home is not None and home.province_id == agency.province_id


def rules_province_for(user: User) -> Province | None:
    """The province whose own rules (quotas, criteria, coefficients, rounding) the user
    edits: a province board officer's province. Administrators edit every row; others none."""
    if not user.is_authenticated or user.role != Role.PROVINCE_OFFICER:
        return None
    home = home_agency(user)
    return home.province if home is not None else None
