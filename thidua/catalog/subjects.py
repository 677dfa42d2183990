"""May this award go to this person or collective, in the name of this body? One check for a line of
a decision, a council's agenda and a nomination: the award's subject (individual / collective), the
collective's kind (`AwardType.collective_scope`) and the body's authority (organizations.authority)."""

from __future__ import annotations

from thidua.organizations.authority import authority_error
from thidua.organizations.models import Staff, Unit, UnitKind

from .models import AwardType, CollectiveScope


def subject_error(award: AwardType, *, owner: Unit, staff: Staff | None = None, unit: Unit | None = None,
                  verb: str = "xét tặng") -> str | None:
    """The Vietnamese reason `award` cannot go to `staff` or `unit` from `owner`, else None."""
    if (staff is None) == (unit is None):
        return "Mỗi dòng là một cá nhân hoặc một tập thể."
    if staff is not None and not award.allows_individual():
        return f"«{award.name}» chỉ {verb} cho tập thể."
    if unit is not None:
        if not award.allows_collective():
            return f"«{award.name}» chỉ {verb} cho cá nhân."
        department = unit.kind == UnitKind.DEPARTMENT
        if award.collective_scope == CollectiveScope.DEPARTMENT and not department:
            return f"«{award.name}» xét cho phòng, ban trực thuộc."
        if award.collective_scope == CollectiveScope.AGENCY and department:
            return f"«{award.name}» xét cho tập thể cơ quan, đơn vị."
    return authority_error(owner, staff=staff, unit=unit)
