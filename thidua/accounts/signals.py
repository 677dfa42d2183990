"""Failed logins go to the audit trail (the count that locks a login is django-axes' own)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from . import services


@receiver(user_login_failed)
def record_failed_login(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    ip = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    services.login_failed(username=str(credentials.get("username", ""))[:150], ip_address=ip)
