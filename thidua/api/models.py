"""Access tokens for other systems (the provincial portal, the HR database, the budget office).

A token is tied to a user: the system acting with it sees and does exactly what that user may on the
pages. Only a SHA-256 digest of the token is stored; the token itself is shown once, when made."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    name = models.CharField("tên (hệ thống dùng khóa)", max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name="thay mặt người dùng")
    prefix = models.CharField("đầu khóa", max_length=12, help_text="Để nhận ra khóa; không đủ để dùng.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name="người tạo")
    expires_on = models.DateField("hết hạn", null=True, blank=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
