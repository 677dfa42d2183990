"""Starting background jobs. Each start checks that the acting user may have what the job makes
(the same policy as the page that offers it), records the `Job` and queues `tasks.run_job`; the
worker re-checks the scope when it runs (rights can change while a job waits).

The starts of the apps' own jobs are in their `jobs.py` (`decisions.jobs.start_decision_pdf`,
`reports.jobs.start_province_targets`, `organizations.jobs.start_staff_import`…), all through
`start` here; a page's document as PDF is `start_document_pdf`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from thidua.accounts.models import User

from .documents import DOCS
from .models import Job, JobKind, JobStatus
from .tasks import run_job

NO_SCOPE = "Bạn không có quyền tạo tệp này."
# An uploaded staff list holds personal data: it is kept for the preview and the import that
# follows, then removed (after the import, or this long after its upload when never applied).
UPLOAD_KEPT = dt.timedelta(days=1)
PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


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
    an upload to keep for the worker; `stored`: one already kept (by an earlier job).

    The same job of the same person still waiting or running is answered instead of a second one:
    the PDF links are plain links, so a double click or a reload would otherwise queue the work twice."""
    if source is None and not stored:
        for pending in Job.objects.filter(owner=actor, kind=kind, status__in=PENDING):
            if pending.params == params:
                return pending
    else:
        forget_old_uploads()
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


def forget_uploaded(name: str) -> None:
    """Remove a kept upload and every job's reference to it."""
    if name:
        default_storage.delete(name)
        Job.objects.filter(source=name).update(source="")


def forget_old_uploads() -> None:
    """Uploads older than UPLOAD_KEPT that no waiting or running job still needs are removed."""
    old = Job.objects.filter(created_at__lt=timezone.now() - UPLOAD_KEPT).exclude(source="")
    needed = set(Job.objects.filter(status__in=PENDING).exclude(source="").values_list("source", flat=True))
    for name in set(old.values_list("source", flat=True)) - needed:
        forget_uploaded(name)
