"""Starting background jobs. Each start checks that the acting user may have what the job makes
(the same policy as the page that offers it), records the `Job` and queues `tasks.run_job`; the
worker re-checks the scope when it runs (rights can change while a job waits)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from thidua.accounts.models import User
from thidua.decisions import policy as decision_policy
from thidua.decisions.certificates import MODES
from thidua.decisions.models import Decision
from thidua.organizations.models import Province
from thidua.reports.policy import provinces_for

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
    return _start(actor, JobKind.DOCUMENT_PDF, params, f"{entry.label} – {target} (.pdf)")


def start_decision_pdf(*, actor: User, decision: Decision) -> Job:
    if not decision_policy.can(actor, "export", decision):
        raise PermissionDenied(NO_SCOPE)
    return _start(actor, JobKind.DECISION_PDF, {"decision": decision.pk}, f"{decision} – bản PDF")


def start_decision_certificates(*, actor: User, decision: Decision, mode: str) -> Job:
    """Every certificate of an issued decision in one PDF (`mode`: decisions.certificates.MODES)."""
    if not decision_policy.can(actor, "export", decision):
        raise PermissionDenied(NO_SCOPE)
    if mode not in MODES.values():
        raise ValueError("Kiểu in không hợp lệ.")
    return _start(actor, JobKind.DECISION_CERTIFICATES, {"decision": decision.pk, "mode": mode},
                  f"{decision} – bằng, giấy khen (.pdf)")


def start_province_targets(*, actor: User, province: Province, year: int, fmt: str = "xlsx") -> Job:
    """The whole province's targets report, as a workbook (`fmt` "xlsx") or a PDF ("pdf")."""
    if not provinces_for(actor).filter(pk=province.pk).exists():
        raise PermissionDenied(NO_SCOPE)
    if not 1990 <= year <= 2100:
        raise ValueError("Năm không hợp lệ.")
    kind = {"xlsx": JobKind.PROVINCE_TARGETS, "pdf": JobKind.PROVINCE_TARGETS_PDF}.get(fmt)
    if kind is None:
        raise ValueError("Định dạng không hợp lệ.")
    return _start(actor, kind, {"province": province.pk, "year": year},
                  f"Chỉ tiêu và kết quả năm {year} – {province.name} (.{fmt})")


def _start(actor: User, kind: str, params: dict, title: str) -> Job:
    job = Job(kind=kind, owner=actor, params=params, title=title[:300])
    job.full_clean()
    with transaction.atomic():
        job.save()
        # Queued in the same transaction: the worker never sees a task whose job row is not there.
        job.task_id = str(run_job.enqueue(job.pk).id)
        job.save(update_fields=["task_id"])
    return job
