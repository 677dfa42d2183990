"""The award history a decision writes (evaluation.AwardRecord, which next year's rules read) and
takes back when a later act withdraws or replaces lines.

Each issued line gives one record: the person or collective, the code, the year it is for, the
decision's date, number ("179/QĐ-KHCN") and deciding authority, and — when AwardRecord has the
``decision`` link — the decision itself. A record is found again by that link, or for history
written before the link existed, by number, subject, code and year."""

from __future__ import annotations

from django.db.models import Q

from thidua.audit.services import audit_record, audit_record_many, snapshot
from thidua.catalog.models import AwardType
from thidua.evaluation.models import AwardRecord

from . import defaults


def _linked(model) -> bool:
    return any(f.name == "decision" for f in model._meta.fields)


def _records_of(model, line):
    qs = model.objects.filter(staff_id=line.staff_id, unit_id=line.unit_id, code=line.code, year=line.year)
    by_number = Q(decision_number=line.decision.number_display)
    if _linked(model):
        return qs.filter(Q(decision_id=line.decision_id) | (Q(decision__isnull=True) & by_number))
    return qs.filter(by_number)


def record_awards(decision, lines) -> None:
    """One award record per line of the issued `decision`."""
    model = AwardRecord
    if not lines:
        return
    issuer = defaults.authority_name(decision.issuer, on=decision.date)
    extra = {"decision": decision} if _linked(model) else {}
    records = model.objects.bulk_create(
        model(staff=line.staff, unit=line.unit, code=line.code, year=line.year,
              awarded_on=decision.date, decision_number=decision.number_display, issuer=issuer[:255], **extra)
        for line in lines
    )
    audit_record_many(actor=decision.issued_by, action="award_record.add",
                      items=[(record, {}, f"Theo {decision}") for record in records])


def remove_awards(lines, *, by) -> None:
    """Delete the records of `lines`, which the act `by` withdrew or replaced; the audit log keeps
    what was removed and why (the decision lines themselves stay, marked ``revoked_by``)."""
    model = AwardRecord
    for line in lines:
        for record in _records_of(model, line):
            audit_record(actor=by.issued_by, action="award_record.withdraw", obj=record, summary=str(record),
                         before=snapshot(record), after={}, changes={"by_decision": str(by)})
            record.delete()


def recorded_titles(lines, *, exclude_lines=()) -> list:
    """Award records (from any source) that already give a line's person or collective the same
    emulation title for the same year — one achievement earns one award — leaving out the records
    of `exclude_lines` (lines the act is withdrawing)."""
    model = AwardRecord
    titles = set(AwardType.objects.filter(kind="title").values_list("code", flat=True))
    excluded = set()
    for line in exclude_lines:
        excluded |= set(_records_of(model, line).values_list("pk", flat=True))
    clashes = []
    for line in lines:
        if line.code not in titles:
            continue
        found = (model.objects.filter(staff_id=line.staff_id, unit_id=line.unit_id, code=line.code, year=line.year)
                 .exclude(pk__in=excluded).first())
        if found is not None:
            clashes.append((line, found))
    return clashes
