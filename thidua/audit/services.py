"""The one audit trail: who did what, when, to which object, and what changed (before → after).

Every service writes one row per act through `audit_record`. A service that changes an object
takes `snapshot(obj)` before touching it and passes it as `before`; the row then keeps the fields
that changed, each as `[before, after]`, in the words a person reads (a related object by its
name, a choice by its label, a date as dd/mm/yyyy), so the trail reads the same after the related
rows are renamed or gone. Creating passes `before={}` (every field from nothing), deleting passes
`after={}`. Acts that are not a field of the object (a member added, a ballot counted, a reason
given) pass them in `changes` as `name: [before, after]`, or a bare value for "set to"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from .models import AuditEvent

# Never copied into the trail: secrets, and bookkeeping that changes on every save.
NOT_RECORDED = frozenset({"password", "digest", "last_login", "version"})
MAX_TEXT = 500


def person_name(user: Any) -> str:
    """A person by their full name, never their login name (a login without a name says so)."""
    if user is None:
        return "hệ thống (không có người đăng nhập)"
    name = user.get_full_name().strip()
    return name or "người dùng chưa ghi họ tên"


def _text(value: Any) -> Any:
    """A JSON-safe value as a person reads it."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) \
            else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, list | tuple):
        return [_text(v) for v in value][:200]
    if isinstance(value, models.Model):
        # A login by the person's name (its str() is the login name).
        return person_name(value) if hasattr(value, "get_full_name") else str(value)[:MAX_TEXT]
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's own fields as a person reads them (related objects by name, choices by label).
    Fields Django fills itself (timestamps, ids), secrets and version counters are left out."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or not field.editable or field.name in NOT_RECORDED:
            continue
        if field.is_relation:
            raw = getattr(obj, field.attname)
            values[field.name] = None if raw is None else _text(getattr(obj, field.name))
        elif field.choices:
            raw = getattr(obj, field.attname)
            values[field.name] = None if raw in (None, "") else _text(getattr(obj, f"get_{field.name}_display")())
        elif isinstance(field, models.FileField):
            values[field.name] = getattr(obj, field.attname).name or None
        else:
            values[field.name] = _text(getattr(obj, field.attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """The fields that differ, each `[before, after]`; an empty value on both sides is no change."""
    changed = {}
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old in ("", None) and new in ("", None):
            continue
        if old != new:
            changed[key] = [old, new]
    return changed


def _pairs(changes: dict[str, Any]) -> dict[str, list]:
    """`name: [before, after]` kept; a bare value means "set to" (nothing before)."""
    out = {}
    for key, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            out[str(key)] = [_text(value[0]), _text(value[1])]
        else:
            out[str(key)] = [None, _text(value)]
    return out


def audit_record(*, actor: Any, action: str, obj: models.Model | None = None, summary: str = "",
                 before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
                 changes: dict[str, Any] | None = None, object_type: str = "", object_id: str = "",
                 label: str = "") -> AuditEvent:
    """One row of the audit trail. `obj` names the object acted on (its type, id and a readable
    label, kept as it was); an act on no stored object (a failed login, a refused request) names
    it by `object_type` / `object_id` instead. With `before` (a `snapshot` taken before the
    change) the row records every field that changed; `after` defaults to the object as it is now."""
    recorded: dict[str, list] = {}
    if before is not None and obj is not None:
        recorded.update(diff(before, snapshot(obj) if after is None else after))
    if changes:
        recorded.update(_pairs(changes))
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else object_type[:60],
        object_id=str(obj.pk) if obj is not None else object_id[:40],
        object_label=(label or (_text(obj) if obj is not None else ""))[:200],
        summary=summary[:300],
        changes=recorded,
    )


def audit_record_many(*, actor: Any, action: str, items: list[tuple[models.Model, dict[str, Any], str]]) -> int:
    """One row per object of a bulk act (an import): `items` are (object, its snapshot before —
    {} for a new one —, summary). Written in batches; objects with nothing changed are skipped."""
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    rows = []
    for obj, before, summary in items:
        changed = diff(before, snapshot(obj))
        if before and not changed:
            continue
        rows.append(AuditEvent(actor_id=actor_id, action=action, object_type=obj._meta.label_lower,
                               object_id=str(obj.pk), object_label=_text(obj)[:200], summary=summary[:300],
                               changes=changed))
    AuditEvent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def stored_snapshot(obj: models.Model) -> dict[str, Any]:
    """The snapshot of the row as stored, for an object a form has already changed in memory
    ({} for an object not saved yet)."""
    if obj.pk is None:
        return {}
    stored = type(obj)._base_manager.filter(pk=obj.pk).first()
    return snapshot(stored) if stored is not None else {}
