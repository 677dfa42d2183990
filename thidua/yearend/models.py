"""The year end of an agency beyond the records kept by `thidua.evaluation`:

- `IndividualRegistration`: the title a staff member registers for at the start of the year (one
  row per person and year), compared with the agency's own registration;
- `Nomination` (hồ sơ đề nghị khen thưởng) with its `NominationLine`s (a person or a collective and
  a title or form) and its `NominationEvent`s (who did what, when, why). A nomination goes to the
  agency's own council (level "unit") or to the province (level "province"); its life is
  draft → submitted → appraised → council → decided, or withdrawn; the appraiser may return single
  lines with a reason without failing the rest.

Writes go through `services.py`; the council's ballots and the decision are those of
`thidua.councils` and `thidua.decisions`, linked here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.accounts.scope import VIEW, Scope, ScopedQuerySet
from thidua.decisions.models import format_number
from thidua.emulation.models import Authority
from thidua.organizations.selectors import lineage_ids


class IndividualRegistration(models.Model):
    """Đăng ký danh hiệu thi đua của cá nhân: the title a person aims for in `year`."""

    staff = models.ForeignKey("organizations.Staff", on_delete=models.CASCADE, related_name="title_registrations",
                              verbose_name="cá nhân")
    year = models.PositiveSmallIntegerField("năm")
    code = models.CharField("danh hiệu đăng ký", max_length=20)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đăng ký thi đua cá nhân"
        verbose_name_plural = "đăng ký thi đua cá nhân"
        ordering = ["staff", "-year"]
        constraints = [models.UniqueConstraint(fields=["staff", "year"], name="unique_individual_registration")]

    def __str__(self) -> str:
        return f"{self.staff} – {self.year}: {self.code}"


def nominations_key(province_id: int | None) -> str:
    """The stamp (core.versions) of the dossiers of a province's agencies, bumped by their saves
    (reports.freshness): narrow, so that editing a dossier does not make every cached page of the
    province stale."""
    return f"nominations:{province_id}"


class Level(models.TextChoices):
    UNIT = "unit", "Hội đồng Thi đua – Khen thưởng của cơ quan"
    PROVINCE = "province", "Cấp tỉnh (Ban Thi đua – Khen thưởng tỉnh)"


class NominationStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã gửi, chờ thẩm định"
    APPRAISED = "appraised", "Đã thẩm định"
    COUNCIL = "council", "Đang xét tại Hội đồng"
    DECIDED = "decided", "Đã có quyết định"
    WITHDRAWN = "withdrawn", "Đã rút hồ sơ"


class NominationQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> NominationQuerySet:
        """view: an agency its nominations (and those of units it continues); the province board the
        province-level nominations sent (not drafts) by agencies of its province. The steps
        (edit, submit, appraise, council, ballot, decide): yearend.policy.can."""
        if action != VIEW:
            return self.none()
        if scope.province_board:
            return self.filter(unit__province_id=scope.province_id, level=Level.PROVINCE).exclude(
                status=NominationStatus.DRAFT)
        return self.filter(unit_id__in=lineage_ids(scope.agency_id))


class Nomination(models.Model):
    """Hồ sơ đề nghị khen thưởng of an agency for a year; its cover letter is the tờ trình."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="nominations",
                             verbose_name="cơ quan đề nghị")
    year = models.PositiveSmallIntegerField("khen thưởng năm")
    level = models.CharField("trình", max_length=10, choices=Level.choices, default=Level.PROVINCE)
    status = models.CharField("trạng thái", max_length=10, choices=NominationStatus.choices,
                              default=NominationStatus.DRAFT)
    title = models.CharField("trích yếu", max_length=300)
    addressee = models.CharField("kính gửi", max_length=300)
    body = models.TextField("nội dung đề nghị", blank=True,
                            help_text="Các đoạn thân tờ trình; để trống: hệ thống tự lập.")
    # The tờ trình's number is given when the dossier is sent (from the agency's register).
    number = models.PositiveIntegerField("số tờ trình", null=True, blank=True)
    symbol = models.CharField("ký hiệu tờ trình", max_length=40, blank=True, help_text="Ví dụ: TTr-KHCN")
    doc_date = models.DateField("ngày tờ trình", null=True, blank=True)
    signer_authority = models.CharField("quyền hạn ký", max_length=5, choices=Authority.choices, blank=True)
    signer_title = models.CharField("chức danh thủ trưởng", max_length=100, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=150, blank=True)
    council_session = models.ForeignKey("councils.Session", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="nominations", verbose_name="phiên họp hội đồng")
    decision = models.ForeignKey("decisions.Decision", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="nominations", verbose_name="quyết định khen thưởng")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NominationQuerySet.as_manager()
    class Meta:
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        ordering = ["-year", "-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "year"]), models.Index(fields=["status", "level"])]

    def __str__(self) -> str:
        return f"Hồ sơ đề nghị khen thưởng năm {self.year} – {self.unit}"

    @property
    def number_display(self) -> str:
        return format_number(self.number, self.symbol)

    @property
    def is_draft(self) -> bool:
        return self.status == NominationStatus.DRAFT


class LineStatus(models.TextChoices):
    PROPOSED = "proposed", "Đề nghị"
    RETURNED = "returned", "Bị trả lại"
    PASSED = "passed", "Hội đồng tán thành"
    FAILED = "failed", "Không đủ số phiếu"


class NominationLine(models.Model):
    """One person (staff) or collective (unit) proposed for a title or form."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField("thứ tự", default=0)
    staff = models.ForeignKey("organizations.Staff", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="nomination_lines", verbose_name="cá nhân")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="nomination_lines", verbose_name="tập thể")
    code = models.CharField("danh hiệu, hình thức", max_length=20)
    summary = models.TextField("tóm tắt thành tích", blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=LineStatus.choices, default=LineStatus.PROPOSED)
    return_reason = models.TextField("lý do trả lại", blank=True)
    candidate = models.OneToOneField("councils.Candidate", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="nomination_line")
    decision_line = models.OneToOneField("decisions.DecisionLine", on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="nomination_line")

    class Meta:
        verbose_name = "dòng đề nghị"
        verbose_name_plural = "dòng đề nghị"
        ordering = ["nomination", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(staff__isnull=False, unit__isnull=True) | Q(staff__isnull=True, unit__isnull=False)),
                name="nomination_line_person_or_collective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.code}"

    @property
    def subject_name(self) -> str:
        return self.staff.full_name if self.staff_id else self.unit.name

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def is_active(self) -> bool:
        return self.status != LineStatus.RETURNED


class EventAction(models.TextChoices):
    CREATE = "create", "Lập hồ sơ"
    SUBMIT = "submit", "Gửi hồ sơ"
    RETURN_LINE = "return_line", "Trả lại một đề nghị"
    RETURN = "return", "Trả lại hồ sơ"
    APPRAISE = "appraise", "Thẩm định xong"
    COUNCIL = "council", "Đưa ra Hội đồng"
    BALLOT = "ballot", "Ghi kết quả bỏ phiếu"
    DECIDE = "decide", "Lập quyết định khen thưởng"
    WITHDRAW = "withdraw", "Rút hồ sơ"


class NominationEvent(models.Model):
    """One step of a nomination's life: who, when, from which state to which, and why."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="events")
    line = models.ForeignKey(NominationLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    action = models.CharField(max_length=12, choices=EventAction.choices)
    from_status = models.CharField(max_length=10, choices=NominationStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=NominationStatus.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = "lịch sử hồ sơ đề nghị"
        verbose_name_plural = "lịch sử hồ sơ đề nghị"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.at:%d/%m/%Y %H:%M}"
