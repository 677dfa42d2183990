"""Starting background jobs. Each start checks that the acting user may have what the job makes
(the same policy as the page that offers it), records the `Job` and queues `tasks.run_job`; the
worker re-checks the scope when it runs (rights can change while a job waits).

The starts of the apps' own jobs are in their `jobs.py` (`decisions.jobs.start_decision_pdf`,
`reports.jobs.start_province_targets`, `organizations.jobs.start_staff_import`…), all through
`start` here; a page's document as PDF is `start_document_pdf`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet

from thidua.accounts.models import User

from .documents import DOCS
from .models import Job, JobKind
from .tasks import run_job

NO_SCOPE = "Bạn không có quyền tạo tệp này."


def jobs_for(user: User) -> QuerySet[Job]:
    """A user's own jobs (nobody else's files)."""
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(owner=user)


def start_document_pdf(*, actor: User, doc: str, pk: int, **extra: object) -> Job:
    """One document of a page (`doc`: a key of jobs.documents.DOCS) as PDF, converted by the worker.
    `extra` are the document's own choices (a registration's kind, a block's received-only list)."""
    entry = DOCS.get(doc)
    if entry is None:
        raise ValueError("Loại văn bản không hợp lệ.")
    params = {"doc": doc, "pk": pk, **extra}
    target = entry.find(actor, params)
    if target is None:
        raise PermissionDenied(NO_SCOPE)
    return start(actor, JobKind.DOCUMENT_PDF, params, f"{entry.label} – {target} (.pdf)")


def start(actor: User, kind: str, params: dict, title: str, *, source: bytes | None = None,
          stored: str = "") -> Job:
    """Record a job of `kind` for `actor` and queue it; the caller has checked the scope. `source`:
    an upload to keep for the worker; `stored`: one already kept (by an earlier job)."""
    job = Job(kind=kind, owner=actor, params=params, title=title[:300])
    if source is not None:
        ext = ".csv" if params.get("filename", "").lower().endswith(".csv") else ".xlsx"
        job.source.save(f"tai-len{ext}", ContentFile(source), save=False)
    elif stored:
        job.source.name = stored
    job.full_clean()
    with transaction.atomic():
        job.save()
        # Queued in the same transaction: the worker never sees a task whose job row is not there.
        job.task_id = str(run_job.enqueue(job.pk).id)
        job.save(update_fields=["task_id"])
    return job
