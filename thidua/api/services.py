"""Making and revoking API tokens: administrators only, audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import User
from thidua.accounts.scope import is_admin
from thidua.audit.services import audit_record, snapshot

from .models import ApiToken

TOKEN_PREFIX = "thd_"


def digest(raw: str) -> str:
    """Tokens are 256 random bits: a plain SHA-256 is enough (no dictionary to guess from)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def _require_admin(actor: Any) -> None:
    if not is_admin(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống mới cấp và thu hồi khóa API.")


@transaction.atomic
def token_create(*, actor: Any, user: User, name: str, expires_on: dt.date | None = None) -> tuple[ApiToken, str]:
    """A new token acting as `user`; returns it and the raw token, which is never shown again."""
    _require_admin(actor)
    if not user.is_active:
        raise ValidationError("Người dùng đã bị khóa; không cấp khóa API cho người này.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(name=name.strip(), user=user, prefix=raw[:12], digest=digest(raw), created_by=actor,
                     expires_on=expires_on)
    token.full_clean()
    token.save()
    audit_record(actor=actor, action="api_token.create", obj=token, summary=f"{token} cho {user.display_name}",
                 before={})
    return token, raw


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    _require_admin(actor)
    if token.revoked_at is None:
        before = snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoke", obj=token, summary=str(token), before=before)
    return token


def token_user(raw: str) -> User | None:
    """The active user a presented token acts for, or None (unknown, revoked, expired, user locked)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user", "user__unit").filter(digest=digest(raw)).first()
    today = timezone.localdate()
    if token is None or token.revoked_at or (token.expires_on and token.expires_on < today) \
            or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # a trace, not a write per request
    return token.user
