"""The law as data: titles and forms, legal regimes (rule sets), quotas, reward coefficients and
base salaries. Each row carries its legal basis and effective period, and an administrator edits
them in the admin: a correction of the law is a data edit, not a release."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class AwardKind(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    BOTH = "both", "Cá nhân và tập thể"


class CollectiveScope(models.TextChoices):
    DEPARTMENT = "department", "Phòng, ban trực thuộc"
    AGENCY = "agency", "Tập thể đơn vị"
    ANY = "any", "Phòng, ban hoặc đơn vị"


class AwardType(models.Model):
    """A title (danh hiệu thi đua) or form of commendation (hình thức khen thưởng)."""

    code = models.CharField("mã", max_length=20, unique=True)
    name = models.CharField("tên", max_length=200)
    kind = models.CharField("loại", max_length=5, choices=AwardKind.choices)
    subject = models.CharField("đối tượng", max_length=10, choices=Subject.choices)
    level = models.CharField("cấp", max_length=20)
    position = models.PositiveIntegerField("thứ tự trong bảng đăng ký", null=True, blank=True)
    registration_note = models.CharField(
        "ghi chú trong bảng đăng ký", max_length=100, blank=True, help_text="Ví dụ: phòng, ban trực thuộc đơn vị"
    )
    collective_scope = models.CharField(
        "tập thể được xét", max_length=10, choices=CollectiveScope.choices, default=CollectiveScope.ANY
    )
    active = models.BooleanField("đang dùng", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh hiệu, hình thức khen thưởng"
        ordering = [models.F("position").asc(nulls_last=True), "code"]

    def __str__(self) -> str:
        return self.name

    def allows_individual(self) -> bool:
        return self.subject in (Subject.INDIVIDUAL, Subject.BOTH)

    def allows_collective(self) -> bool:
        return self.subject in (Subject.COLLECTIVE, Subject.BOTH)


class Rounding(models.TextChoices):
    DOWN = "down", "Làm tròn xuống"
    UP = "up", "Làm tròn lên"
    HALF_UP = "half_up", "Làm tròn đến số gần nhất (0,5 lên)"


def _overlapping(qs: models.QuerySet, start: dt.date, end: dt.date | None) -> models.QuerySet:
    qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    return qs if end is None else qs.filter(valid_from__lte=end)


class EffectiveQuerySet(models.QuerySet):
    def in_force_on(self, day: dt.date) -> EffectiveQuerySet:
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Effective(models.Model):
    """Something in force from `valid_from` to `valid_to` (inclusive; open-ended when empty)."""

    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    basis = models.CharField("căn cứ pháp lý", max_length=300, blank=True)

    objects = EffectiveQuerySet.as_manager()

    # Fields that identify "the same thing" whose periods may not overlap.
    overlap_key: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})
        if self.valid_from is None:
            return
        same = type(self).objects.filter(**{k: getattr(self, k) for k in self.overlap_key}).exclude(pk=self.pk)
        clash = _overlapping(same, self.valid_from, self.valid_to).first()
        if clash:
            raise ValidationError(
                f"Thời gian hiệu lực trùng với bản ghi khác ({clash}, từ {clash.valid_from:%d/%m/%Y})."
            )


class RuleSet(Effective):
    """A legal regime, e.g. ND91-2017: which texts apply in which period."""

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên", max_length=200)
    texts = models.TextField("văn bản áp dụng")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bộ quy định (chế độ pháp lý)"
        verbose_name_plural = "bộ quy định (chế độ pháp lý)"
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.code

    @classmethod
    def for_year(cls, year: int) -> RuleSet | None:
        """A title for year Y is judged under the rule set in force at the end of Y."""
        return cls.objects.in_force_on(dt.date(year, 12, 31)).first()


class QuotaRule(Effective):
    """A cap: `code` may not exceed `ratio`% of `base_code` in a unit (e.g. CSTĐCS ≤ 15% of LĐTT).
    A row with a province overrides the national row (province empty) of the same rule set."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="quotas", verbose_name="bộ quy định")
    province = models.ForeignKey(
        "organizations.Province", on_delete=models.CASCADE, null=True, blank=True, verbose_name="tỉnh (nếu riêng)"
    )
    code = models.CharField("mã danh hiệu bị giới hạn", max_length=20)
    base_code = models.CharField("mã danh hiệu làm cơ sở tính", max_length=20)
    ratio = models.DecimalField("tỷ lệ tối đa (%)", max_digits=5, decimal_places=2)
    rounding = models.CharField(
        "làm tròn", max_length=10, choices=Rounding.choices, blank=True,
        help_text="Để trống để theo thiết lập làm tròn của tỉnh (mặc định: làm tròn xuống).",
    )
    history = HistoricalRecords()

    overlap_key = ("rule_set_id", "province_id", "code")

    class Meta:
        verbose_name = "giới hạn tỷ lệ"
        verbose_name_plural = "giới hạn tỷ lệ"
        ordering = ["rule_set", "code", "province"]

    def __str__(self) -> str:
        where = f" ({self.province})" if self.province_id else ""
        return f"{self.code} ≤ {self.ratio}% {self.base_code}{where}"

    def clean(self) -> None:
        if self.ratio is not None and not (0 <= self.ratio <= 100):
            raise ValidationError({"ratio": "Tỷ lệ phải từ 0 đến 100%."})
        super().clean()


class RewardCoefficient(Effective):
    """Reward money coefficient of a code (× base salary). A row with a province overrides the
    national row (province empty) of the same rule set, code and subject."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="coefficients")
    province = models.ForeignKey(
        "organizations.Province", on_delete=models.CASCADE, null=True, blank=True, verbose_name="tỉnh (nếu riêng)"
    )
    code = models.CharField("mã", max_length=20)
    subject = models.CharField("đối tượng", max_length=10, choices=Subject.choices, default=Subject.INDIVIDUAL)
    coefficient = models.DecimalField("hệ số", max_digits=6, decimal_places=2)
    history = HistoricalRecords()

    overlap_key = ("rule_set_id", "province_id", "code", "subject")

    class Meta:
        verbose_name = "hệ số tiền thưởng"
        verbose_name_plural = "hệ số tiền thưởng"
        ordering = ["rule_set", "code", "province"]

    def __str__(self) -> str:
        where = f" ({self.province})" if self.province_id else ""
        return f"{self.code} × {self.coefficient}{where}"

    def clean(self) -> None:
        if self.coefficient is not None and self.coefficient < 0:
            raise ValidationError({"coefficient": "Hệ số không được âm."})
        super().clean()


class BaseSalary(Effective):
    """Mức lương cơ sở (VND per month) from a date."""

    amount = models.PositiveIntegerField("mức lương cơ sở (đồng/tháng)")
    confirmed = models.BooleanField("đã xác nhận", default=True, help_text="Bỏ chọn nếu mức này chưa chắc chắn.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")


class ProvinceSetting(models.Model):
    """Per-province choices the law leaves open."""

    province = models.OneToOneField("organizations.Province", on_delete=models.CASCADE, related_name="settings")
    quota_rounding = models.CharField(
        "làm tròn chỉ tiêu tỷ lệ mặc định", max_length=10, choices=Rounding.choices, default=Rounding.DOWN
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thiết lập của tỉnh"
        verbose_name_plural = "thiết lập của tỉnh"

    def __str__(self) -> str:
        return f"Thiết lập {self.province}"
