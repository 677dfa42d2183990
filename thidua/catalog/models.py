"""The law as data: titles and forms, legal regimes (rule sets), quotas, reward coefficients and
base salaries. Each row carries its legal basis and effective period, and an administrator edits
them in the admin: a correction of the law is a data edit, not a release."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from thidua.organizations.models import IssuerLevel
from thidua.rules import tally

from . import citations as citation_fields
from . import criteria as criteria_fields


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
    # Where the standard is judged by people, not counted (Bằng khen, Huân chương …): what the
    # eligibility's "cần xem xét" answer says (rules.law.Award.review_note).
    review_note = models.CharField(
        "vì sao cần Hội đồng xem xét", max_length=300, blank=True,
        help_text="Ví dụ: tiêu chuẩn Bằng khen do Hội đồng đánh giá thành tích",
    )

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


class Certainty(models.TextChoices):
    VERIFIED = "verified", "Đã đối chiếu văn bản"
    UNSURE = "unsure", "Chưa chắc chắn — cần đối chiếu"


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
    # Under ND 91/2017 a person recruited less than this many whole months before 31/12 cannot be
    # LĐTT; whether ND 98/152 keep it is unsure (law.md §3), so it is data per rule set. Empty: no
    # such rule.
    ldtt_min_months = models.PositiveSmallIntegerField(
        "số tháng công tác tối thiểu trong năm để xét Lao động tiên tiến", null=True, blank=True, default=10,
        help_text="Để trống nếu chế độ này không đặt điều kiện thời gian công tác.",
    )
    ldtt_min_months_basis = models.CharField("căn cứ điều kiện số tháng", max_length=300, blank=True)
    # Reward money is rounded up to this many đồng (ND 91/2017, ND 98/2023: "làm tròn lên hàng chục nghìn đồng").
    money_rounding_step = models.PositiveIntegerField(
        "tiền thưởng làm tròn lên đến (đồng)", default=10_000,
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
        help_text="Ví dụ 10000: số tiền thưởng được làm tròn lên hàng chục nghìn đồng.",
    )
    money_rounding_basis = models.CharField("căn cứ làm tròn tiền thưởng", max_length=300, blank=True)
    # What each rule cites in its reasons under this rule set: {ground: "Luật …, Điều …"} (grounds:
    # `rules.types.CITATION_GROUNDS`, labels: `citations.LABELS`). The rules have no article of their own.
    citations = models.JSONField(
        "căn cứ của từng tiêu chuẩn", default=dict, blank=True,
        help_text="Mỗi tiêu chuẩn và điều khoản được trích dẫn trong lý do xét, ví dụ "
                  "{\"ldtt\": \"Luật Thi đua, khen thưởng 2022, Điều 24\"}.",
    )

    class Meta:
        verbose_name = "bộ quy định (chế độ pháp lý)"
        verbose_name_plural = "bộ quy định (chế độ pháp lý)"
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        try:
            self.citations = citation_fields.clean(self.citations)
        except ValueError as exc:
            raise ValidationError({"citations": str(exc)}) from exc
        super().clean()

    def citation(self, ground: str) -> str:
        return (self.citations or {}).get(ground, "")

    @classmethod
    def for_year(cls, year: int) -> RuleSet | None:
        """A title for year Y is judged under the rule set in force at the end of Y."""
        return cls.objects.in_force_on(dt.date(year, 12, 31)).first()


class LegalText(models.Model):
    """A legal text of a rule set (law, decree, circular) as it is cited: "Căn cứ Nghị định số
    152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định …;". Decisions cite from here."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="legal_texts",
                                 verbose_name="bộ quy định")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    kind = models.CharField("loại văn bản", max_length=30, help_text="Luật, Nghị định, Thông tư")
    number = models.CharField("số, ký hiệu", max_length=40, blank=True, help_text="Ví dụ: 152/2025/NĐ-CP")
    date = models.DateField("ngày ban hành")
    issuer = models.CharField("cơ quan ban hành", max_length=100, help_text="Quốc hội, Chính phủ, Bộ Nội vụ")
    title = models.CharField("trích yếu chính thức", max_length=400,
                             help_text="Ví dụ: quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng")
    short_name = models.CharField("tên ngắn dùng trong lý do", max_length=100, blank=True,
                                  help_text="Ví dụ: Nghị định 152/2025/NĐ-CP")
    citation = models.CharField(
        "dòng căn cứ (để trống: tự lập)", max_length=500, blank=True,
        help_text="Dùng khi một dòng căn cứ gộp nhiều văn bản, ví dụ luật và các luật sửa đổi.",
    )
    cited_in_decisions = models.BooleanField("đưa vào căn cứ của quyết định", default=True)
    # The law on local government is cited by a People's Committee's decisions only (its chairman
    # decides under it), before the texts of the emulation law.
    people_committee_only = models.BooleanField(
        "chỉ quyết định của Ủy ban nhân dân trích dẫn", default=False,
        help_text="Ví dụ: Luật Tổ chức chính quyền địa phương, căn cứ thẩm quyền của Chủ tịch UBND.",
    )
    certainty = models.CharField("mức chắc chắn", max_length=10, choices=Certainty.choices,
                                 default=Certainty.VERIFIED)
    source = models.CharField("nguồn đối chiếu", max_length=300, blank=True)

    class Meta:
        verbose_name = "văn bản pháp luật"
        verbose_name_plural = "văn bản pháp luật"
        ordering = ["rule_set", "position", "id"]

    def __str__(self) -> str:
        return self.short_name or f"{self.kind} {self.number}".strip()

    def citation_line(self) -> str:
        """'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định …;'"""
        if self.citation:
            return self.citation
        number = f" số {self.number}" if self.number and self.kind != "Luật" else ""
        when = f"ngày {self.date.day:02d} tháng {self.date.month} năm {self.date.year}"
        if self.kind == "Luật":
            return f"Căn cứ Luật {self.title} {when};"
        return f"Căn cứ {self.kind}{number} {when} của {self.issuer} {self.title};"


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
    """Reward money coefficient of a code (× base salary) under a rule set, for a subject and, where
    the law distinguishes them, an issuer level (empty: any level). A row with a province overrides
    the national row (province empty) of the same rule set, code, subject and level.

    `collective_multiplier` on an individual row says what a collective receives: that many times
    the individual amount (ND 91/2017: Bằng khen, Giấy khen ×2; ND 98/2023 Điều 55 khoản 2:
    Huân chương ×2). Collective titles (Tập thể LĐXS, Cờ …) have their own rows for collectives."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="coefficients")
    province = models.ForeignKey(
        "organizations.Province", on_delete=models.CASCADE, null=True, blank=True, verbose_name="tỉnh (nếu riêng)"
    )
    code = models.CharField("mã", max_length=20)
    subject = models.CharField("đối tượng", max_length=10, choices=Subject.choices, default=Subject.INDIVIDUAL)
    issuer_level = models.CharField("cấp ban hành (để trống: mọi cấp)", max_length=12, blank=True,
                                    choices=IssuerLevel.choices)
    coefficient = models.DecimalField("hệ số", max_digits=6, decimal_places=2)
    collective_multiplier = models.DecimalField(
        "tập thể được thưởng gấp (lần mức của cá nhân)", max_digits=4, decimal_places=2, null=True, blank=True,
        help_text="Để trống nếu hình thức này không tặng cho tập thể hoặc tập thể có hệ số riêng.",
    )
    certainty = models.CharField("mức chắc chắn", max_length=10, choices=Certainty.choices,
                                 default=Certainty.VERIFIED)

    overlap_key = ("rule_set_id", "province_id", "code", "subject", "issuer_level")

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
        if self.collective_multiplier is not None and self.collective_multiplier <= 0:
            raise ValidationError({"collective_multiplier": "Số lần phải lớn hơn 0."})
        super().clean()


class BaseSalary(Effective):
    """Mức lương cơ sở (VND per month) from a date."""

    amount = models.PositiveIntegerField("mức lương cơ sở (đồng/tháng)")
    confirmed = models.BooleanField("đã xác nhận", default=True, help_text="Bỏ chọn nếu mức này chưa chắc chắn.")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="người xác nhận")
    confirmed_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)

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
    public_results = models.BooleanField(
        "công khai kết quả khen thưởng", default=False,
        help_text="Mở trang công khai (không cần đăng nhập) liệt kê các quyết định khen thưởng đã ban hành của tỉnh "
                  "và người, tập thể được khen, đúng như quyết định đã công bố.",
    )

    class Meta:
        verbose_name = "thiết lập của tỉnh"
        verbose_name_plural = "thiết lập của tỉnh"

    def __str__(self) -> str:
        return f"Thiết lập {self.province}"


class CriteriaSetting(Effective):
    """An override of one threshold of the eligibility rules (a field of
    `thidua.rules.types.Criteria`) for a rule set, nationally (province empty) or for a province —
    e.g. the criteria of Tập thể LĐTT that Luật 2022 Điều 28 delegates to provinces. A province's row
    wins over the national row; both win over the built-in default. The value is typed as text
    and checked against the field's type."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="criteria_settings",
                                 verbose_name="bộ quy định")
    province = models.ForeignKey("organizations.Province", on_delete=models.CASCADE, null=True, blank=True,
                                 verbose_name="tỉnh (nếu riêng)")
    key = models.CharField("tiêu chí", max_length=60)
    value = models.CharField("giá trị", max_length=200, blank=True,
                             help_text="Số, đúng/sai (true/false), mã xếp loại (HTTNV…), phạm vi (co_so, tinh, "
                                       "toan_quoc) hoặc danh sách mã bộ quy định cách nhau bởi dấu phẩy.")

    overlap_key = ("rule_set_id", "province_id", "key")

    class Meta:
        verbose_name = "tiêu chí xét danh hiệu"
        verbose_name_plural = "tiêu chí xét danh hiệu"
        ordering = ["rule_set", "key", "province"]
        indexes = [models.Index(fields=["rule_set", "key"], name="catalog_criteria_rule_key")]

    def __str__(self) -> str:
        where = f" ({self.province})" if self.province_id else ""
        return f"{criteria_fields.label(self.key)} = {self.value or '(trống)'}{where}"

    def parsed(self) -> Any:
        return criteria_fields.parse(self.key, self.value)

    def clean(self) -> None:
        if self.key:
            try:
                self.value = criteria_fields.to_text(self.key, criteria_fields.parse(
                    self.key, self.value, rule_set_codes=dict(RuleSet.objects.values_list("code", "name"))))
            except ValueError as exc:
                field = "key" if self.key not in criteria_fields.KEYS else "value"
                raise ValidationError({field: str(exc)}) from exc
        super().clean()


