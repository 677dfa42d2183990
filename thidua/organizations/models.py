"""Provinces, agencies and their departments, emulation blocks, staff.

Units keep a stable identity (code) while their name changes over time; merges and splits are
recorded as successions so that history (registrations, awards) stays attached and can be
followed from the successor."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from thidua.accounts.scope import CHANGE, VIEW, Scope, ScopedQuerySet
from thidua.core.text import fold


class ProvinceQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> ProvinceQuerySet:
        """view: everyone's own province; manage (its blocks, reports, rules): the province board."""
        if action == VIEW or (action == "manage" and scope.province_board):
            return self.filter(pk=scope.province_id)
        return self.none()


class Province(models.Model):
    code = models.CharField("mã", max_length=20, unique=True)
    name = models.CharField("tên", max_length=200)
    parent_body = models.CharField(
        "cơ quan chủ quản (in trên văn bản)", max_length=200, help_text="Ví dụ: UBND TỈNH THÁI NGUYÊN"
    )
    place_name = models.CharField("địa danh ghi trên văn bản", max_length=100, help_text="Ví dụ: Thái Nguyên")
    active_from = models.DateField("hiệu lực từ", null=True, blank=True)
    active_to = models.DateField("hiệu lực đến", null=True, blank=True)
    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = "tỉnh, thành phố"
        verbose_name_plural = "tỉnh, thành phố"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    PROVINCE_BODY = "province_body", "Cơ quan cấp tỉnh (UBND, Ban TĐKT)"
    AGENCY = "agency", "Cơ quan, đơn vị"
    DEPARTMENT = "department", "Phòng, ban trực thuộc"


class IssuerLevel(models.TextChoices):
    """The level of the body that issues a decision: some coefficients depend on it (a Giấy khen of
    a commune chairman is 0.15, of a department director 0.3 — ND 91/2017)."""

    STATE = "state", "Nhà nước (Chủ tịch nước)"
    GOVERNMENT = "government", "Chính phủ, Thủ tướng"
    MINISTRY = "ministry", "Bộ, ngành trung ương"
    PROVINCE = "province", "Cấp tỉnh"
    UNIT = "unit", "Sở, ngành, cơ quan, đơn vị"
    COMMUNE = "commune", "Cấp xã"


class UnitQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> UnitQuerySet:
        """view (organisation data: departments, staff): the province board its province's units, an
        agency's people the agency and its departments. change (rename, merge, split — governing
        the unit): the province board any unit of its province, an agency officer its departments."""
        own_departments = Q(parent_id=scope.agency_id, kind=UnitKind.DEPARTMENT)
        if action == VIEW:
            if scope.province_board:
                return self.filter(province_id=scope.province_id)
            return self.filter(Q(pk=scope.agency_id) | own_departments)
        if action == CHANGE:
            if scope.province_board:
                return self.filter(province_id=scope.province_id)
            if scope.agency_officer:
                return self.filter(own_departments)
        return self.none()

    def active_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=day)
        )

    def agencies(self) -> UnitQuerySet:
        return self.filter(kind=UnitKind.AGENCY)

    def departments(self) -> UnitQuerySet:
        return self.filter(kind=UnitKind.DEPARTMENT)


class Unit(models.Model):
    """An organisation in the tree: a provincial body, an agency (sở, ban, ngành) or one of its
    departments (phòng, ban)."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    document_name = models.CharField(
        "tên in trên văn bản", max_length=255, blank=True, help_text="Ví dụ: SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    )
    symbol = models.CharField(
        "chữ viết tắt trong số ký hiệu văn bản", max_length=40, blank=True, help_text="Ví dụ: KHCN"
    )
    kind = models.CharField("loại", max_length=20, choices=UnitKind.choices)
    level = models.CharField(
        "cấp ban hành quyết định", max_length=12, choices=IssuerLevel.choices, blank=True,
        help_text="Để trống: cơ quan cấp tỉnh là cấp tỉnh, cơ quan, đơn vị khác là cấp sở, ngành. "
                  "Chọn “Cấp xã” cho Ủy ban nhân dân cấp xã (Giấy khen có mức thưởng riêng).",
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="units", verbose_name="tỉnh")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="đơn vị cha"
    )
    position = models.PositiveIntegerField("thứ tự", default=0)
    active_from = models.DateField("hoạt động từ", null=True, blank=True)
    active_to = models.DateField("hoạt động đến", null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["province__code", "position", "name"]
        indexes = [models.Index(fields=["kind", "province"])]

    def __str__(self) -> str:
        return self.name

    def names_on(self, day: dt.date) -> tuple[str, str]:
        """(name, name printed on documents) in force on `day`: a renamed unit's old documents keep
        the name it had then."""
        for former in self.former_names.all():
            if former.valid_to >= day and (former.valid_from is None or former.valid_from <= day):
                return former.name, former.document_name or former.name.upper()
        return self.name, self.document_name or self.name.upper()

    @property
    def issuer_level(self) -> str:
        """The level that decides a decision's coefficients (IssuerLevel)."""
        if self.level:
            return self.level
        return IssuerLevel.PROVINCE if self.kind == UnitKind.PROVINCE_BODY else IssuerLevel.UNIT

    @property
    def agency(self) -> Unit:
        """The agency a department belongs to (or the unit itself)."""
        return self.parent if self.kind == UnitKind.DEPARTMENT and self.parent else self


