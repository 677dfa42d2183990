"""What the rules read about people and collectives, year by year — ratings, initiatives and
research, discipline, award history. The thresholds the rules apply to them (criteria settings,
vote thresholds) are law, kept in `thidua.catalog`.

Writes go through `services.py`; reads of many people through `selectors.py` (one query per
table, never one per person)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from thidua.rules.types import DISCIPLINES


class RatingLevel(models.TextChoices):
    """Xếp loại chất lượng hằng năm (law.md §2), best first."""

    HTXSNV = "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"
    HTTNV = "HTTNV", "Hoàn thành tốt nhiệm vụ"
    HTNV = "HTNV", "Hoàn thành nhiệm vụ"
    KHTNV = "KHTNV", "Không hoàn thành nhiệm vụ"


class Rating(models.Model):
    """A staff member's annual rating (xếp loại) for one year."""

    staff = models.ForeignKey("organizations.Staff", on_delete=models.PROTECT, related_name="ratings",
                              verbose_name="cá nhân")
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=6, choices=RatingLevel.choices)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "xếp loại cá nhân"
        verbose_name_plural = "xếp loại cá nhân"
        ordering = ["staff", "-year"]
        constraints = [models.UniqueConstraint(fields=["staff", "year"], name="unique_rating_per_staff_year")]

    def __str__(self) -> str:
        return f"{self.staff} – {self.year}: {self.rating}"


class RatingReopening(models.Model):
    """The recorded act that makes an agency's ratings of a year editable again after a decision
    for that year was issued (which locks them: `evaluation.locks`). Who, when, why; a later
    decision for the same year locks them again."""

    agency = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+",
                               verbose_name="cơ quan")
    year = models.PositiveSmallIntegerField("năm")
    reason = models.TextField("lý do mở lại")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                              verbose_name="người mở lại")
    at = models.DateTimeField("lúc")

    class Meta:
        verbose_name = "mở lại xếp loại"
        verbose_name_plural = "mở lại xếp loại"
        ordering = ["-at"]
        indexes = [models.Index(fields=["agency", "year"])]

    def __str__(self) -> str:
        return f"Mở lại xếp loại năm {self.year} – {self.agency}"


class CollectiveRating(models.Model):
    """A collective's (department's or agency's) annual rating."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="ratings",
                             verbose_name="tập thể")
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=6, choices=RatingLevel.choices)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "xếp loại tập thể"
        verbose_name_plural = "xếp loại tập thể"
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unique_rating_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}: {self.rating}"


class AchievementKind(models.TextChoices):
    INITIATIVE = "initiative", "Sáng kiến"
    RESEARCH = "research", "Đề tài, đề án nghiên cứu"


class Scope(models.TextChoices):
    """Phạm vi ảnh hưởng; empty = not known yet (the rules then answer 'needs review')."""

    CO_SO = "co_so", "Cấp cơ sở"
    TINH = "tinh", "Cấp bộ, ngành, tỉnh"
    TOAN_QUOC = "toan_quoc", "Toàn quốc"


class Achievement(models.Model):
    """A recognised initiative (sáng kiến) or an accepted research work, with its scope."""

    staff = models.ForeignKey("organizations.Staff", on_delete=models.PROTECT, related_name="achievements",
                              verbose_name="cá nhân")
    year = models.PositiveSmallIntegerField("năm công nhận")
    kind = models.CharField("loại", max_length=10, choices=AchievementKind.choices)
    title = models.CharField("tên", max_length=500)
    scope = models.CharField("phạm vi ảnh hưởng", max_length=10, choices=Scope.choices, blank=True,
                             help_text="Để trống nếu chưa rõ: hệ thống sẽ báo cần xem xét.")
    recognised_by = models.CharField("cơ quan công nhận", max_length=255, blank=True)
    recognised_on = models.DateField("ngày công nhận", null=True, blank=True)

    class Meta:
        verbose_name = "sáng kiến, đề tài"
        verbose_name_plural = "sáng kiến, đề tài"
        ordering = ["staff", "-year", "title"]
        indexes = [models.Index(fields=["staff", "year"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.recognised_on and self.year and self.recognised_on.year < self.year:
            raise ValidationError({"recognised_on": "Ngày công nhận không thể trước năm của sáng kiến, đề tài."})


class DisciplineForm(models.TextChoices):
    """Hình thức kỷ luật, lightest first (the order is used to pick the most severe of a year)."""

    KHIEN_TRACH = "khien_trach", DISCIPLINES["khien_trach"].capitalize()
    CANH_CAO = "canh_cao", DISCIPLINES["canh_cao"].capitalize()
    HA_BAC_LUONG = "ha_bac_luong", DISCIPLINES["ha_bac_luong"].capitalize()
    CACH_CHUC = "cach_chuc", DISCIPLINES["cach_chuc"].capitalize()
    BUOC_THOI_VIEC = "buoc_thoi_viec", DISCIPLINES["buoc_thoi_viec"].capitalize()


DISCIPLINE_SEVERITY = {value: i for i, value in enumerate(DisciplineForm.values)}


class Discipline(models.Model):
    staff = models.ForeignKey("organizations.Staff", on_delete=models.PROTECT, related_name="disciplines",
                              verbose_name="cá nhân")
    year = models.PositiveSmallIntegerField("năm")
    form = models.CharField("hình thức kỷ luật", max_length=20, choices=DisciplineForm.choices)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        ordering = ["staff", "-year"]
        indexes = [models.Index(fields=["staff", "year"])]

    def __str__(self) -> str:
        return f"{self.staff} – {self.year}: {self.get_form_display()}"


class AwardRecord(models.Model):
    """One line of award history: a title or form of commendation given to a person (`staff`) or a
    collective (`unit`) — exactly one of them — FOR `year`, by a decision.

    A collective's history is read through its lineage (organizations.services.lineage_ids), so it
    follows renames, merges and splits. When decisions are modelled, a nullable foreign key to them
    is added here; `decision_number`, `awarded_on` and `issuer` stay for history recorded before."""

    staff = models.ForeignKey("organizations.Staff", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="awards", verbose_name="cá nhân")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="awards", verbose_name="tập thể")
    year = models.PositiveSmallIntegerField("năm thành tích", help_text="Năm mà danh hiệu được xét tặng cho.")
    code = models.CharField("mã danh hiệu, hình thức", max_length=20)
    awarded_on = models.DateField("ngày quyết định", null=True, blank=True)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True, help_text="Ví dụ: 123/QĐ-UBND")
    issuer = models.CharField("người, cơ quan quyết định", max_length=255, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "khen thưởng đã nhận"
        ordering = ["-year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(staff__isnull=False) & Q(unit__isnull=True))
                | (Q(staff__isnull=True) & Q(unit__isnull=False)),
                name="award_record_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["staff", "year"]), models.Index(fields=["unit", "year"]),
                   models.Index(fields=["code", "year"])]

    def __str__(self) -> str:
        return f"{self.code} {self.year} – {self.staff or self.unit}"

    @property
    def subject(self) -> Any:
        return self.staff or self.unit

    def clean(self) -> None:
        super().clean()
        if (self.staff_id is None) == (self.unit_id is None):
            raise ValidationError("Khen thưởng phải ghi cho đúng một cá nhân hoặc một tập thể.")
        if self.awarded_on and self.year and self.awarded_on.year < self.year:
            raise ValidationError({"awarded_on": "Ngày quyết định không thể trước năm thành tích."})
