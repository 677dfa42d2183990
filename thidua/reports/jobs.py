"""The province's reports as background jobs (the whole province's targets, as a workbook or a
PDF): too much work for a request. Started with the same scope as the report's page; the worker
checks it again when it runs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from thidua.accounts.models import User
from thidua.decisions import certificates
from thidua.jobs import tasks
from thidua.jobs.models import Job, JobKind
from thidua.jobs.services import NO_SCOPE, start
from thidua.jobs.tasks import XLSX, JobRefused, register_runner
from thidua.organizations.models import Province

from .exports import group_workbook
from .pdf import group_pdf
from .policy import provinces_for
from .selectors import province_targets


def start_province_targets(*, actor: User, province: Province, year: int, fmt: str = "xlsx") -> Job:
    """The whole province's targets report, as a workbook (`fmt` "xlsx") or a PDF ("pdf")."""
    if not provinces_for(actor).filter(pk=province.pk).exists():
        raise PermissionDenied(NO_SCOPE)
    if not 1990 <= year <= 2100:
        raise ValueError("Năm không hợp lệ.")
    kind = {"xlsx": JobKind.PROVINCE_TARGETS, "pdf": JobKind.PROVINCE_TARGETS_PDF}.get(fmt)
    if kind is None:
        raise ValueError("Định dạng không hợp lệ.")
    return start(actor, kind, {"province": province.pk, "year": year},
                 f"Chỉ tiêu và kết quả năm {year} – {province.name} (.{fmt})")


def _province(job: Job) -> tuple[Province, int]:
    province = Province.objects.filter(pk=job.params.get("province")).first()
    if province is None or not provinces_for(job.owner).filter(pk=province.pk).exists():
        raise JobRefused("Tỉnh không còn, hoặc bạn không còn quyền xem báo cáo của tỉnh này.")
    return province, int(job.params.get("year", 0))


def _province_targets(job: Job) -> tuple[bytes, str, str]:
    province, year = _province(job)
    tasks.progress(job, 10, "Đang tổng hợp chỉ tiêu và kết quả của các cơ quan")
    group = province_targets(province, year)
    tasks.progress(job, 70, "Đang ghi bảng tính")
    return group_workbook(group), f"chi-tieu-{province.code}-{year}.xlsx".lower(), XLSX


def _province_targets_pdf(job: Job) -> tuple[bytes, str, str]:
    province, year = _province(job)
    tasks.progress(job, 5, "Đang tổng hợp chỉ tiêu và kết quả của các cơ quan")
    group = province_targets(province, year)

    def laid_out(done: int, total: int) -> None:
        if done == total or done % 5 == 0:  # a write every few agencies is enough for the bar
            tasks.progress(job, 20 + 70 * done // max(total, 1), f"Đang dựng bảng của cơ quan {done}/{total}")

    try:
        pdf = group_pdf(group, laid_out)
    except certificates.CertificateError as exc:  # no font with Vietnamese glyphs on the server
        raise JobRefused(str(exc)) from exc
    return pdf, f"chi-tieu-{province.code}-{year}.pdf".lower(), "application/pdf"


register_runner(JobKind.PROVINCE_TARGETS, _province_targets)
register_runner(JobKind.PROVINCE_TARGETS_PDF, _province_targets_pdf)
