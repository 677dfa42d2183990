"""Starting background jobs. Each start checks that the acting user may have what the job makes
(the same policy as the page that offers it), records the `Job` and queues `tasks.run_job`; the
worker re-checks the scope when it runs (rights can change while a job waits)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet

from thidua.accounts.models import User
from thidua.decisions import policy as decision_policy
from thidua.decisions.certificates import MODES
from thidua.decisions.models import Decision
from thidua.organizations.models import Province, Unit
from thidua.organizations.policy import can_manage_staff
from thidua.reports.policy import provinces_for

from .documents import DOCS
from .models import Job, JobKind, JobStatus
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


def start_staff_import_preview(*, actor: User, agency: Unit, filename: str, content: bytes) -> Job:
    """A large staff list (over THIDUA_IMPORT_ROWS_IN_REQUEST rows): the upload is kept in media and
    the worker previews it (organizations.imports, nothing written); its page offers to apply it."""
    if not can_manage_staff(actor, agency):
        raise PermissionDenied("Bạn chỉ nhập được danh sách nhân sự của cơ quan mình.")
    name = filename[-150:]
    return _start(actor, JobKind.STAFF_IMPORT_PREVIEW, {"agency": agency.pk, "code": agency.code, "filename": name},
                  f"Xem trước danh sách nhân sự – {agency.name} (tệp {name})", source=content)


def start_staff_import(*, actor: User, preview: Job) -> Job:
    """Apply what the worker previewed: the same stored file, refused by the worker if the plan is no
    longer the one shown (the preview's fingerprint)."""
    if preview.owner_id != actor.pk or preview.kind != JobKind.STAFF_IMPORT_PREVIEW:
        raise PermissionDenied(NO_SCOPE)
    if preview.status != JobStatus.DONE or not preview.result.get("ok") or not preview.source:
        raise ValueError("Bản xem trước chưa xong hoặc có lỗi; hãy chọn lại tệp.")
    agency = Unit.objects.filter(pk=preview.params.get("agency")).first()
    if agency is None or not can_manage_staff(actor, agency):
        raise PermissionDenied("Bạn chỉ nhập được danh sách nhân sự của cơ quan mình.")
    params = {**preview.params, "fingerprint": preview.result.get("fingerprint", "")}
    return _start(actor, JobKind.STAFF_IMPORT, params,
                  f"Cập nhật danh sách nhân sự – {agency.name} (tệp {params['filename']})", stored=preview.source.name)


def _start(actor: User, kind: str, params: dict, title: str, *, source: bytes | None = None,
           stored: str = "") -> Job:
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
