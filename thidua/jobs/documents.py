"""The single documents the pages offer as PDF, made by LibreOffice in the worker (a conversion
takes seconds of a CPU and a LibreOffice process, too much for a request on a shared server).

Each entry says how to find the object again *for a given user* — the same queryset and policy
check as the page that offers the download, so the scope is checked when the job is started and
again when the worker runs it — and how to write its DOCX (the PDF is that DOCX converted)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from thidua.accounts.models import User
from thidua.blocks import policy as block_policy
from thidua.blocks.documents import export_block_docx
from thidua.blocks.selectors import consolidation
from thidua.councils import selectors as council_selectors
from thidua.councils.documents import export_minutes
from thidua.councils.policy import sessions_for
from thidua.emulation import policy as registration_policy
from thidua.emulation.documents import export_registration
from thidua.emulation.models import Status
from thidua.emulation.selectors import registration_with_parts
from thidua.yearend import policy as nomination_policy
from thidua.yearend.documents import export_achievement_report, export_proposal_letter
from thidua.yearend.selectors import nomination_with_parts


@dataclass(frozen=True)
class Doc:
    label: str
    # The object if `user` may export it (None: gone, or out of the user's scope).
    find: Callable[[User, dict], Any]
    # The DOCX of the object: anything with .content and .filename.
    docx: Callable[[Any, dict], Any]


def _session(user: User, params: dict):
    return council_selectors.session_with_parts(sessions_for(user)).filter(pk=params.get("pk")).first()


def _registration(user: User, params: dict):
    reg = registration_with_parts(registration_policy.registrations_for(user)).filter(pk=params.get("pk")).first()
    return reg if reg is not None and registration_policy.can(user, "export", reg) else None


def _block_year(user: User, params: dict):
    block_year = (block_policy.block_years_for(user).select_related("block__province")
                  .filter(pk=params.get("pk")).first())
    return block_year if block_year is not None and block_policy.can(user, "desk", block_year) else None


def _nomination(user: User, params: dict):
    return nomination_with_parts(nomination_policy.nominations_for(user)).filter(pk=params.get("pk")).first()


def _closed_session_of_nomination(user: User, params: dict):
    nomination = _nomination(user, params)
    if nomination is None or nomination.council_session_id is None or nomination.council_session.is_open:
        return None
    return nomination.council_session


def _nomination_line(user: User, params: dict):
    nomination = _nomination(user, params)
    return None if nomination is None else nomination.lines.filter(pk=params.get("line")).first()


REGISTRATION_KINDS = ("registration", "cover_letter")

DOCS: dict[str, Doc] = {
    "council_minutes": Doc("Biên bản họp hội đồng", _session, lambda s, p: export_minutes(s, fmt="docx")),
    "registration": Doc(
        "Bản đăng ký thi đua", _registration,
        lambda r, p: export_registration(r, fmt="docx", kind=p.get("kind") if p.get("kind") in REGISTRATION_KINDS
                                         else "registration")),
    "block_consolidation": Doc(
        "Bản tổng hợp đăng ký của khối", _block_year,
        lambda b, p: export_block_docx(consolidation(b, statuses=(Status.RECEIVED,) if p.get("received_only")
                                                     else None), fmt="docx")),
    "proposal_letter": Doc("Tờ trình đề nghị khen thưởng", _nomination,
                           lambda n, p: export_proposal_letter(n, fmt="docx")),
    "nomination_minutes": Doc("Biên bản họp hội đồng của hồ sơ", _closed_session_of_nomination,
                              lambda s, p: export_minutes(s, fmt="docx")),
    "achievement_report": Doc("Báo cáo thành tích", _nomination_line,
                              lambda line, p: export_achievement_report(line, fmt="docx")),
}
