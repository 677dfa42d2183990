"""Who may see and do what with registrations: lists through ``Registration.objects.for_user``
(accounts.scope; the rule is written once, in emulation.models.RegistrationQuerySet), single
objects through ``can(user, action, registration)``, which adds what depends on the status."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, Scope, is_admin
from thidua.organizations.policy import headed_block_years

from .models import Registration, Status

ACTIONS = ("view", "export", "edit", "submit", "receive", "return")


def registrations_for(user: Any) -> QuerySet[Registration]:
    """Every registration the user may see."""
    return Registration.objects.for_user(user, VIEW).select_related("unit", "unit__province")


def _is_block_head_for(user: Any, registration: Registration) -> bool:
    return headed_block_years(user).filter(year=registration.year, memberships__unit=registration.unit_id).exists()


def _is_own_agency(user: Any, registration: Registration) -> bool:
    scope = Scope.of(user)
    return scope is not None and scope.agency_id == registration.unit_id


def can(user: Any, action: str, registration: Registration) -> bool:
    """May `user` do `action` (view, edit, submit, receive, return, export) to `registration`?"""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not user.is_authenticated:
        return False
    if action in ("view", "export"):
        return Registration.objects.allows(user, VIEW, registration)
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
    # return
    return registration.status in (Status.SUBMITTED, Status.RECEIVED) and (
        admin or _is_block_head_for(user, registration)
    )
