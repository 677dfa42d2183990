"""Who sees and runs which council (on the scope model, accounts.scope).

- An administrator: every council.
- The province board's officer: every council of the province (its agencies' too, to read the
  minutes sent in dossiers); runs the province's own council (owned by a province body).
- Anyone of an agency: the agency's council (and those of the units it continues); its emulation
  officer, who is the council's secretary in practice, runs it.
"""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, is_admin
from thidua.organizations.models import UnitKind
from thidua.organizations.policy import home_agency

from .models import Council, Session


def councils_for(user) -> QuerySet[Council]:
    return Council.objects.for_user(user, VIEW).select_related("owner", "owner__province")


def sessions_for(user) -> QuerySet[Session]:
    return Session.objects.for_user(user, VIEW).select_related("council", "council__owner", "rule_set")


def can_run(user, council: Council) -> bool:
    """May `user` set up the council, its sessions, attendance and ballots?"""
    if not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    agency = home_agency(user)
    if agency is None:
        return False
    owner = council.owner
    if user.role == Role.PROVINCE_OFFICER:
        return owner.kind == UnitKind.PROVINCE_BODY and owner.province_id == agency.province_id
    return user.role == Role.AGENCY_OFFICER and owner.pk == agency.pk
