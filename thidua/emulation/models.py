"""Movements and the yearly emulation registration (bản đăng ký thi đua) of an agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, Scope, ScopedQuerySet
from thidua.organizations.selectors import lineage_ids


class MovementKind(models.TextChoices):
    REGULAR = "thuong_xuyen", "Thường xuyên"
    PERIODIC = "theo_dot", "Theo đợt"
    THEMATIC = "chuyen_de", "Chuyên đề"


class MovementQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> MovementQuerySet:
        """view: the province board its province's movements; an agency those it must respond to."""
        if action != VIEW:
            return self.none()
        if scope.province_board:
            return self.filter(launched_by__province_id=scope.province_id)
        return self.filter(target_units=scope.agency_id).distinct()


class Movement(models.Model):
    """A movement (phong trào thi đua) launched by a body for a period."""

    name = models.CharField("tên phong trào", max_length=300)
    launched_by = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="movements", verbose_name="cơ quan phát động"
    )
    kind = models.CharField("loại", max_length=15, choices=MovementKind.choices, default=MovementKind.REGULAR)
    start_date = models.DateField("bắt đầu", null=True, blank=True)
    end_date = models.DateField("kết thúc", null=True, blank=True)
    # Launched downward (by the province to its agencies): for which year, who must respond, by when.
    launched_for_year = models.PositiveIntegerField("phát động cho năm", null=True, blank=True)
    deadline = models.DateField("hạn đăng ký thi đua", null=True, blank=True)
    documents = models.TextField(
        "văn bản kèm theo", blank=True, help_text="Số, ngày, trích yếu của kế hoạch, hướng dẫn; mỗi văn bản một dòng."
    )
    target_units = models.ManyToManyField(
        "organizations.Unit", blank=True, related_name="movements_to_respond", verbose_name="đơn vị phải hưởng ứng"
    )
    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã gửi"
    RECEIVED = "received", "Đã tiếp nhận"
    RETURNED = "returned", "Bị trả lại"


class Authority(models.TextChoices):
    NONE = "", "(ký trực tiếp)"
    KT = "KT.", "KT. (ký thay)"
    TM = "TM.", "TM. (thay mặt)"
    Q = "Q.", "Q. (quyền)"
    TL = "TL.", "TL. (thừa lệnh)"
    TUQ = "TUQ.", "TUQ. (thừa ủy quyền)"


class RegistrationQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> RegistrationQuerySet:
        """view: the province board its province's registrations; an agency its own and those of the
        units it continues; a block head's officer also its members' registrations of each year its
        agency heads the block. (Edit, submit, receive, return depend on the status too:
        emulation.policy.can.)"""
        if action != VIEW:
            return self.none()
        if scope.province_board:
            return self.filter(unit__province_id=scope.province_id)
        visible = Q(unit_id__in=lineage_ids(scope.agency_id))
        if scope.role == Role.BLOCK_OFFICER:
            visible |= Q(unit__block_memberships__block_year__head_id=scope.agency_id,
                         year=F("unit__block_memberships__block_year__year"))
        return self.filter(visible).distinct()


class Registration(models.Model):
    """An agency's emulation registration for a year: everything the seed document holds.

    Dates drafted before numbering stay partial ("ngày   tháng 02 năm 2022"), so day and month
    are separate, optional fields. `version` guards against two editors overwriting each other."""

    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="registrations", verbose_name="cơ quan"
    )
    year = models.PositiveIntegerField("năm đăng ký")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)

    heading_year = models.PositiveIntegerField("năm ghi ở tiêu đề")
    addressee = models.CharField("kính gửi", max_length=300)
    letter_number = models.CharField("số công văn kèm theo", max_length=20, blank=True)
    letter_symbol = models.CharField("ký hiệu công văn", max_length=40, blank=True, help_text="Ví dụ: KHCN-TTR")
    letter_day = models.PositiveSmallIntegerField("ngày công văn", null=True, blank=True)
    letter_month = models.PositiveSmallIntegerField("tháng công văn", null=True, blank=True)
    letter_year = models.PositiveIntegerField("năm công văn", null=True, blank=True)

    place = models.CharField("địa danh", max_length=100)
    doc_day = models.PositiveSmallIntegerField("ngày", null=True, blank=True)
    doc_month = models.PositiveSmallIntegerField("tháng", null=True, blank=True)
    doc_year = models.PositiveIntegerField("năm", null=True, blank=True)

    preamble = models.TextField("lời mở đầu", blank=True)
    content_intro = models.TextField("căn cứ nội dung thi đua", blank=True)
    professional_goal = models.TextField("về công tác chuyên môn", blank=True)

    signer_authority = models.CharField(
        "thẩm quyền ký", max_length=5, choices=Authority.choices, blank=True, default=Authority.NONE
    )
    signer_authority_title = models.CharField("chức danh người đứng đầu", max_length=100, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=150, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "bản đăng ký thi đua"
        verbose_name_plural = "bản đăng ký thi đua"
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unique_registration_per_year")]

    def __str__(self) -> str:
        return f"Đăng ký thi đua {self.year} – {self.unit}"

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)


class Solution(models.Model):
    """One implementation solution (giải pháp), in order."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="solutions")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField("giải pháp")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "giải pháp"
        verbose_name_plural = "giải pháp"

    def __str__(self) -> str:
        return self.text[:60]


class RegisteredMovement(models.Model):
    """A movement the agency runs, as written in the registration; linked to the movement record
    when known. The text is kept as written because it is printed back verbatim."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="movements")
    movement = models.ForeignKey(Movement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField("nội dung")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "phong trào đăng ký"
        verbose_name_plural = "phong trào đăng ký"

    def __str__(self) -> str:
        return self.text[:60]


class Target(models.Model):
    """One row of the target table: a title or form with collective and individual count and ratio.

    The label and ratios are kept as written ("Chiến sĩ thi đua cấp Bộ, tỉnh"; "> 95%", "15 %", "30")
    because the document prints them back; ratios are parsed where possible (emulation.ratios)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="targets")
    award_type = models.ForeignKey("catalog.AwardType", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField("tên ghi trong bảng", max_length=200)
    note = models.CharField("ghi chú (in nghiêng)", max_length=100, blank=True)
    collective_count = models.PositiveIntegerField("tập thể – số lượng", null=True, blank=True)
    collective_ratio = models.CharField("tập thể – tỷ lệ (%)", max_length=20, blank=True)
    individual_count = models.PositiveIntegerField("cá nhân – số lượng", null=True, blank=True)
    individual_ratio = models.CharField("cá nhân – tỷ lệ (%)", max_length=20, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [models.UniqueConstraint(fields=["registration", "award_type"], name="unique_target_award")]

    def __str__(self) -> str:
        return f"{self.award_type.code}: {self.collective_count or ''}/{self.individual_count or ''}"

    @property
    def is_blank(self) -> bool:
        return (
            self.collective_count is None and self.individual_count is None
            and not self.collective_ratio and not self.individual_ratio
        )


class Action(models.TextChoices):
    CREATE = "create", "Tạo"
    EDIT = "edit", "Sửa"
    SUBMIT = "submit", "Gửi"
    RECEIVE = "receive", "Tiếp nhận"
    RETURN = "return", "Trả lại"


class RegistrationEvent(models.Model):
    """One step of a registration's life: who did what, when, from which state, and why."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "lịch sử xử lý"
        verbose_name_plural = "lịch sử xử lý"

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.at:%d/%m/%Y %H:%M}"
