"""The single documents the pages offer as PDF, made by LibreOffice in the worker (a conversion
takes seconds of a CPU and a LibreOffice process, too much for a request on a shared server).

Each entry says how to find the object again *for a given user* — the same queryset and policy
check as the page that offers the download, so the scope is checked when the job is started and
again when the worker runs it — and how to write its DOCX (the PDF is that DOCX converted).

The apps that write the documents sit above this one in the apps' order (docs/architecture.md):
each registers its entries in its own `jobs.py` (`register_document`), which `JobsConfig.ready()`
imports as the admin imports `admin.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from thidua.accounts.models import User


@dataclass(frozen=True)
class Doc:
    label: str
    # The object if `user` may export it (None: gone, or out of the user's scope).
    find: Callable[[User, dict], Any]
    # The DOCX of the object: anything with .content and .filename.
    docx: Callable[[Any, dict], Any]


DOCS: dict[str, Doc] = {}


def register_document(key: str, doc: Doc) -> None:
    """Offer the document `key` (the `doc` of `services.start_document_pdf`) as a PDF job."""
    if key in DOCS:
        raise ValueError(f"document {key} is registered twice")
    DOCS[key] = doc
