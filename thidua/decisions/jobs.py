"""The decisions' background jobs: a decision as PDF, and every certificate of an issued decision
in one PDF. Started here with the same policy as the page that offers them; the worker checks the
scope again when it runs (rights can change while a job waits)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from thidua.accounts.models import User
from thidua.jobs import tasks
from thidua.jobs.models import Job, JobKind
from thidua.jobs.services import NO_SCOPE, start
from thidua.jobs.tasks import JobRefused, register_runner

from . import certificates, policy
from .certificates import MODES
from .documents import export_decision
from .models import Decision


def start_decision_pdf(*, actor: User, decision: Decision) -> Job:
    if not policy.can(actor, "export", decision):
        raise PermissionDenied(NO_SCOPE)
    return start(actor, JobKind.DECISION_PDF, {"decision": decision.pk}, f"{decision} – bản PDF")


def start_decision_certificates(*, actor: User, decision: Decision, mode: str) -> Job:
    """Every certificate of an issued decision in one PDF (`mode`: decisions.certificates.MODES)."""
    if not policy.can(actor, "export", decision):
        raise PermissionDenied(NO_SCOPE)
    if mode not in MODES.values():
        raise ValueError("Kiểu in không hợp lệ.")
    return start(actor, JobKind.DECISION_CERTIFICATES, {"decision": decision.pk, "mode": mode},
                 f"{decision} – bằng, giấy khen (.pdf)")


def _decision_pdf(job: Job) -> tuple[bytes, str, str]:
    decision = Decision.objects.filter(pk=job.params.get("decision")).select_related("issuer").first()
    if decision is None or not policy.can(job.owner, "export", decision):
        raise JobRefused("Quyết định không còn, hoặc bạn không còn quyền xuất quyết định này.")
    tasks.progress(job, 10, f"Đang dựng văn bản Word ({decision.lines.count()} dòng danh sách)")
    docx = export_decision(decision, fmt="docx")
    tasks.progress(job, 50, "Đang chuyển sang PDF")
    return tasks.pdf_of(docx.content), docx.filename.removesuffix(".docx") + ".pdf", "application/pdf"


def _decision_certificates(job: Job) -> tuple[bytes, str, str]:
    decision = Decision.objects.filter(pk=job.params.get("decision")).select_related("issuer").first()
    if decision is None or not policy.can(job.owner, "export", decision):
        raise JobRefused("Quyết định không còn, hoặc bạn không còn quyền in bằng, giấy khen của quyết định này.")
    mode = job.params.get("mode")
    lines = certificates.printable_lines(decision)
    tasks.progress(job, 10, f"Đang in {len(lines)} bằng, giấy khen")
    try:
        pdf = certificates.render_certificates(decision, lines, mode=mode)
    except certificates.CertificateError as exc:
        raise JobRefused(str(exc)) from exc
    return pdf, certificates.certificate_filename(decision, mode), "application/pdf"


register_runner(JobKind.DECISION_PDF, _decision_pdf)
register_runner(JobKind.DECISION_CERTIFICATES, _decision_certificates)
