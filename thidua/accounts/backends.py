"""django-axes' backend, run first: it refuses a locked-out login before the password is checked."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class ThrottledLoginBackend(AxesStandaloneBackend):
    """As django-axes', except that an authentication without a request (Django's
    AuthenticationForm built in code, a script) is passed on to the next backend instead of
    raising: there is no client to count failures for. Every login page passes its request."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
