"""Commendation decisions (quyết định khen thưởng) and their annex lines.

A decision is drafted, then issued: issuing gives it the next number of its issuing body's register
for the symbol and year ("05/QĐ-UBND"), fixes its date, computes the reward money of each line from
the coefficient and base salary in force on that date, and writes the award history. An issued
decision is never edited: a correction or a revocation is a new decision (``corrects`` /
``revokes``) whose issue marks the lines it withdraws or replaces (``revoked_by``) and updates the
award history; the earlier decision keeps its number, text and lines."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum

from thidua.accounts.scope import VIEW, Scope, ScopedQuerySet
from thidua.emulation.models import Authority
from thidua.organizations.models import Staff, Unit
from thidua.organizations.selectors import lineage_ids


def format_number(number: int | None, symbol: str) -> str:
    """'05/QĐ-UBND' (leading zero below 10); before numbering the place is blank ('     /QĐ-UBND')."""
    if number is None:
        return f"     /{symbol}"
    if number <= 0:
        raise ValueError("a document number is a positive integer")
    return f"{number:02d}/{symbol}"


class NumberCounter(models.Model):
    """The register of an issuing body: the last number given to its documents of one symbol in a
    year ("15/QĐ-UBND" is number 15 of symbol QĐ-UBND; minutes "BB-HĐTĐKT" have their own). Numbers
    restart each year and are never reused; the văn thư may raise `last` to match numbers given
    outside this system."""

    issuer = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="number_counters",
                               verbose_name="cơ quan ban hành")
    symbol = models.CharField("ký hiệu", max_length=40, help_text="Ví dụ: QĐ-UBND, BB-HĐTĐKT")
    year = models.PositiveIntegerField("năm")
    last = models.PositiveIntegerField("số đã cấp gần nhất", default=0)

    class Meta:
        verbose_name = "sổ đăng ký số văn bản"
        verbose_name_plural = "sổ đăng ký số văn bản"
        ordering = ["issuer", "symbol", "-year"]
        constraints = [models.UniqueConstraint(fields=["issuer", "symbol", "year"], name="unique_number_counter")]

    def __str__(self) -> str:
        return f"{self.symbol} {self.year}: {self.last}"


def draft_lines_key(province_id: int | None) -> str:
    """The stamp (core.versions) of the lines of the drafts issued in a province: the services bump
    it when a line is added to or taken from a draft without the decision itself being saved (whose
    save bumps the province's stamp). Narrow, so that building a draft line by line does not make
    every cached page of the province stale. Lines are not tracked one by one: issuing saves each
    line of the decision (10,000 bumps for a big one)."""
    return f"decision-lines:{province_id}"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    REVOKED = "revoked", "Đã bị thu hồi"


class DecisionKind(models.TextChoices):
    AWARD = "award", "Khen thưởng"
    CORRECTION = "correction", "Sửa đổi, bổ sung quyết định"
    REVOCATION = "revocation", "Thu hồi quyết định"


class DecisionQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> DecisionQuerySet:
        """view: the province board every decision of its province (any issuer in it); an agency its
        own (and those of units it continues) and the issued or revoked decisions of other bodies
        that concern it (a line for its staff, itself or its departments, or an act amending such
        a decision). Drafting, issuing, correcting: decisions.policy.can."""
        if action != VIEW:
            return self.none()
        if scope.province_board:
            return self.filter(issuer__province_id=scope.province_id)
        lineage = lineage_ids(scope.agency_id)
        # Lines of its people and lines of its units, each read through its own index: one OR
        # across the staff join made SQLite scan every decision line of the nation.
        people = Staff.objects.filter(agency_id__in=lineage).values("pk")
        units = Unit.objects.filter(Q(pk__in=lineage) | Q(parent_id__in=lineage)).values("pk")
        concerning = [DecisionLine.objects.filter(staff_id__in=people).values("decision_id"),
                      DecisionLine.objects.filter(unit_id__in=units).values("decision_id")]
        published = Q(status__in=[DecisionStatus.ISSUED, DecisionStatus.REVOKED])
        about = Q()
        for lines in concerning:
            about |= Q(pk__in=lines) | Q(revokes_id__in=lines) | Q(corrects_id__in=lines)
        return self.filter(Q(issuer_id__in=lineage) | (published & about))

    def allows(self, user: Any, action: str, obj: models.Model) -> bool:
        """restrict's rule for one decision. Its first clause — a board's decisions of its province, an
        agency's own — is answered from the decision itself; the query with the six subqueries (a third
        of a decision page's CPU, compiling it) only for the decisions of other bodies."""
        scope = Scope.of(user)
        if action == VIEW and scope is not None and not scope.admin and scope.agency_id is not None:
            if scope.province_board:
                return obj.issuer.province_id == scope.province_id
            if obj.issuer_id in lineage_ids(scope.agency_id):
                return True
        return super().allows(user, action, obj)


class Decision(models.Model):
    issuer = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="decisions",
                               verbose_name="cơ quan ban hành")
    kind = models.CharField("loại", max_length=12, choices=DecisionKind.choices, default=DecisionKind.AWARD)
    symbol = models.CharField("ký hiệu", max_length=40, help_text="Ví dụ: QĐ-UBND")
    number = models.PositiveIntegerField("số", null=True, blank=True)
    year = models.PositiveIntegerField("năm của số", null=True, blank=True)
    date = models.DateField("ngày ký", null=True, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    title = models.CharField("trích yếu", max_length=500, help_text="Ví dụ: Về việc tặng Bằng khen …")
    award_year = models.PositiveIntegerField("khen thưởng cho năm")
    authority = models.CharField("thẩm quyền ban hành", max_length=255,
                                 help_text="Ví dụ: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN")
    bases = models.JSONField("căn cứ", default=list, blank=True, help_text="Mỗi dòng một căn cứ “Căn cứ …;”")
    article1 = models.TextField("Điều 1 (để trống: tự lập từ danh sách)", blank=True)
    budget_source = models.CharField("nguồn kinh phí", max_length=255, blank=True)
    executors = models.TextField("Điều 3: tổ chức thực hiện", blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    signer_authority = models.CharField("quyền hạn ký", max_length=5, choices=Authority.choices, blank=True)
    signer_title = models.CharField("chức danh thủ trưởng (sau KT., TM.)", max_length=100, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=100)
    signer_name = models.CharField("họ tên người ký", max_length=150, blank=True)
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections",
                                 verbose_name="sửa đổi, bổ sung quyết định")
    revokes = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="revocations",
                                verbose_name="thu hồi quyết định")
    reason = models.TextField("lý do sửa đổi, thu hồi", blank=True)
    council_session = models.ForeignKey("councils.Session", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="decisions", verbose_name="phiên họp hội đồng")
    money_basis = models.CharField("căn cứ tiền thưởng", max_length=300, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=DecisionStatus.choices,
                              default=DecisionStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    withdraws = models.ManyToManyField("DecisionLine", blank=True, related_name="withdrawn_in",
                                       verbose_name="thu hồi các dòng")
    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-date", "-number", "-id"]
        constraints = [
            # Numbers are never shared: per issuing body, symbol and year.
            models.UniqueConstraint(fields=["issuer", "symbol", "year", "number"], name="unique_decision_number"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False, year__isnull=False, date__isnull=False),
                name="issued_decision_is_numbered",
            ),
        ]
        indexes = [models.Index(fields=["award_year", "status"])]

    def __str__(self) -> str:
        if self.number:
            return f"Quyết định số {self.number_display} ngày {self.date:%d/%m/%Y}"
        return f"Dự thảo quyết định: {self.title}"

    @property
    def number_display(self) -> str:
        return format_number(self.number, self.symbol)

    @property
    def is_draft(self) -> bool:
        return self.status == DecisionStatus.DRAFT

    @property
    def amends(self) -> Decision | None:
        return self.revokes or self.corrects

    def total_amount(self) -> int:
        return self.lines.aggregate(s=Sum("amount"))["s"] or 0