class ThresholdLevel(models.TextChoices):
    UNIT = "unit", "Danh hiệu, hình thức cấp cơ sở"
    HIGHER = "higher", "Cấp tỉnh (bộ, ngành) trở lên"


class ApprovalBase(models.TextChoices):
    ALL_MEMBERS = tally.ALL_MEMBERS, "Tổng số thành viên hội đồng"
    PRESENT = tally.PRESENT, "Số thành viên tham gia bỏ phiếu"


class VoteThreshold(Effective):
    """When a ballot passes. The most specific row wins: a province's row over the national one,
    a row naming the code over one for the whole level. Ratios are fractions (2/3 stays exact)."""

    rule_set = models.ForeignKey("catalog.RuleSet", on_delete=models.CASCADE, related_name="vote_thresholds",
                                 verbose_name="bộ quy định")
    province = models.ForeignKey("organizations.Province", on_delete=models.CASCADE, null=True, blank=True,
                                 verbose_name="tỉnh (nếu riêng)")
    level = models.CharField("cấp danh hiệu, hình thức", max_length=10, choices=ThresholdLevel.choices)
    codes = models.CharField(
        "chỉ áp dụng cho mã", max_length=200, blank=True,
        help_text="Các mã danh hiệu cách nhau bởi dấu phẩy, ví dụ CSTD_TINH,CSTD_TQ; để trống: mọi mã của cấp này.",
    )
    quorum_numerator = models.PositiveSmallIntegerField("số thành viên dự họp tối thiểu: tử số", default=2)
    quorum_denominator = models.PositiveSmallIntegerField("mẫu số", default=3)
    approval_numerator = models.PositiveSmallIntegerField("tỷ lệ tán thành tối thiểu: tử số", default=70)
    approval_denominator = models.PositiveSmallIntegerField("mẫu số", default=100)
    approval_base = models.CharField("tính trên", max_length=10, choices=ApprovalBase.choices,
                                     default=ApprovalBase.ALL_MEMBERS)
    secret_ballot = models.BooleanField("bỏ phiếu kín", default=True)

    overlap_key = ("rule_set_id", "province_id", "level", "codes")

    class Meta:
        verbose_name = "ngưỡng biểu quyết của hội đồng"
        verbose_name_plural = "ngưỡng biểu quyết của hội đồng"
        ordering = ["rule_set", "level", "codes"]

    def __str__(self) -> str:
        what = self.codes or self.get_level_display()
        return f"{self.rule_set}: {what} — dự họp ≥ {self.quorum.label()}, tán thành ≥ {self.approval.label()}"

    @property
    def quorum(self) -> tally.Ratio:
        return tally.Ratio(self.quorum_numerator, self.quorum_denominator)

    @property
    def approval(self) -> tally.Ratio:
        return tally.Ratio(self.approval_numerator, self.approval_denominator)

    def code_list(self) -> list[str]:
        return [c.strip().upper() for c in self.codes.split(",") if c.strip()]

    def as_rule(self) -> tally.Threshold:
        return tally.Threshold(quorum=self.quorum, approval=self.approval, base=self.approval_base,
                               basis=self.basis, secret_ballot=self.secret_ballot)

    def clean(self) -> None:
        for num, den, name in ((self.quorum_numerator, self.quorum_denominator, "quorum_denominator"),
                               (self.approval_numerator, self.approval_denominator, "approval_denominator")):
            if num is not None and den is not None and (den == 0 or num > den):
                raise ValidationError({name: "Tỷ lệ phải là phân số từ 0 đến 1 (tử số không lớn hơn mẫu số)."})
        self.codes = ",".join(self.code_list())
        super().clean()
