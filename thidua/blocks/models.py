"""The block's year: its emulation compact and scoring table, members' self- and cross-scores, the
meeting's agreed scores, the published result, and the proposals for Cờ thi đua.

Membership, head and deputy per year live in organizations (BlockYear, BlockMembership)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

POINTS = {"max_digits": 6, "decimal_places": 2}


class Compact(models.Model):
    """Giao ước thi đua: what the members commit to for the year, signed at the block's meeting."""

    block_year = models.OneToOneField(
        "organizations.BlockYear", on_delete=models.CASCADE, related_name="compact", verbose_name="khối, năm"
    )
    title = models.CharField("tiêu đề", max_length=300)
    place = models.CharField("địa danh", max_length=100, blank=True)
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    preamble = models.TextField("căn cứ, mở đầu", blank=True)
    commitments = models.TextField("nội dung giao ước", blank=True, help_text="Mỗi nội dung một dòng.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"

    def __str__(self) -> str:
        return self.title

    def commitment_lines(self) -> list[str]:
        return [line.strip() for line in self.commitments.splitlines() if line.strip()]


class GroupKind(models.TextChoices):
    STANDARD = "standard", "Tiêu chí chấm điểm"
    BONUS = "bonus", "Điểm thưởng"
    PENALTY = "penalty", "Điểm trừ"


class CriterionGroup(models.Model):
    """A part of the scoring table (I. Nhiệm vụ chuyên môn …; B. Điểm thưởng; C. Điểm trừ)."""

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveIntegerField(default=0)
    number = models.CharField("số", max_length=10, blank=True)
    title = models.CharField("nhóm tiêu chí", max_length=300)
    kind = models.CharField("loại", max_length=10, choices=GroupKind.choices, default=GroupKind.STANDARD)
    cap = models.DecimalField(
        "tối đa của cả nhóm", null=True, blank=True, help_text="Để trống: bằng tổng điểm tối đa các tiêu chí.",
        **POINTS,
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "nhóm tiêu chí"
        verbose_name_plural = "nhóm tiêu chí"

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Criterion(models.Model):
    """One scored item with its maximum (for a penalty item: the most that may be deducted)."""

    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveIntegerField(default=0)
    number = models.CharField("số", max_length=10, blank=True)
    text = models.CharField("tiêu chí", max_length=500)
    max_points = models.DecimalField("điểm tối đa", **POINTS)
    guidance = models.TextField("cách chấm, minh chứng cần có", blank=True)

    class Meta:
        ordering = ["group__position", "position", "id"]
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"

    def __str__(self) -> str:
        return f"{self.number} {self.text}".strip()

    @property
    def kind(self) -> str:
        return self.group.kind


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", "Đang chấm"
    SUBMITTED = "submitted", "Đã gửi"


class Scorecard(models.Model):
    """The scores one member gives one member: itself (self-score, with evidence) or another
    (cross-score). A draft is seen only by the members of the scoring unit."""

    block_year = models.ForeignKey("organizations.BlockYear", on_delete=models.CASCADE, related_name="scorecards")
    scorer = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị chấm"
    )
    subject = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị được chấm"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT
    )
    note = models.TextField("nhận xét", blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField("lý do trả lại", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "phiếu chấm điểm"
        verbose_name_plural = "phiếu chấm điểm"
        constraints = [
            models.UniqueConstraint(fields=["block_year", "scorer", "subject"], name="unique_scorecard"),
        ]

    def __str__(self) -> str:
        return f"{self.scorer} chấm {self.subject} ({self.block_year.year})"

    @property
    def is_self(self) -> bool:
        return self.scorer_id == self.subject_id


class Score(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("điểm", **POINTS)
    evidence = models.TextField("minh chứng", blank=True)

    class Meta:
        verbose_name = "điểm"
        verbose_name_plural = "điểm"
        constraints = [models.UniqueConstraint(fields=["scorecard", "criterion"], name="unique_score")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"


class Review(models.Model):
    """The year-end review meeting of the block (hội nghị bình xét): the number of Cờ thi đua cấp
    tỉnh it may propose, and when its agreed result was published to the members."""

    block_year = models.OneToOneField(
        "organizations.BlockYear", on_delete=models.CASCADE, related_name="review", verbose_name="khối, năm"
    )
    meeting_date = models.DateField("ngày họp bình xét", null=True, blank=True)
    minutes = models.TextField("kết luận của hội nghị", blank=True)
    province_flag_count = models.PositiveSmallIntegerField(
        "số Cờ thi đua cấp tỉnh được đề nghị", default=2,
        help_text="Theo hướng dẫn của tỉnh cho năm này (thường 1–2 đơn vị dẫn đầu mỗi khối).",
    )
    published_at = models.DateTimeField("công bố kết quả lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "bình xét cuối năm"
        verbose_name_plural = "bình xét cuối năm"

    def __str__(self) -> str:
        return f"Bình xét {self.block_year}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AgreedScore(models.Model):
    """The score the block's meeting agreed for a member on a criterion."""

    block_year = models.ForeignKey("organizations.BlockYear", on_delete=models.CASCADE, related_name="agreed_scores")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("điểm thống nhất", **POINTS)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "điểm thống nhất"
        verbose_name_plural = "điểm thống nhất"
        constraints = [
            models.UniqueConstraint(fields=["block_year", "unit", "criterion"], name="unique_agreed_score"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.criterion_id}: {self.points}"


class Proposal(models.Model):
    """The block proposes a member for Cờ thi đua cấp tỉnh (CO_TINH) or của Chính phủ (CO_CP), with
    the rules engine's verdict and the quota check at the time of proposing."""

    block_year = models.ForeignKey("organizations.BlockYear", on_delete=models.CASCADE, related_name="proposals")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    award_code = models.CharField("mã danh hiệu", max_length=20)
    rank = models.PositiveIntegerField("xếp hạng")
    score = models.DecimalField("tổng điểm", **POINTS)
    verdict = models.CharField("kết quả kiểm tra", max_length=15)
    reasons = models.JSONField("căn cứ", default=list)
    quota_exceeded = models.BooleanField("vượt tỷ lệ", default=False)
    quota_note = models.CharField("kiểm tra tỷ lệ", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["block_year", "award_code", "rank"]
        verbose_name = "đề nghị tặng Cờ thi đua"
        verbose_name_plural = "đề nghị tặng Cờ thi đua"
        constraints = [
            models.UniqueConstraint(fields=["block_year", "unit", "award_code"], name="unique_block_proposal"),
        ]

    def __str__(self) -> str:
        return f"{self.award_code}: {self.unit} ({self.block_year})"
