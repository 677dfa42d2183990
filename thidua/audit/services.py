from typing import Any

from django.db import models

from .models import AuditEvent


def audit_record(*, actor: Any, action: str, obj: models.Model | None = None, summary: str = "",
                 changes: dict | None = None, object_type: str = "", object_id: str = "") -> AuditEvent:
    """One row of the audit trail. `obj` names the object acted on; an act on no stored object
    (a failed login, a refused request) names it by `object_type` / `object_id` instead."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else object_type[:60],
        object_id=str(obj.pk) if obj is not None else object_id[:40],
        summary=summary[:300],
        changes=changes or {},
    )
