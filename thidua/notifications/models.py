"""In-product notifications: deadlines, returns and results reach the people concerned."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="người nhận"
    )
    text = models.CharField("nội dung", max_length=500)
    link = models.CharField("đường dẫn", max_length=300, blank=True)
    # Same key for the same recipient means the same notice: reminders are not repeated.
    key = models.CharField("khóa chống gửi trùng", max_length=150, blank=True)
    is_read = models.BooleanField("đã đọc", default=False)
    created_at = models.DateTimeField("lúc", auto_now_add=True)
    emailed = models.BooleanField("đã gửi thư", default=False)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "is_read"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="unique_notification_key"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]
