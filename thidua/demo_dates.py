"""The demo tells the truth about time (issue 12): what it records for 2022 happened in 2022.

The services stamp each event with the moment it is recorded (`auto_now_add`), so a demo loaded
today would show 2022's registrations as sent today — after the movement's deadline, hence "Trễ
hạn" — and 2022's decisions as issued today. `date_within_year` moves what this load created
(events at or after `since`, for the demo year's objects) to plausible days of that year, in the
order they happened: registrations made in January, sent and received in February (before the
28 February deadline), dossiers on their tờ trình's day, decisions drafted a week before their
signing day and issued on it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thidua.decisions.models import Decision, DecisionEvent, EventAction
from thidua.emulation.models import Action, RegistrationEvent
from thidua.yearend.models import Nomination, NominationEvent

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

    for decision in Decision.objects.filter(award_year=year, created_at__gte=since, date__isnull=False):
        signed = decision.date
        Decision.objects.filter(pk=decision.pk).update(
            created_at=_moment(signed - dt.timedelta(days=7)),
            issued_at=_moment(signed, 6 * 60) if decision.issued_at else None)
        for i, event in enumerate(decision.events.filter(at__gte=since).order_by("at", "pk")):
            day = signed - dt.timedelta(days=7) if event.action == EventAction.CREATE else signed
            DecisionEvent.objects.filter(pk=event.pk).update(at=_moment(day, 6 * 60 + i))

    for nomination in Nomination.objects.filter(year=year, created_at__gte=since):
        start = nomination.doc_date or dt.date(year, 12, 1)
        Nomination.objects.filter(pk=nomination.pk).update(created_at=_moment(start))
        for i, event in enumerate(nomination.events.filter(at__gte=since).order_by("at", "pk")):
            NominationEvent.objects.filter(pk=event.pk).update(at=_moment(min(start + dt.timedelta(days=i // 4),
                                                                              dt.date(year, 12, 31)), i))
