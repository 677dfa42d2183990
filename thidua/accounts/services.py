"""Changes to logins: a user's own password, an administrator's reset, and the audit rows of
failed logins and refused requests. Knows nothing of the domain apps."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction

from thidua.audit.services import audit_record

from .models import Role, User


def is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


@transaction.atomic
def password_change(*, actor: User, new_password: str) -> None:
    """A user sets their own password (the form has checked the old one)."""
    validate_password(new_password, actor)
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    audit_record(actor=actor, action="account.password_change", obj=actor, summary=actor.display_name,
                 changes={"password": "đã đổi"})


@transaction.atomic
def password_reset_by_admin(*, actor: User, user: User, new_password: str) -> None:
    """An administrator sets another user's password (forgotten, or a new login); the user should
    change it at the next login. A superuser's password is reset only by a superuser."""
    if not is_admin(actor) or (user.is_superuser and not actor.is_superuser):
        raise PermissionDenied("Chỉ quản trị viên được đặt lại mật khẩu của người dùng.")
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action="account.password_reset", obj=user,
                 summary=f"{actor.display_name} đặt lại mật khẩu của {user.display_name}",
                 changes={"password": "đã đặt lại"})


def login_failed(*, username: str, ip_address: str) -> None:
    """A failed login, recorded in the audit trail (django-axes keeps its own count for the lock)."""
    user = User.objects.filter(username=username).first()
    audit_record(actor=None, action="account.login_failed", obj=user,
                 object_type="accounts.user", object_id=username,
                 summary=f"Đăng nhập sai: {username}"[:300], changes={"ip": ip_address})


def request_refused(*, actor: Any, path: str, method: str) -> None:
    """A request answered 403: who asked for what (deny by default, and record it)."""
    audit_record(actor=actor, action="permission.refused", object_type="request", object_id=method,
                 summary=path[:300], changes={"path": path[:500], "method": method})
