from typing import Any

from django.db import models

from .models import AuditEvent


def audit_record(*, actor: Any, action: str, obj: models.Model, summary: str = "",
                 changes: dict | None = None) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:300],
        changes=changes or {},
    )
