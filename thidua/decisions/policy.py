"""Who sees and does what with decisions (on the scope model, accounts.scope).

- An administrator: everything.
- The province board's officer: every decision of the province (any issuer in it); drafts, issues,
  corrects and revokes the decisions of the province's bodies (UBND tỉnh).
- Anyone of an agency: the agency's own decisions (and those of units it continues), and the issued
  decisions of other bodies that concern it (a line for its staff, itself or its departments, or an
  act amending such a decision). Its emulation officer drafts, issues, corrects and revokes the
  agency's own decisions.
"""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, is_admin
from thidua.organizations.models import Province, Unit, UnitKind
from thidua.organizations.policy import home_agency

from .models import Decision, DecisionKind, DecisionStatus

ACTIONS = ("view", "export", "edit", "issue", "correct", "revoke")


def decisions_for(user) -> QuerySet[Decision]:
    return Decision.objects.for_user(user, VIEW).select_related("issuer", "issuer__province")


def may_issue_for(user, issuer: Unit) -> bool:
    """May `user` draft and issue decisions in the name of `issuer`?"""
    if not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    agency = home_agency(user)
    if agency is None:
        return False
    if user.role == Role.PROVINCE_OFFICER:
        return issuer.kind == UnitKind.PROVINCE_BODY and issuer.province_id == agency.province_id
    return user.role == Role.AGENCY_OFFICER and issuer.kind == UnitKind.AGENCY and issuer.pk == agency.pk


def issuers_for(user) -> QuerySet[Unit]:
    """Bodies in whose name `user` may draft decisions (the same rule as may_issue_for)."""
    units = Unit.objects.filter(kind__in=[UnitKind.PROVINCE_BODY, UnitKind.AGENCY])
    if not user.is_authenticated:
        return units.none()
    if is_admin(user):
        return units
    agency = home_agency(user)
    if agency is None:
        return units.none()
    if user.role == Role.PROVINCE_OFFICER:
        return units.filter(kind=UnitKind.PROVINCE_BODY, province_id=agency.province_id)
    if user.role == Role.AGENCY_OFFICER:
        return units.filter(kind=UnitKind.AGENCY, pk=agency.pk)
    return units.none()


def can(user, action: str, decision: Decision) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not user.is_authenticated:
        return False
    if action in ("view", "export"):
        return Decision.objects.allows(user, VIEW, decision)
    if not may_issue_for(user, decision.issuer):
        return False
    if action in ("edit", "issue"):
        return decision.status == DecisionStatus.DRAFT
    # A revocation act is final; a correction or the award itself may be corrected or revoked.
    return decision.status == DecisionStatus.ISSUED and decision.kind != DecisionKind.REVOCATION


def layout_province(user) -> Province | None:
    """The province whose certificate print positions `user` adjusts: a province board officer's
    (its blanks are bought and printed by the province). Administrators pick any, others none."""
    if not user.is_authenticated or user.role != Role.PROVINCE_OFFICER:
        return None
    agency = home_agency(user)
    return agency.province if agency is not None else None


def may_edit_layout(user, province: Province) -> bool:
    if is_admin(user):
        return True
    own = layout_province(user)
    return own is not None and own.pk == province.pk
