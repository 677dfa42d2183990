"""The block's consolidation as a PDF job (thidua.jobs.documents): found again for the user with
the same queryset and policy as the block head's desk."""

from __future__ import annotations

from thidua.accounts.models import User
from thidua.emulation.models import Status
from thidua.jobs.documents import Doc, register_document
from thidua.organizations.models import BlockYear

from . import policy
from .documents import export_block_docx
from .selectors import consolidation


def _block_year(user: User, params: dict) -> BlockYear | None:
    block_year = (policy.block_years_for(user).select_related("block__province")
                  .filter(pk=params.get("pk")).first())
    return block_year if block_year is not None and policy.can(user, "desk", block_year) else None


register_document("block_consolidation", Doc(
    "Bản tổng hợp đăng ký của khối", _block_year,
    lambda b, p: export_block_docx(consolidation(b, statuses=(Status.RECEIVED,) if p.get("received_only")
                                                 else None), fmt="docx")))
