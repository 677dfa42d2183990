"""The work itself, run by the worker (`thidua db_worker`). Progress is written to the `Job` row
as the work goes, so the job's page (polled by htmx) shows how far along it is."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from thidua.core import versions
from thidua.decisions import certificates, policy
from thidua.decisions.documents import export_decision
from thidua.decisions.models import Decision
from thidua.documents.pdf import PdfError, docx_to_pdf
from thidua.organizations.imports import ImportFileError, ImportResult, staff_import, staff_import_preview
from thidua.organizations.models import Province, Unit, UnitKind
from thidua.organizations.policy import can_manage_staff
from thidua.reports.exports import group_workbook
from thidua.reports.pdf import group_pdf
from thidua.reports.policy import provinces_for
from thidua.reports.selectors import province_targets

from .documents import DOCS
from .models import Job, JobKind, JobStatus

logger = logging.getLogger(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class JobRefused(Exception):
    """The job cannot be done (scope lost, object gone, LibreOffice missing): said in Vietnamese."""


def progress(job: Job, percent: int, step: str) -> None:
    job.progress, job.step = max(0, min(100, percent)), step[:200]
    Job.objects.filter(pk=job.pk).update(progress=job.progress, step=job.step)


def _document_pdf(job: Job) -> tuple[bytes, str, str]:
    doc = DOCS.get(job.params.get("doc", ""))
    target = doc.find(job.owner, job.params) if doc is not None else None
    if target is None:
        raise JobRefused("Văn bản không còn, hoặc bạn không còn quyền xuất văn bản này.")
    progress(job, 10, f"Đang dựng văn bản Word: {doc.label.lower()}")
    docx = doc.docx(target, job.params)
    progress(job, 40, "Đang chuyển sang PDF")
    try:
        pdf = docx_to_pdf(docx.content)
    except PdfError as exc:
        raise JobRefused(exc.user_message) from exc
    return pdf, docx.filename.removesuffix(".docx") + ".pdf", "application/pdf"


def _decision_pdf(job: Job) -> tuple[bytes, str, str]:
    decision = Decision.objects.filter(pk=job.params.get("decision")).select_related("issuer").first()
    if decision is None or not policy.can(job.owner, "export", decision):
        raise JobRefused("Quyết định không còn, hoặc bạn không còn quyền xuất quyết định này.")
    progress(job, 10, f"Đang dựng văn bản Word ({decision.lines.count()} dòng danh sách)")
    docx = export_decision(decision, fmt="docx")
    progress(job, 50, "Đang chuyển sang PDF")
    try:
        pdf = docx_to_pdf(docx.content)
    except PdfError as exc:
        raise JobRefused(exc.user_message) from exc
    return pdf, docx.filename.removesuffix(".docx") + ".pdf", "application/pdf"


def _province(job: Job) -> tuple[Province, int]:
    province = Province.objects.filter(pk=job.params.get("province")).first()
    if province is None or not provinces_for(job.owner).filter(pk=province.pk).exists():
        raise JobRefused("Tỉnh không còn, hoặc bạn không còn quyền xem báo cáo của tỉnh này.")
    return province, int(job.params.get("year", 0))


def _province_targets(job: Job) -> tuple[bytes, str, str]:
    province, year = _province(job)
    progress(job, 10, "Đang tổng hợp chỉ tiêu và kết quả của các cơ quan")
    group = province_targets(province, year)
    progress(job, 70, "Đang ghi bảng tính")
    return group_workbook(group), f"chi-tieu-{province.code}-{year}.xlsx".lower(), XLSX


def _province_targets_pdf(job: Job) -> tuple[bytes, str, str]:
    province, year = _province(job)
    progress(job, 5, "Đang tổng hợp chỉ tiêu và kết quả của các cơ quan")
    group = province_targets(province, year)

    def laid_out(done: int, total: int) -> None:
        if done == total or done % 5 == 0:  # a write every few agencies is enough for the bar
            progress(job, 20 + 70 * done // max(total, 1), f"Đang dựng bảng của cơ quan {done}/{total}")

    try:
        pdf = group_pdf(group, laid_out)
    except certificates.CertificateError as exc:  # no font with Vietnamese glyphs on the server
        raise JobRefused(str(exc)) from exc
    return pdf, f"chi-tieu-{province.code}-{year}.pdf".lower(), "application/pdf"


def _decision_certificates(job: Job) -> tuple[bytes, str, str]:
    decision = Decision.objects.filter(pk=job.params.get("decision")).select_related("issuer").first()
    if decision is None or not policy.can(job.owner, "export", decision):
        raise JobRefused("Quyết định không còn, hoặc bạn không còn quyền in bằng, giấy khen của quyết định này.")
    mode = job.params.get("mode")
    lines = certificates.printable_lines(decision)
    progress(job, 10, f"Đang in {len(lines)} bằng, giấy khen")
    try:
        pdf = certificates.render_certificates(decision, lines, mode=mode)
    except certificates.CertificateError as exc:
        raise JobRefused(str(exc)) from exc
    return pdf, certificates.certificate_filename(decision, mode), "application/pdf"


def _staff_agency(job: Job) -> tuple[Unit, bytes]:
    agency = Unit.objects.filter(pk=job.params.get("agency"), kind=UnitKind.AGENCY).first()
    if agency is None or not can_manage_staff(job.owner, agency):
        raise JobRefused("Cơ quan không còn, hoặc bạn không còn quyền nhập danh sách nhân sự của cơ quan này.")
    progress(job, 5, "Đang đọc tệp")
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
    progress(job, 20, "Đang đối chiếu từng dòng với danh sách nhân sự hiện có")
    try:
        result = staff_import_preview(actor=job.owner, agency=agency, filename=job.params.get("filename", ""),
                                      content=content)
    except ImportFileError as exc:
        raise JobRefused(str(exc)) from exc
    _keep(job, result)


def _staff_import(job: Job) -> None:
    agency, content = _staff_agency(job)
    progress(job, 20, "Đang đối chiếu lại và cập nhật danh sách nhân sự (tất cả hoặc không dòng nào)")
    try:
        result = staff_import(actor=job.owner, agency=agency, filename=job.params.get("filename", ""),
                              content=content, expected=job.params.get("fingerprint", ""))
    except ImportFileError as exc:
        raise JobRefused(str(exc)) from exc
    _keep(job, result)
    versions.bump(versions.province_key(agency.province_id))  # the import adds people in bulk (no signals)


# A runner returns the file it made, or None when its outcome is `job.result` (the staff import).
RUNNERS: dict[str, Callable[[Job], tuple[bytes, str, str] | None]] = {
    JobKind.DOCUMENT_PDF: _document_pdf,
    JobKind.DECISION_PDF: _decision_pdf,
    JobKind.PROVINCE_TARGETS: _province_targets,
    JobKind.PROVINCE_TARGETS_PDF: _province_targets_pdf,
    JobKind.DECISION_CERTIFICATES: _decision_certificates,
    JobKind.STAFF_IMPORT_PREVIEW: _staff_import_preview,
    JobKind.STAFF_IMPORT: _staff_import,
}


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