class DecisionLine(models.Model):
    """One row of the annex: who (a person or a collective), which title or form, for which year,
    and the money: coefficient × base salary in force on the decision date, rounded up."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField("thứ tự", default=0)
    staff = models.ForeignKey("organizations.Staff", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="decision_lines", verbose_name="cá nhân")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="decision_lines", verbose_name="tập thể")
    code = models.CharField("mã danh hiệu, hình thức", max_length=20)
    award_name = models.CharField("danh hiệu, hình thức", max_length=200)
    year = models.PositiveIntegerField("năm")
    # What the annex prints, as it was on the decision date (units are renamed, people move).
    name = models.CharField("họ tên, tên tập thể", max_length=255)
    job_title = models.CharField("chức vụ", max_length=150, blank=True)
    unit_name = models.CharField("đơn vị", max_length=255, blank=True)
    coefficient = models.DecimalField("hệ số", max_digits=6, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField("mức lương cơ sở", null=True, blank=True)
    amount = models.PositiveIntegerField("số tiền (đồng)", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    replaces = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="replaced_by", verbose_name="thay cho dòng")
    revoked_by = models.ForeignKey(Decision, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="revoked_lines", verbose_name="bị thu hồi, thay thế bởi")

    class Meta:
        verbose_name = "dòng danh sách khen thưởng"
        verbose_name_plural = "dòng danh sách khen thưởng"
        ordering = ["decision", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(staff__isnull=False, unit__isnull=True) | Q(staff__isnull=True, unit__isnull=False)),
                name="decision_line_person_or_collective",
            ),
        ]
        # Reports read the lines of a year for an agency's people or units: without these, the
        # database walks every line in force in the nation.
        indexes = [models.Index(fields=["staff", "year"]), models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.award_name} {self.year}"

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None


class EventAction(models.TextChoices):
    CREATE = "create", "Lập dự thảo"
    EDIT = "edit", "Sửa dự thảo"
    ISSUE = "issue", "Ban hành"
    CORRECTED = "corrected", "Được sửa đổi, bổ sung"
    REVOKED = "revoked", "Bị thu hồi"
    DELETE = "delete", "Xóa dự thảo"


class DecisionEvent(models.Model):
    """The decision's own history: who drafted, issued, corrected or revoked it, when and why."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=EventAction.choices)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    by_decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = "lịch sử quyết định"
        verbose_name_plural = "lịch sử quyết định"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.decision}"


class CertificateLayout(models.Model):
    """Where a province's pre-printed blanks of one title or form (Bằng khen, Giấy khen, …) want
    each field: millimetre offsets from the default position, for the whole page (the printer's
    margin) and for each field (the blank's own design). Printing in full design ignores them."""

    province = models.ForeignKey("organizations.Province", on_delete=models.CASCADE,
                                 related_name="certificate_layouts", verbose_name="tỉnh")
    code = models.CharField("mã danh hiệu, hình thức", max_length=20)
    offset_x = models.DecimalField("dịch cả trang sang phải (mm)", max_digits=5, decimal_places=1, default=0)
    offset_y = models.DecimalField("dịch cả trang xuống dưới (mm)", max_digits=5, decimal_places=1, default=0)
    field_offsets = models.JSONField("dịch từng ô (mm)", default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "vị trí in trên phôi"
        verbose_name_plural = "vị trí in trên phôi"
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="unique_certificate_layout")]

    def __str__(self) -> str:
        return f"{self.province} – {self.code}"