class SuccessionKind(models.TextChoices):
    RENAME = "rename", "Đổi tên"
    MERGE = "merge", "Hợp nhất, sáp nhập"
    SPLIT = "split", "Chia, tách"


class UnitSuccession(models.Model):
    """`predecessor` continued as `successor` from `date` (a merge has several predecessors with
    one successor, a split the reverse). History of the predecessor belongs to the successor."""

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successions_out")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successions_in")
    kind = models.CharField("hình thức", max_length=10, choices=SuccessionKind.choices)
    date = models.DateField("ngày hiệu lực")
    basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "kế thừa đơn vị"
        verbose_name_plural = "kế thừa đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_unit_succession"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"


class UnitName(models.Model):
    """A former name of a unit, with the period it was used (renames keep their history)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField("tên", max_length=255)
    document_name = models.CharField("tên in trên văn bản", max_length=255, blank=True)
    valid_from = models.DateField("từ", null=True, blank=True)
    valid_to = models.DateField("đến")

    class Meta:
        verbose_name = "tên cũ"
        verbose_name_plural = "tên cũ"
        ordering = ["-valid_to"]

    def __str__(self) -> str:
        return self.name


class BlockKind(models.TextChoices):
    BLOCK = "khoi", "Khối thi đua"
    CLUSTER = "cum", "Cụm thi đua"


class Block(models.Model):
    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    kind = models.CharField("loại", max_length=4, choices=BlockKind.choices, default=BlockKind.BLOCK)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="blocks", verbose_name="tỉnh")

    class Meta:
        verbose_name = "khối, cụm thi đua"
        verbose_name_plural = "khối, cụm thi đua"
        ordering = ["province__code", "name"]

    def __str__(self) -> str:
        return self.name

    def head_title(self) -> str:
        """'Trưởng Khối Thi đua các cơ quan tham mưu tổng hợp' — how registrations address it."""
        word = "Khối" if self.kind == BlockKind.BLOCK else "Cụm"
        rest = self.name.split(" ", 1)[1] if self.name.lower().startswith(("khối ", "cụm ")) else self.name
        return f"Trưởng {word} Thi đua {rest}"


class BlockYearQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> BlockYearQuerySet:
        """view: the province board its province's blocks; an agency the block-years it is a member
        of or heads (the head's officer included, member or not)."""
        if action != VIEW:
            return self.none()
        if scope.province_board:
            return self.filter(block__province_id=scope.province_id)
        return self.filter(Q(memberships__unit_id=scope.agency_id) | Q(head_id=scope.agency_id)).distinct()


class BlockYear(models.Model):
    """A block's setup for one year: who heads it (rotates yearly) and who is deputy."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveIntegerField("năm")
    head = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name="trưởng khối"
    )
    deputy = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name="phó trưởng khối"
    )
    members = models.ManyToManyField(Unit, through="BlockMembership", related_name="block_years")
    objects = BlockYearQuerySet.as_manager()

    class Meta:
        verbose_name = "khối thi đua theo năm"
        verbose_name_plural = "khối thi đua theo năm"
        constraints = [models.UniqueConstraint(fields=["block", "year"], name="unique_block_year")]
        ordering = ["block", "-year"]

    def __str__(self) -> str:
        return f"{self.block} – {self.year}"


class BlockMembership(models.Model):
    block_year = models.ForeignKey(BlockYear, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="block_memberships")
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "thành viên khối"
        verbose_name_plural = "thành viên khối"
        constraints = [models.UniqueConstraint(fields=["block_year", "unit"], name="unique_block_member")]
        ordering = ["position", "unit__name"]

    def __str__(self) -> str:
        return f"{self.unit} ∈ {self.block_year}"


class StaffKind(models.TextChoices):
    CADRE = "can_bo", "Cán bộ"
    CIVIL_SERVANT = "cong_chuc", "Công chức"
    PUBLIC_EMPLOYEE = "vien_chuc", "Viên chức"
    WORKER = "nguoi_lao_dong", "Người lao động"


# Positions that head a unit or a department (their deputies are "Phó …"): what lists put first.
HEAD_POSITIONS = ("Chủ tịch UBND tỉnh", "Giám đốc", "Chánh Văn phòng UBND tỉnh", "Chánh Thanh tra tỉnh", "Trưởng ban",
                  "Chánh Văn phòng", "Chánh Thanh tra", "Trưởng phòng", "Thủ trưởng")


class StaffQuerySet(ScopedQuerySet):
    def restrict(self, scope: Scope, action: str) -> StaffQuerySet:
        """view (records, ratings, award history): the staff of the units whose organisation data
        the user sees — for the province board its agencies' and the province's own bodies' (UBND
        tỉnh's chairman who signs, the council's members). change (add, edit, move, depart): the
        agency's own emulation officer, and the province board for its province's units."""
        if action == VIEW:
            if scope.province_board:
                return self.filter(agency__province_id=scope.province_id)
            return self.filter(agency_id=scope.agency_id)
        if action == CHANGE and scope.province_board:
            return self.filter(agency__province_id=scope.province_id)
        if action == CHANGE and scope.agency_officer:
            return self.filter(agency_id=scope.agency_id)
        return self.none()

    def in_rank_order(self) -> StaffQuerySet:
        """As an agency lists its people: the leaders (no department) first, the head before the
        deputies, then each department in its order with its head, its deputies, the others by name."""
        rank = models.Case(models.When(position__in=HEAD_POSITIONS, then=0),
                           models.When(position__istartswith="Phó ", then=1), default=2,
                           output_field=models.IntegerField())
        return self.order_by(models.F("department__position").asc(nulls_first=True), rank, "full_name")

    def active_on(self, day: dt.date) -> StaffQuerySet:
        """People working in their agency on `day` (those who left before are history, not gone)."""
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=day)
        )

    def active_in_year(self, year: int) -> StaffQuerySet:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=end)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=start)
        )


class Staff(models.Model):
    """A person working in an agency (cán bộ, công chức, viên chức, người lao động)."""

    agency = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="staff", verbose_name="cơ quan")
    department = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="department_staff", null=True, blank=True,
        verbose_name="phòng, ban",
    )
    full_name = models.CharField("họ và tên", max_length=150)
    name_folded = models.CharField(max_length=150, editable=False, db_index=True, default="")
    gender = models.CharField("giới tính", max_length=3, choices=[("nam", "Nam"), ("nu", "Nữ")], blank=True)
    birth_year = models.PositiveIntegerField("năm sinh", null=True, blank=True)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    personal_id = models.CharField(
        "số định danh cá nhân", max_length=12, blank=True,
        validators=[RegexValidator(r"^\d{12}$", "Số định danh cá nhân (số căn cước) gồm đúng 12 chữ số.")],
        help_text="12 chữ số trên thẻ căn cước; dùng để nhận ra người đã có khi nhập lại danh sách.",
    )
    position = models.CharField("chức vụ", max_length=150, blank=True)
    kind = models.CharField("loại", max_length=20, choices=StaffKind.choices)
    active_from = models.DateField("làm việc từ", null=True, blank=True)
    active_to = models.DateField("làm việc đến", null=True, blank=True)
    # The day the person entered service (tuyển dụng): under ND 91/2017 a person recruited less than
    # 10 months before the end of the year cannot be LĐTT. Empty: in service the whole year.
    service_start = models.DateField("ngày tuyển dụng", null=True, blank=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = "cán bộ, công chức, viên chức, người lao động"
        verbose_name_plural = "cán bộ, công chức, viên chức, người lao động"
        ordering = ["agency", "department__position", "full_name"]
        indexes = [models.Index(fields=["agency", "active_from", "active_to"])]
        constraints = [
            # One record per person in an agency; the same person may have a record in another agency
            # they were transferred to.
            models.UniqueConstraint(fields=["agency", "personal_id"], condition=~Q(personal_id=""),
                                    name="unique_staff_personal_id_per_agency"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # Kept in step with the name so "nguyen van an" finds "Nguyễn Văn An" in the database.
        self.name_folded = fold(self.full_name)
        if self.birth_date is not None:
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)

    def is_active_on(self, day: dt.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or self.active_to >= day)


class MovementKind(models.TextChoices):
    MOVE = "move", "Chuyển phòng, ban"
    LEAVE = "leave", "Nghỉ việc"
    RETIRE = "retire", "Nghỉ hưu"
    TRANSFER = "transfer", "Chuyển công tác đến cơ quan khác"


DEPARTURES = (MovementKind.LEAVE, MovementKind.RETIRE, MovementKind.TRANSFER)


class StaffMovement(models.Model):
    """A dated change in a person's place: a move between departments of the agency, or leaving it
    (resignation, retirement, transfer). The person's record stays: awards and ratings follow it."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="movements", verbose_name="người")
    kind = models.CharField("loại", max_length=10, choices=MovementKind.choices)
    date = models.DateField("ngày")
    from_department = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                        verbose_name="từ phòng, ban")
    to_department = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                      verbose_name="đến phòng, ban")
    destination = models.CharField("nơi chuyển đến", max_length=255, blank=True)
    note = models.CharField("ghi chú, căn cứ", max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="người ghi")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "biến động nhân sự"
        verbose_name_plural = "biến động nhân sự"
        ordering = ["staff", "date", "id"]

    def __str__(self) -> str:
        return f"{self.staff} – {self.get_kind_display()} ({self.date:%d/%m/%Y})"

    @property
    def is_departure(self) -> bool:
        return self.kind in DEPARTURES
