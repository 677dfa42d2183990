"""`notify`: one call puts a notice in each recipient's list and, when the person has an email
address, sends it through Django's mail settings (console backend unless configured)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import Notification

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[Thi đua – Khen thưởng] "


def notify(*, recipients: Iterable[Any], text: str, link: str = "", key: str = "",
           email: bool = True) -> list[Notification]:
    """Notify each active recipient once. With `key`, a recipient who already has a notice with that
    key gets nothing new (reminders run daily without repeating). Mail goes out after the
    transaction commits; a mail failure is logged, never undoes the notice."""
    created: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        if key and Notification.objects.filter(recipient=user, key=key).exists():
            continue
        created.append(Notification.objects.create(recipient=user, text=text[:500], link=link[:300], key=key[:150]))
    if email and created:
        ids = [n.pk for n in created if n.recipient.email]
        if ids:
            transaction.on_commit(lambda: _send_emails(ids))
    return created


def _send_emails(ids: list[int]) -> None:
    base = getattr(settings, "THIDUA_SITE_URL", "").rstrip("/")
    for note in Notification.objects.filter(pk__in=ids).select_related("recipient"):
        body = note.text + (f"\n\n{base}{note.link}" if note.link else "")
        try:
            send_mail(SUBJECT_PREFIX + note.text[:80], body, None, [note.recipient.email])
        except Exception:  # the notice is in the product anyway
            logger.exception("could not email notification %s to %s", note.pk, note.recipient.email)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed=True)


def notification_mark_read(*, actor: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the actor's own notices read (all of them when no ids are given)."""
    qs = Notification.objects.filter(recipient=actor, is_read=False)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(is_read=True)
