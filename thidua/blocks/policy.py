"""Who may see and do what with a block's year. Built on accounts.scope and organizations.policy (roles,
home agency, the block-years a user's agency heads) so pages, exports and commands share one answer.

- province officers manage the blocks of their province and see every block desk read-only;
- the block head's officer (and an administrator) runs the desk: consolidation, compact and
  scoring table, the scoring matrix, agreed scores, publishing and proposals;
- a member agency's officer, leader (and the head's officer, whose agency is a member too) score
  for their own agency; they see their own scorecards (drafts included), never another member's
  draft, and the block's agreed results only once the head has published them."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.accounts.models import Role, User
from thidua.accounts.scope import VIEW, is_admin
from thidua.emulation.models import Movement
from thidua.organizations.models import BlockYear, Province, Unit
from thidua.organizations.policy import headed_block_years, home_agency

SCORING_ROLES = (Role.AGENCY_OFFICER, Role.AGENCY_LEADER, Role.BLOCK_OFFICER)


def block_years_for(user: User) -> QuerySet[BlockYear]:
    """Every block-year the user may open."""
    return BlockYear.objects.for_user(user, VIEW).select_related("block", "head", "deputy")


def can_manage_blocks(user: User, province: Province | None = None) -> bool:
    """Set up blocks, their years and members; launch movements (the province board)."""
    if is_admin(user):
        return True
    agency = home_agency(user)
    return (user.is_authenticated and user.role == Role.PROVINCE_OFFICER and agency is not None
            and (province is None or agency.province_id == province.pk))


def creating_province(user: User) -> Province | None:
    """The province in which the user creates blocks and launches movements: their own, when they
    manage its blocks. None for everyone else, including an administrator without a unit (they set
    up existing blocks, but a new block or movement needs a province), so no page offers it to them."""
    agency = home_agency(user)
    if agency is None or not can_manage_blocks(user, agency.province):
        return None
    return agency.province


def is_head_officer(user: User, block_year: BlockYear) -> bool:
    return is_admin(user) or headed_block_years(user).filter(pk=block_year.pk).exists()


def member_unit(user: User, block_year: BlockYear) -> Unit | None:
    """The member agency the user scores for in this block-year, if any."""
    agency = home_agency(user)
    if agency is None or user.role not in SCORING_ROLES:
        return None
    return agency if block_year.memberships.filter(unit=agency).exists() else None


def can(user: User, action: str, block_year: BlockYear) -> bool:
    """actions: view, desk (consolidation, matrix, ranking before publication), run (the head's
    writes), setup (the province's writes), score (for one's own agency), results."""
    if not user.is_authenticated:
        return False
    if action == "view":
        return block_years_for(user).filter(pk=block_year.pk).exists()
    if action == "setup":
        return can_manage_blocks(user, block_year.block.province)
    if action == "run":
        return is_head_officer(user, block_year)
    if action == "desk":
        return is_head_officer(user, block_year) or can_manage_blocks(user, block_year.block.province)
    if action == "score":
        return member_unit(user, block_year) is not None
    if action == "results":
        if can(user, "desk", block_year):
            return True
        review = getattr(block_year, "review", None)  # a missing review raises AttributeError too
        return bool(review and review.is_published and can(user, "view", block_year))
    raise ValueError(f"unknown action {action!r}")


def may(user: User, block_year: BlockYear) -> dict[str, bool]:
    return {a: can(user, a, block_year) for a in ("view", "desk", "run", "setup", "score", "results")}


def movements_for(user: User):
    """Movements launched downward that the user may open: the province board sees its province's,
    an agency those it must respond to."""
    return Movement.objects.for_user(user, VIEW).filter(launched_for_year__isnull=False).select_related("launched_by")
