"""Reads of the audit trail as people read it: rows with the person's full name, the act and the
kind of object in Vietnamese, and each change as «field: before → after»."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.functions import Cast

from .labels import action_label, field_label, object_label, value_text, words
from .models import AuditEvent
from .services import person_name

HISTORY_LIMIT = 50
# What `entry` and the history's template read of an event.
PRINTED = ("at", "action", "object_type", "object_label", "summary", "changes", "actor__first_name",
           "actor__last_name", "actor__unit__name")


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    person: str
    unit: str
    act: str
    kind: str
    label: str
    summary: str
    changes: tuple[Change, ...]


def entry(event: AuditEvent) -> Entry:
    actor = event.actor
    unit = getattr(getattr(actor, "unit", None), "name", "") if actor is not None else ""
    changes = tuple(
        Change(field_label(event.object_type, key), value_text(pair[0]), value_text(pair[1]))
        for key, pair in (event.changes or {}).items()
        if isinstance(pair, list) and len(pair) == 2
    )
    return Entry(event=event, person=person_name(actor), unit=unit, act=action_label(event.action),
                 kind=object_label(event.object_type), label=words(event.object_label), summary=words(event.summary),
                 changes=changes)


def history_of(obj: models.Model, *, related: dict[str, Any] | None = None) -> models.QuerySet[AuditEvent]:
    """The rows about one object, newest first, with their actors (one query when read).
    `related` adds rows of other objects shown on the same page: {"app.model": ids}, where ids is a
    list or a queryset of one text column (object ids are stored as text)."""
    query = models.Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    for object_type, ids in (related or {}).items():
        query |= models.Q(object_type=object_type, object_id__in=ids)
    return AuditEvent.objects.filter(query).select_related("actor", "actor__unit").order_by("-at", "-id")


def history_entries(obj: models.Model, *, related: dict[str, Any] | None = None,
                    limit: int = HISTORY_LIMIT) -> list[Entry]:
    """The latest rows of an object's history (and of the related objects its page shows), ready
    to print: one query."""
    # Only the columns printed: the actor's and their unit's whole rows cost more to build into the
    # query than the query costs to run (on every detail page).
    rows = history_of(obj, related=related).only(*PRINTED)[:limit]
    return [entry(e) for e in rows]


def id_texts(queryset: models.QuerySet) -> models.QuerySet:
    """The primary keys of `queryset` as text, for `related` (a subquery: no extra round trip)."""
    return queryset.order_by().annotate(_audit_id=Cast("pk", models.CharField())).values("_audit_id")
