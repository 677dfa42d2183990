"""The staff import as background jobs: a large list (over THIDUA_IMPORT_ROWS_IN_REQUEST rows) is
previewed by the worker (nothing written), then applied from the same stored file. Started with the
same rule as the import page (`can_manage_staff`); the worker checks it again when it runs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from thidua.accounts.models import User
from thidua.core import versions
from thidua.jobs import tasks
from thidua.jobs.models import Job, JobKind, JobStatus
from thidua.jobs.services import NO_SCOPE, forget_uploaded, start
from thidua.jobs.tasks import JobRefused, register_runner

from .imports import ImportFileError, ImportResult, staff_import, staff_import_preview
from .models import Unit, UnitKind
from .policy import can_manage_staff


def start_staff_import_preview(*, actor: User, agency: Unit, filename: str, content: bytes) -> Job:
    """A large staff list (over THIDUA_IMPORT_ROWS_IN_REQUEST rows): the upload is kept in media and
    the worker previews it (organizations.imports, nothing written); its page offers to apply it."""
    if not can_manage_staff(actor, agency):
        raise PermissionDenied("Bạn chỉ nhập được danh sách nhân sự của cơ quan mình.")
    name = filename[-150:]
    return start(actor, JobKind.STAFF_IMPORT_PREVIEW, {"agency": agency.pk, "code": agency.code, "filename": name},
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
    return start(actor, JobKind.STAFF_IMPORT, params,
                 f"Cập nhật danh sách nhân sự – {agency.name} (tệp {params['filename']})", stored=preview.source.name)


def _staff_agency(job: Job) -> tuple[Unit, bytes]:
    agency = Unit.objects.filter(pk=job.params.get("agency"), kind=UnitKind.AGENCY).first()
    if agency is None or not can_manage_staff(job.owner, agency):
        raise JobRefused("Cơ quan không còn, hoặc bạn không còn quyền nhập danh sách nhân sự của cơ quan này.")
    tasks.progress(job, 5, "Đang đọc tệp")
    try:
        with job.source.open("rb") as handle:
            return agency, handle.read()
    except (OSError, ValueError):
        raise JobRefused("Tệp tải lên không còn trên máy chủ; hãy chọn lại tệp.") from None


MAX_ERRORS_KEPT = 500  # a file of 20,000 bad rows need not be copied whole into the job's row


def _summary(result: ImportResult) -> dict:
    return {"ok": result.ok, "added": len(result.added), "changed": len(result.changed),
            "unchanged": len(result.unchanged), "new_departments": result.new_departments,
            "error_count": len(result.errors), "fingerprint": result.fingerprint if result.ok else "",
            "errors": [{"row": e.row, "column": e.column, "message": e.message}
                       for e in result.errors[:MAX_ERRORS_KEPT]]}


def _keep(job: Job, result: ImportResult) -> None:
    job.result = _summary(result)
    Job.objects.filter(pk=job.pk).update(result=job.result)
    if not result.ok:
        raise JobRefused(f"Chưa lưu dòng nào: tệp {job.params.get('filename', '')} có {len(result.errors)} lỗi.")


def _staff_import_preview(job: Job) -> None:
    agency, content = _staff_agency(job)
    tasks.progress(job, 20, "Đang đối chiếu từng dòng với danh sách nhân sự hiện có")
    try:
        result = staff_import_preview(actor=job.owner, agency=agency, filename=job.params.get("filename", ""),
                                      content=content)
    except ImportFileError as exc:
        raise JobRefused(str(exc)) from exc
    _keep(job, result)


def _staff_import(job: Job) -> None:
    agency, content = _staff_agency(job)
    tasks.progress(job, 20, "Đang đối chiếu lại và cập nhật danh sách nhân sự (tất cả hoặc không dòng nào)")
    try:
        result = staff_import(actor=job.owner, agency=agency, filename=job.params.get("filename", ""),
                              content=content, expected=job.params.get("fingerprint", ""))
    except ImportFileError as exc:
        raise JobRefused(str(exc)) from exc
    _keep(job, result)
    versions.bump(versions.province_key(agency.province_id))  # the import adds people in bulk (no signals)
    forget_uploaded(job.source.name)  # applied: the file's personal data is no longer kept


register_runner(JobKind.STAFF_IMPORT_PREVIEW, _staff_import_preview)
register_runner(JobKind.STAFF_IMPORT, _staff_import)
