"""Authentication backends: django-axes' first (it refuses a locked-out login before the password is
checked), then Django's model backend loading the signed-in user with their unit."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User


class ThrottledLoginBackend(AxesStandaloneBackend):
    """As django-axes', except that an authentication without a request (Django's
    AuthenticationForm built in code, a script) is passed on to the next backend instead of
    raising: there is no client to count failures for. Every login page passes its request."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class UserBackend(ModelBackend):
    """Django's model backend, except that the user of each request comes with their unit and the
    unit's parent in the same query: every page reads them (the scope, accounts.scope.Scope.of, and
    the header's unit name), which otherwise cost one or two more queries on each request."""

    def get_user(self, user_id: Any) -> User | None:
        try:  # get(), not first(): no ORDER BY to compile on every request
            user = User._default_manager.select_related("unit", "unit__parent").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
