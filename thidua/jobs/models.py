"""Background jobs: heavy work (PDF of a big document, whole-province exports) runs in a worker
(`thidua db_worker`, django-tasks with its database queue), never in a request. A `Job` is what
the user sees: what is being made, how far along, and the file when it is done."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobKind(models.TextChoices):
    DOCUMENT_PDF = "document_pdf", "Văn bản (.pdf)"
    DECISION_PDF = "decision_pdf", "Quyết định khen thưởng (.pdf)"
    PROVINCE_TARGETS = "province_targets", "Báo cáo chỉ tiêu toàn tỉnh (.xlsx)"
    PROVINCE_TARGETS_PDF = "province_targets_pdf", "Báo cáo chỉ tiêu toàn tỉnh (.pdf)"
    DECISION_CERTIFICATES = "decision_certificates", "Bằng, giấy khen của một quyết định (.pdf)"
    STAFF_IMPORT_PREVIEW = "staff_import_preview", "Xem trước danh sách nhân sự nhập từ tệp"
    STAFF_IMPORT = "staff_import", "Cập nhật danh sách nhân sự từ tệp"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang thực hiện"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Không thực hiện được"


class Job(models.Model):
    kind = models.CharField("loại việc", max_length=30, choices=JobKind.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs",
                              verbose_name="người yêu cầu")
    params = models.JSONField("tham số", default=dict, blank=True)
    title = models.CharField("tên", max_length=300)
    status = models.CharField("trạng thái", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    step = models.CharField("bước", max_length=200, blank=True)
    error = models.TextField("lỗi", blank=True)
    file = models.FileField("tệp kết quả", upload_to="jobs/%Y/%m/", blank=True)
    # A large upload waits here for the worker (the staff import): kept in media, not in the session.
    source = models.FileField("tệp tải lên", upload_to="jobs/uploads/%Y/%m/", blank=True)
    # What a job that makes no file found (the staff import's counts, its rows' errors).
    result = models.JSONField("kết quả", default=dict, blank=True)
    filename = models.CharField("tên tệp tải về", max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "created_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_percent")]

    def __str__(self) -> str:
        return f"{self.title} – {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
