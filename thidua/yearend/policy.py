"""Who sees and does what at the year end (on the scope model, accounts.scope).

- Ratings grid, individual registrations: the agency's emulation officer records
  (`policy.can_record_evaluation`); its leader and the province board see (`units_for`); others
  get 404.
- Nominations: the agency's people see the agency's nominations; its officer drafts them, the
  officer or the leader sends them and may withdraw them until they reach a council. The province
  board's officers see the province-level nominations sent by agencies of their province and
  appraise them (return single lines, return the dossier, accept it) and take them to the
  province's council; a unit-level nomination is appraised by the agency's own officer, the
  standing body of its council. Ballots go through `councils.policy.can_run`, the decision through
  `decisions.policy.may_issue_for`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, is_admin
from thidua.councils.models import Council
from thidua.councils.policy import can_run
from thidua.decisions.policy import may_issue_for
from thidua.organizations.models import Unit, UnitKind
from thidua.organizations.policy import can_record_evaluation, home_agency, units_for
from thidua.organizations.services import lineage_ids

from .models import Level, Nomination, NominationStatus

ACTIONS = ("view", "edit", "submit", "appraise", "council", "ballot", "decide", "withdraw")
WITHDRAWABLE = (NominationStatus.DRAFT, NominationStatus.SUBMITTED, NominationStatus.APPRAISED)


def agencies_for(user) -> QuerySet[Unit]:
    """Agencies whose year end (ratings, registrations, nominations, targets) `user` may see."""
    return units_for(user).filter(kind=UnitKind.AGENCY)


def can_edit_year_end(user, agency: Unit) -> bool:
    return can_record_evaluation(user, agency)


def nominations_for(user) -> QuerySet[Nomination]:
    return Nomination.objects.for_user(user, VIEW).select_related("unit", "unit__province")


def council_hears(council: Council, nomination: Nomination) -> bool:
    """Does `council` consider `nomination`? A province-level dossier goes to the council of a
    province body of the same province; a unit-level one to the agency's own council (or that of
    the unit it continues: lineage)."""
    owner = council.owner
    if nomination.level == Level.PROVINCE:
        return owner.kind == UnitKind.PROVINCE_BODY and owner.province_id == nomination.unit.province_id
    return owner.pk in lineage_ids(nomination.unit_id)


def _own_agency(user, nomination: Nomination) -> bool:
    agency = home_agency(user)
    return agency is not None and agency.pk == nomination.unit_id


def _appraiser(user, nomination: Nomination) -> bool:
    if is_admin(user):
        return True
    agency = home_agency(user)
    if agency is None:
        return False
    if nomination.level == Level.PROVINCE:
        return user.role == Role.PROVINCE_OFFICER and agency.province_id == nomination.unit.province_id
    return user.role == Role.AGENCY_OFFICER and agency.pk == nomination.unit_id


def can(user, action: str, nomination: Nomination) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not user.is_authenticated:
        return False
    status = nomination.status
    if action == "view":
        return nominations_for(user).filter(pk=nomination.pk).exists()
    if action == "edit":
        return status == NominationStatus.DRAFT and can_record_evaluation(user, nomination.unit)
    if action in ("submit", "withdraw"):
        allowed = (NominationStatus.DRAFT,) if action == "submit" else WITHDRAWABLE
        return status in allowed and (is_admin(user) or (
            user.role in (Role.AGENCY_OFFICER, Role.AGENCY_LEADER) and _own_agency(user, nomination)))
    if action == "appraise":
        return status == NominationStatus.SUBMITTED and _appraiser(user, nomination)
    if action == "council":
        return status == NominationStatus.APPRAISED and _appraiser(user, nomination)
    session = nomination.council_session
    if status != NominationStatus.COUNCIL or session is None:
        return False
    if action == "ballot":
        return can_run(user, session.council)
    return may_issue_for(user, session.council.owner)

