"""Word templates an administrator can replace. When no replacement is uploaded for a kind, the
template shipped in thidua/documents/templates_docx/ is used."""

from django.db import models


class TemplateKind(models.TextChoices):
    REGISTRATION = "registration", "Bản đăng ký thi đua"
    COVER_LETTER = "cover_letter", "Công văn gửi bản đăng ký thi đua"
    BLOCK_REGISTRATION = "block_registration", "Tổng hợp đăng ký thi đua của khối"
    DECISION = "decision", "Quyết định khen thưởng"
    COUNCIL_MINUTES = "council_minutes", "Biên bản họp Hội đồng Thi đua – Khen thưởng"
    PROPOSAL_LETTER = "proposal_letter", "Tờ trình đề nghị khen thưởng"
    ACHIEVEMENT_REPORT = "achievement_report", "Báo cáo thành tích"


class DocumentTemplate(models.Model):
    kind = models.CharField("loại văn bản", max_length=30, choices=TemplateKind.choices, unique=True)
    file = models.FileField("tệp mẫu (.docx)", upload_to="document-templates/")
    uploaded_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản"

    def __str__(self) -> str:
        return self.get_kind_display()
