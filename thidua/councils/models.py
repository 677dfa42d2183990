"""Emulation and commendation councils (Hội đồng Thi đua – Khen thưởng): their members, sessions,
the agenda of candidates, attendance and secret-ballot results.

A ballot result holds counts only (tán thành / không tán thành / không hợp lệ): the product never
stores who voted how. The vote thresholds a ballot is judged by are law, kept with the rest of it
in `thidua.catalog` (`VoteThreshold`); a ballot keeps the row it was judged by and its words."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from thidua.accounts.scope import VIEW, Scope, ScopedQuerySet
from thidua.decisions.models import format_number
from thidua.organizations.selectors import lineage_ids


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch Hội đồng"
    STANDING = "standing", "Ủy viên thường trực"
    SECRETARY = "secretary", "Thư ký Hội đồng"
    MEMBER = "member", "Ủy viên"


ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.VICE_CHAIR: 1, MemberRole.STANDING: 2, MemberRole.MEMBER: 3,
              MemberRole.SECRETARY: 4}


class CouncilQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> CouncilQuerySet:
        """view: the province board every council of its province (its agencies' too, to read the
        minutes sent in dossiers); an agency its own council (and those of units it continues).
        Running a council: councils.policy.can_run."""
        if action != VIEW:
            return self.none()
        if scope.province_board:
            return self.filter(owner__province_id=scope.province_id)
        return self.filter(owner_id__in=lineage_ids(scope.agency_id))


class Council(models.Model):
    """The council of an agency (for unit-level titles) or of the province (for provincial titles
    and proposals upward)."""

    owner = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="councils", verbose_name="cơ quan, đơn vị"
    )
    name = models.CharField("tên hội đồng", max_length=255,
                            help_text="Ví dụ: Hội đồng Thi đua – Khen thưởng Sở Khoa học và Công nghệ")
    basis = models.CharField("quyết định thành lập", max_length=300, blank=True)
    active_from = models.DateField("hoạt động từ", null=True, blank=True)
    active_to = models.DateField("hoạt động đến", null=True, blank=True)
    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = "hội đồng thi đua – khen thưởng"
        verbose_name_plural = "hội đồng thi đua – khen thưởng"
        ordering = ["owner__province__code", "owner__position", "name"]

    def __str__(self) -> str:
        return self.name

    def members_on(self, day: dt.date) -> models.QuerySet[CouncilMember]:
        return self.members.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class CouncilMember(models.Model):
    """A member with a role for a period. Members often come from other bodies (the provincial
    council): the name and position are text; `staff` links a member who is on our staff lists."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField("họ và tên", max_length=150)
    position = models.CharField("chức vụ, đơn vị công tác", max_length=255, blank=True)
    role = models.CharField("chức danh trong hội đồng", max_length=12, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    staff = models.ForeignKey("organizations.Staff", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="council_memberships", verbose_name="cán bộ")
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên hội đồng"
        verbose_name_plural = "thành viên hội đồng"
        ordering = ["council", "valid_from", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày kết thúc phải sau ngày bắt đầu."})


class SessionStatus(models.TextChoices):
    OPEN = "open", "Đang họp, đang nhập kết quả"
    CLOSED = "closed", "Đã kết thúc, đã lập biên bản"


class SessionQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> SessionQuerySet:
        """The sessions of the councils the user may reach for the same action."""
        return self.filter(council__in=Council.objects.restrict(scope, action))


class Session(models.Model):
    """One meeting of a council: date, the emulation year considered, the rule set its thresholds
    come from, who attended, and the candidates on the agenda."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions", verbose_name="hội đồng")
    date = models.DateField("ngày họp")
    start_time = models.TimeField("giờ bắt đầu", null=True, blank=True)
    end_time = models.TimeField("giờ kết thúc", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    year = models.PositiveIntegerField("xét khen thưởng năm")
    rule_set = models.ForeignKey(
        "catalog.RuleSet", on_delete=models.PROTECT, related_name="+", verbose_name="bộ quy định áp dụng",
        help_text="Mặc định: bộ quy định có hiệu lực vào ngày họp.",
    )
    purpose = models.CharField("nội dung", max_length=300, blank=True,
                               help_text="Ví dụ: xét tặng danh hiệu thi đua, hình thức khen thưởng năm 2022")
    conclusion = models.TextField("kết luận khác", blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN)
    minutes_number = models.PositiveIntegerField("số biên bản", null=True, blank=True)
    minutes_symbol = models.CharField("ký hiệu biên bản", max_length=40, default="BB-HĐTĐKT")
    minutes_year = models.PositiveIntegerField("năm của số biên bản", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "phiên họp hội đồng"
        verbose_name_plural = "phiên họp hội đồng"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.council} – họp ngày {self.date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN

    @property
    def minutes_number_display(self) -> str:
        """'01/BB-HĐTĐKT' (leading zero below 10), or '    /BB-HĐTĐKT' before numbering."""
        return format_number(self.minutes_number, self.minutes_symbol)


class Presence(models.TextChoices):
    PRESENT = "present", "Có mặt"
    WRITTEN = "written", "Vắng, có ý kiến bằng văn bản"
    ABSENT = "absent", "Vắng mặt"


class SessionAttendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="attendance")
    presence = models.CharField("tham dự", max_length=10, choices=Presence.choices, default=Presence.PRESENT)

    class Meta:
        verbose_name = "tham dự phiên họp"
        verbose_name_plural = "tham dự phiên họp"
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="unique_session_attendance")]

    def __str__(self) -> str:
        return f"{self.member.full_name}: {self.get_presence_display()}"


class Candidate(models.Model):
    """One item of the agenda: a person or a collective proposed for a title or form for a year."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveIntegerField("thứ tự", default=0)
    staff = models.ForeignKey("organizations.Staff", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="council_candidacies", verbose_name="cá nhân")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="council_candidacies", verbose_name="tập thể")
    code = models.CharField("mã danh hiệu, hình thức", max_length=20)
    year = models.PositiveIntegerField("năm")
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "đối tượng được xét"
        verbose_name_plural = "đối tượng được xét"
        ordering = ["session", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(staff__isnull=False, unit__isnull=True) | Q(staff__isnull=True, unit__isnull=False)),
                name="candidate_person_or_collective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.code} {self.year}"

    @property
    def subject_name(self) -> str:
        return self.staff.full_name if self.staff_id else self.unit.name

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None


class BallotResult(models.Model):
    """The counted ballots for one candidate — counts only, never who voted how — and the verdict
    with the threshold it was judged by, copied so the minutes keep saying what was decided even
    if the threshold row is edited later."""

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="ballot")
    yes = models.PositiveIntegerField("tán thành")
    no = models.PositiveIntegerField("không tán thành")
    invalid = models.PositiveIntegerField("không hợp lệ", default=0)
    passed = models.BooleanField("đạt")
    required_yes = models.PositiveIntegerField("số phiếu tán thành cần có")
    base = models.PositiveIntegerField("tính trên số")
    threshold = models.ForeignKey("catalog.VoteThreshold", on_delete=models.SET_NULL, null=True, related_name="+")
    threshold_text = models.CharField("ngưỡng áp dụng", max_length=300)
    basis = models.CharField("căn cứ", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết quả bỏ phiếu"
        verbose_name_plural = "kết quả bỏ phiếu"

    def __str__(self) -> str:
        return f"{self.candidate}: {self.yes}/{self.no}/{self.invalid}"
