"""The work itself, run by the worker (`thidua db_worker`). Progress is written to the `Job` row
as the work goes, so the job's page (polled by htmx) shows how far along it is."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from thidua.decisions import certificates, policy
from thidua.decisions.documents import export_decision
from thidua.decisions.models import Decision
from thidua.documents.pdf import PdfError, docx_to_pdf
from thidua.organizations.models import Province
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


RUNNERS: dict[str, Callable[[Job], tuple[bytes, str, str]]] = {
    JobKind.DOCUMENT_PDF: _document_pdf,
    JobKind.DECISION_PDF: _decision_pdf,
    JobKind.PROVINCE_TARGETS: _province_targets,
    JobKind.PROVINCE_TARGETS_PDF: _province_targets_pdf,
    JobKind.DECISION_CERTIFICATES: _decision_certificates,
}


@task()
def run_job(job_id: int) -> None:
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.finished:
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    try:
        content, filename, content_type = RUNNERS[job.kind](job)
    except JobRefused as exc:
        _fail(job, str(exc))
        return
    except Exception:  # the user gets a sentence, the log gets the traceback
        logger.exception("background job %s (%s) failed", job.pk, job.kind)
        _fail(job, "Có lỗi khi thực hiện. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống.")
        return
    job.file.save(filename, ContentFile(content), save=False)
    job.filename, job.content_type = filename, content_type
    job.status, job.progress, job.step, job.finished_at = JobStatus.DONE, 100, "Đã xong", timezone.now()
    job.save(update_fields=["file", "filename", "content_type", "status", "progress", "step", "finished_at"])


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=message, step="Không thực hiện được",
                                        finished_at=timezone.now())
