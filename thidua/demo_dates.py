"""The demo tells the truth about time (issue 12): what it records for 2022 happened in 2022.

The services stamp each event with the moment it is recorded (`auto_now_add`), so a demo loaded
today would show 2022's registrations as sent today — after the movement's deadline, hence "Trễ
hạn" — and 2022's decisions as issued today. `date_within_year` moves what this load created
(events at or after `since`, for the demo year's objects) to plausible days of that year, in the
order they happened: registrations made in January, sent and received in February (before the
28 February deadline), dossiers on their tờ trình's day, decisions drafted the day after their
council voted (else a week before their signing day) and issued on their signing day."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min
from django.utils import timezone

from thidua.audit.models import AuditEvent
from thidua.blocks.models import Compact, Scorecard
from thidua.councils.models import BallotResult, Council, Session
from thidua.decisions.models import Decision, DecisionEvent, EventAction
from thidua.emulation.models import Action, Registration, RegistrationEvent
from thidua.evaluation.models import AwardRecord
from thidua.yearend.models import IndividualRegistration, Nomination, NominationEvent

REGISTRATION_DAYS = {Action.CREATE: (1, 20), Action.EDIT: (1, 25), Action.SUBMIT: (2, 15),
                     Action.RETURN: (2, 18), Action.RECEIVE: (2, 22)}


def _moment(day: dt.date, minutes: int = 0) -> dt.datetime:
    """09:00 local time of `day`, plus `minutes` (keeps several events of a day in order)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(minutes=minutes))


def date_within_year(year: int, since: dt.datetime) -> None:
    for i, event in enumerate(RegistrationEvent.objects.filter(at__gte=since, registration__year=year)
                              .order_by("at", "pk")):
        month, day = REGISTRATION_DAYS.get(event.action, (2, 1))
        RegistrationEvent.objects.filter(pk=event.pk).update(at=_moment(dt.date(year, month, day), i))

    for decision in (Decision.objects.filter(award_year=year, created_at__gte=since, date__isnull=False)
                     .select_related("council_session")):
        signed = decision.date
        # Drafted after the council voted (the draft lists what it passed), else a week before signing.
        drafted = (min(decision.council_session.date + dt.timedelta(days=1), signed) if decision.council_session
                   else signed - dt.timedelta(days=7))
        Decision.objects.filter(pk=decision.pk).update(
            created_at=_moment(drafted),
            issued_at=_moment(signed, 6 * 60) if decision.issued_at else None)
        for i, event in enumerate(decision.events.filter(at__gte=since).order_by("at", "pk")):
            day = drafted if event.action == EventAction.CREATE else signed
            DecisionEvent.objects.filter(pk=event.pk).update(at=_moment(day, 6 * 60 + i))

    for nomination in Nomination.objects.filter(year=year, created_at__gte=since):
        start = nomination.doc_date or dt.date(year, 12, 1)
        Nomination.objects.filter(pk=nomination.pk).update(created_at=_moment(start))
        for i, event in enumerate(nomination.events.filter(at__gte=since).order_by("at", "pk")):
            NominationEvent.objects.filter(pk=event.pk).update(at=_moment(min(start + dt.timedelta(days=i // 4),
                                                                              dt.date(year, 12, 31)), i))

    _stamps_within_year(year, since)
    _audit_within_year(year, since)


def _stamps_within_year(year: int, since: dt.datetime) -> None:
    """The "last changed" stamps pages show: a registration changed when its last event happened,
    a ballot recorded at its session, a scorecard on the day it was sent (or the block's meeting),
    a compact on its signing day, the individual registrations in January."""
    for reg in (Registration.objects.filter(year=year, created_at__gte=since)
                .annotate(first=Min("events__at"), last=Max("events__at"))):
        if reg.first:
            Registration.objects.filter(pk=reg.pk).update(created_at=reg.first, updated_at=reg.last)
    for session in Session.objects.filter(year=year):
        BallotResult.objects.filter(candidate__session=session, recorded_at__gte=since).update(
            recorded_at=_moment(session.date, 60))
    for card in Scorecard.objects.filter(block_year__year=year, updated_at__gte=since).select_related(
            "block_year__review"):
        review = getattr(card.block_year, "review", None)
        day = timezone.localtime(card.submitted_at).date() if card.submitted_at else (
            review.meeting_date if review else dt.date(year, 12, 10))
        Scorecard.objects.filter(pk=card.pk).update(updated_at=_moment(day))
    for compact in Compact.objects.filter(block_year__year=year, updated_at__gte=since):
        Compact.objects.filter(pk=compact.pk).update(updated_at=_moment(compact.signed_on or dt.date(year, 3, 1)))
    IndividualRegistration.objects.filter(year=year, updated_at__gte=since).update(
        updated_at=_moment(dt.date(year, 1, 25)))


def _audit_within_year(year: int, since: dt.datetime) -> None:
    """The audit trail of what this load did, on the days the story says it was done (a decision
    issued on 28/12/2022 is not "issued on" the day the demo was loaded), in the same order."""
    decisions = {str(d.pk): d for d in Decision.objects.filter(award_year=year)}
    sessions = {str(s.pk): s for s in Session.objects.filter(year=year)}
    councils = {str(c.pk): c for c in Council.objects.all()}
    nominations = {str(n.pk): n for n in Nomination.objects.filter(year=year)}
    sent = dict(NominationEvent.objects.filter(nomination__year=year, action="submit")
                .values_list("nomination_id", "at"))
    awarded = {str(pk): day for pk, day in AwardRecord.objects.filter(year=year).values_list("pk", "awarded_on")}
    changed = []
    for i, event in enumerate(AuditEvent.objects.filter(at__gte=since).order_by("at", "pk")):
        key, kind = event.object_id, event.object_type
        moment = None
        if kind == "decisions.decision" and key in decisions:
            decision = decisions[key]
            moment = decision.issued_at if event.action == "decision.issue" else decision.created_at
            if event.action == "decision.issue" and decision.issued_at and "issued_at" in event.changes:
                # The value recorded was the moment of the load: the trail says what the page says.
                event.changes["issued_at"][1] = timezone.localtime(decision.issued_at).strftime("%d/%m/%Y %H:%M")
        elif kind == "councils.session" and key in sessions:
            moment = _moment(sessions[key].date)
        elif kind == "councils.council" and key in councils and councils[key].active_from:
            moment = _moment(councils[key].active_from)
        elif kind == "yearend.nomination" and key in nominations:
            nomination = nominations[key]
            moment = sent.get(nomination.pk) if event.action == "nomination.submit" else nomination.created_at
        elif kind == "evaluation.awardrecord" and key in awarded:
            moment = _moment(awarded[key], 6 * 60)
        if moment is not None:
            event.at = moment + dt.timedelta(seconds=i)  # keeps the order they were done in
            changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["at", "changes"], batch_size=200)
