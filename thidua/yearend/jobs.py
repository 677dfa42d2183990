"""The dossier's documents as PDF jobs (thidua.jobs.documents): the proposal letter, the minutes of
the council that considered it, an achievement report; found again for the user with the same
queryset as the dossier's page."""

from __future__ import annotations

from thidua.accounts.models import User
from thidua.councils.documents import export_minutes
from thidua.councils.models import Session
from thidua.jobs.documents import Doc, register_document

from . import policy
from .documents import export_achievement_report, export_proposal_letter
from .models import Nomination, NominationLine
from .selectors import nomination_with_parts


def _nomination(user: User, params: dict) -> Nomination | None:
    return nomination_with_parts(policy.nominations_for(user)).filter(pk=params.get("pk")).first()


def _closed_session_of_nomination(user: User, params: dict) -> Session | None:
    nomination = _nomination(user, params)
    if nomination is None or nomination.council_session_id is None or nomination.council_session.is_open:
        return None
    return nomination.council_session


def _nomination_line(user: User, params: dict) -> NominationLine | None:
    nomination = _nomination(user, params)
    return None if nomination is None else nomination.lines.filter(pk=params.get("line")).first()


register_document("proposal_letter", Doc("Tờ trình đề nghị khen thưởng", _nomination,
                                         lambda n, p: export_proposal_letter(n, fmt="docx")))
register_document("nomination_minutes", Doc("Biên bản họp hội đồng của hồ sơ", _closed_session_of_nomination,
                                            lambda s, p: export_minutes(s, fmt="docx")))
register_document("achievement_report", Doc("Báo cáo thành tích", _nomination_line,
                                            lambda line, p: export_achievement_report(line, fmt="docx")))
