from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    AGENCY_OFFICER = "agency_officer", "Cán bộ phụ trách TĐKT của cơ quan"
    AGENCY_LEADER = "agency_leader", "Lãnh đạo cơ quan"
    BLOCK_OFFICER = "block_officer", "Cán bộ của trưởng khối"
    PROVINCE_OFFICER = "province_officer", "Cán bộ Ban Thi đua – Khen thưởng tỉnh"
    ADMIN = "admin", "Quản trị hệ thống"


class User(AbstractUser):
    """A login. Belongs to one unit with one role; the role decides what of that unit's
    surroundings the user may see and do (see accounts.scope)."""

    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name="đơn vị",
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, default=Role.AGENCY_OFFICER)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
