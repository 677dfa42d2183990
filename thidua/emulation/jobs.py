"""The registration (or its covering letter) as a PDF job (thidua.jobs.documents): found again for
the user with the same queryset and policy as the registration's page."""

from __future__ import annotations

from thidua.accounts.models import User
from thidua.jobs.documents import Doc, register_document

from . import policy
from .documents import export_registration
from .models import Registration
from .selectors import registration_with_parts

REGISTRATION_KINDS = ("registration", "cover_letter")


def _registration(user: User, params: dict) -> Registration | None:
    reg = registration_with_parts(policy.registrations_for(user)).filter(pk=params.get("pk")).first()
    return reg if reg is not None and policy.can(user, "export", reg) else None


register_document("registration", Doc(
    "Bản đăng ký thi đua", _registration,
    lambda r, p: export_registration(r, fmt="docx", kind=p.get("kind") if p.get("kind") in REGISTRATION_KINDS
                                     else "registration")))
