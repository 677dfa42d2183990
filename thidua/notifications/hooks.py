"""Who hears about what. Called from services (usually through `transaction.on_commit`), never from
signals: each call names the event it reports."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse

from thidua.accounts.models import Role, User

from .services import notify


def agency_users(unit_ids, roles=(Role.AGENCY_OFFICER, Role.AGENCY_LEADER, Role.BLOCK_OFFICER)) -> QuerySet[User]:
    """Users working for these agencies (or their departments) in these roles."""
    ids = list(unit_ids)
    return User.objects.filter(Q(unit_id__in=ids) | Q(unit__parent_id__in=ids), role__in=roles, is_active=True)


def block_head_officers(unit_id: int, year: int) -> QuerySet[User]:
    """Officers of the agency heading, in `year`, a block the unit belongs to."""
    from thidua.organizations.models import BlockYear

    heads = BlockYear.objects.filter(year=year, memberships__unit_id=unit_id).values_list("head_id", flat=True)
    return User.objects.filter(unit_id__in=list(heads), role=Role.BLOCK_OFFICER, is_active=True)


def province_officers(province_id: int) -> QuerySet[User]:
    return User.objects.filter(unit__province_id=province_id, role=Role.PROVINCE_OFFICER, is_active=True)


def registration_submitted(registration_id: int) -> None:
    """A member sent its registration: the block head's officers have something to receive."""
    from thidua.emulation.models import Registration

    reg = Registration.objects.select_related("unit").filter(pk=registration_id).first()
    if reg is None:
        return
    notify(recipients=block_head_officers(reg.unit_id, reg.year),
           text=f"{reg.unit.name} đã gửi bản đăng ký thi đua năm {reg.year}, chờ tiếp nhận.",
           link=reverse("registration_detail", args=[reg.pk]))


def registration_returned(registration_id: int) -> None:
    """The block head returned a registration: the agency's officer and leaders see why."""
    from thidua.emulation.models import Registration
    from thidua.emulation.services import last_return_reason

    reg = Registration.objects.select_related("unit").filter(pk=registration_id).first()
    if reg is None:
        return
    reason = last_return_reason(reg)
    notify(recipients=agency_users([reg.unit_id]),
           text=f"Bản đăng ký thi đua năm {reg.year} bị trả lại. Lý do: {reason}",
           link=reverse("registration_detail", args=[reg.pk]))
