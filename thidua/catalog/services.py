"""Writes to the law-as-data tables from the product pages. Each checks the acting user's scope:
national rows and base salaries are an administrator's; a province board officer writes only their
own province's overrides. Every write is validated (full_clean) and audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from thidua.accounts.scope import is_admin
from thidua.audit.services import audit_record, snapshot, stored_snapshot
from thidua.organizations.models import Province
from thidua.organizations.policy import rules_province_for

from .models import BaseSalary, CriteriaSetting, QuotaRule, RewardCoefficient, VoteThreshold

MAX_BASE_SALARY = 100_000_000  # đồng/tháng: far above any real one, bounds a typo


class LawError(ValueError):
    """A Vietnamese message for the user."""


def _messages(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms) if hasattr(exc, "message_dict") else \
        " ".join(exc.messages)


def _require_admin(actor: Any) -> None:
    if not is_admin(actor):
        raise LawError("Chỉ quản trị viên được nhập, xác nhận mức lương cơ sở.")


@transaction.atomic
def base_salary_confirm(*, actor: Any, salary: BaseSalary, basis: str) -> BaseSalary:
    """An administrator confirms a base salary against its legal basis (the text that sets it)."""
    _require_admin(actor)
    basis = (basis or "").strip()
    if not basis:
        raise LawError("Cần ghi văn bản quy định mức lương cơ sở này (ví dụ: Nghị định số …/…/NĐ-CP).")
    salary = BaseSalary.objects.select_for_update(of=("self",)).get(pk=salary.pk)
    snap = snapshot(salary)
    salary.basis, salary.confirmed = basis[:300], True
    salary.confirmed_by, salary.confirmed_at = actor, timezone.now()
    try:
        salary.full_clean()
    except ValidationError as exc:
        raise LawError(_messages(exc)) from exc
    salary.save()
    audit_record(actor=actor, action="confirm", obj=salary,
                 summary=f"Xác nhận mức lương cơ sở {salary.amount} đồng từ {salary.valid_from:%d/%m/%Y}",
                 before=snap)
    return salary


def parse_amount(text: str) -> int:
    """'2.530.000' or '2530000' → 2530000, bounded."""
    cleaned = (text or "").strip().replace(".", "").replace(",", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise LawError("Mức lương cơ sở phải là một số tiền (đồng/tháng).") from exc
    if value != value.to_integral_value() or not 0 < value <= MAX_BASE_SALARY:
        raise LawError(f"Mức lương cơ sở phải là số nguyên từ 1 đến {MAX_BASE_SALARY:,} đồng.".replace(",", "."))
    return int(value)


@transaction.atomic
def base_salary_add(*, actor: Any, amount: int, valid_from: dt.date, basis: str,
                    confirmed: bool = True) -> BaseSalary:
    """A new base salary from `valid_from`: the one in force the day before ends then. A row already
    starting that day is corrected instead (amount and basis)."""
    _require_admin(actor)
    basis = (basis or "").strip()[:300]
    if not basis:
        raise LawError("Cần ghi văn bản quy định mức lương cơ sở này.")
    if not 1 <= amount <= MAX_BASE_SALARY:
        raise LawError("Mức lương cơ sở không hợp lệ.")
    rows = BaseSalary.objects.select_for_update(of=("self",))
    salary = rows.filter(valid_from=valid_from).first()
    if salary is None:
        later = rows.filter(valid_from__gt=valid_from).order_by("valid_from").first()
        before = rows.filter(valid_from__lt=valid_from).order_by("-valid_from").first()
        if before is not None and (before.valid_to is None or before.valid_to >= valid_from):
            closed = snapshot(before)
            before.valid_to = valid_from - dt.timedelta(days=1)
            before.save(update_fields=["valid_to"])
            audit_record(actor=actor, action="update", obj=before, before=closed,
                         summary=f"Mức lương cơ sở {before.amount} đồng hết hiệu lực từ {valid_from:%d/%m/%Y}")
        salary = BaseSalary(valid_from=valid_from,
                            valid_to=later.valid_from - dt.timedelta(days=1) if later else None)
    snap = snapshot(salary) if salary.pk else {}
    salary.amount, salary.basis, salary.confirmed = amount, basis, confirmed
    salary.confirmed_by = actor if confirmed else None
    salary.confirmed_at = timezone.now() if confirmed else None
    try:
        salary.full_clean()
    except ValidationError as exc:
        raise LawError(_messages(exc)) from exc
    salary.save()
    audit_record(actor=actor, action="save", obj=salary,
                 summary=f"Mức lương cơ sở {amount} đồng từ {valid_from:%d/%m/%Y}", before=snap)
    return salary


# --- a province's own overrides ----------------------------------------------------------------
# A province board officer writes rows of their own province only (quotas, coefficients, criteria
# settings, vote thresholds); national rows stay an administrator's (the Django admin, read-only to
# everyone else). Each kind: the model and the fields an officer fills in.

OVERRIDE_KINDS: dict[str, tuple[type[models.Model], tuple[str, ...], str]] = {
    "ty-le": (QuotaRule, ("rule_set", "code", "base_code", "ratio", "rounding", "valid_from", "valid_to", "basis"),
              "giới hạn tỷ lệ"),
    "he-so": (RewardCoefficient, ("rule_set", "code", "subject", "issuer_level", "coefficient",
                                  "collective_multiplier", "valid_from", "valid_to", "basis"), "hệ số tiền thưởng"),
    "tieu-chi": (CriteriaSetting, ("rule_set", "key", "value", "valid_from", "valid_to", "basis"),
                 "tiêu chí xét danh hiệu"),
    "bieu-quyet": (VoteThreshold, ("rule_set", "level", "codes", "quorum_numerator", "quorum_denominator",
                                   "approval_numerator", "approval_denominator", "approval_base", "secret_ballot",
                                   "valid_from", "valid_to", "basis"), "ngưỡng biểu quyết"),
}


def override_province(actor: Any) -> Province:
    """The province whose overrides the actor writes; refused for anyone else."""
    province = rules_province_for(actor)
    if province is None:
        raise PermissionDenied("Chỉ cán bộ Ban Thi đua – Khen thưởng tỉnh sửa quy định riêng của tỉnh mình.")
    return province


def _own_row(actor: Any, row: models.Model) -> Province:
    province = override_province(actor)
    if row.pk is not None and row.province_id != province.pk:
        # A national row or another province's: never through this path.
        raise PermissionDenied("Chỉ sửa được quy định riêng của tỉnh mình.")
    return province


@transaction.atomic
def override_save(*, actor: Any, row: models.Model) -> models.Model:
    """Save a province's own row (new or edited): its province is the actor's, whatever was posted."""
    province = _own_row(actor, row)
    before = stored_snapshot(row)
    row.province = province
    try:
        row.full_clean()
    except ValidationError as exc:
        raise LawError(_messages(exc)) from exc
    created = row.pk is None
    row.save()
    audit_record(actor=actor, action="create" if created else "update", obj=row,
                 summary=f"Quy định riêng của {province}: {row}", before=before)
    return row


@transaction.atomic
def override_delete(*, actor: Any, row: models.Model) -> None:
    province = _own_row(actor, row)
    audit_record(actor=actor, action="delete", obj=row, summary=f"Xóa quy định riêng của {province}: {row}",
                 before=snapshot(row), after={})
    row.delete()
