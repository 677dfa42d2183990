"""The council's minutes as a PDF job (thidua.jobs.documents): found again for the user with the
same queryset as the session's page."""

from __future__ import annotations

from thidua.accounts.models import User
from thidua.jobs.documents import Doc, register_document

from . import selectors
from .documents import export_minutes
from .models import Session
from .policy import sessions_for


def _session(user: User, params: dict) -> Session | None:
    return selectors.session_with_parts(sessions_for(user)).filter(pk=params.get("pk")).first()


register_document("council_minutes", Doc("Biên bản họp hội đồng", _session, lambda s, p: export_minutes(s, fmt="docx")))
