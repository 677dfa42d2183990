"""The work itself, run by the worker (`thidua db_worker`). Progress is written to the `Job` row
as the work goes, so the job's page (polled by htmx) shows how far along it is.

What each kind of job does is its app's (`<app>/jobs.py`: the decisions' PDF and certificates, the
province's reports, the staff import), registered with `register_runner`: those apps sit above
this one in the apps' order (docs/architecture.md). Only the generic PDF of a page's document is
here."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from thidua.documents.pdf import PdfError, docx_to_pdf

from .documents import DOCS
from .models import Job, JobKind, JobStatus

logger = logging.getLogger(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A runner returns the file it made, or None when its outcome is `job.result` (the staff import).
Runner = Callable[[Job], tuple[bytes, str, str] | None]


class JobRefused(Exception):
    """The job cannot be done (scope lost, object gone, LibreOffice missing): said in Vietnamese."""


def progress(job: Job, percent: int, step: str) -> None:
    job.progress, job.step = max(0, min(100, percent)), step[:200]
    Job.objects.filter(pk=job.pk).update(progress=job.progress, step=job.step)


def pdf_of(docx: bytes) -> bytes:
    """The DOCX converted by LibreOffice; its failure said to the user."""
    try:
        return docx_to_pdf(docx)
    except PdfError as exc:
        raise JobRefused(exc.user_message) from exc


def _document_pdf(job: Job) -> tuple[bytes, str, str]:
    doc = DOCS.get(job.params.get("doc", ""))
    target = doc.find(job.owner, job.params) if doc is not None else None
    if target is None:
        raise JobRefused("Văn bản không còn, hoặc bạn không còn quyền xuất văn bản này.")
    progress(job, 10, f"Đang dựng văn bản Word: {doc.label.lower()}")
    docx = doc.docx(target, job.params)
    progress(job, 40, "Đang chuyển sang PDF")
    return pdf_of(docx.content), docx.filename.removesuffix(".docx") + ".pdf", "application/pdf"


RUNNERS: dict[str, Runner] = {JobKind.DOCUMENT_PDF: _document_pdf}


def register_runner(kind: str, runner: Runner) -> None:
    """What the worker does for a job of `kind` (a JobKind)."""
    if kind in RUNNERS:
        raise ValueError(f"job kind {kind} is registered twice")
    RUNNERS[kind] = runner


@task()
def run_job(job_id: int) -> None:
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.finished:
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    try:
        made = RUNNERS[job.kind](job)
    except JobRefused as exc:
        _fail(job, str(exc))
        return
    except Exception:  # the user gets a sentence, the log gets the traceback
        logger.exception("background job %s (%s) failed", job.pk, job.kind)
        _fail(job, "Có lỗi khi thực hiện. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống.")
        return
    if made is not None:
        content, filename, content_type = made
        job.file.save(filename, ContentFile(content), save=False)
        job.filename, job.content_type = filename, content_type
    job.status, job.progress, job.step, job.finished_at = JobStatus.DONE, 100, "Đã xong", timezone.now()
    job.save(update_fields=["file", "filename", "content_type", "status", "progress", "step", "finished_at"])


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=message, step="Không thực hiện được",
                                        finished_at=timezone.now())
