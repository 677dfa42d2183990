from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One act: who did what to which object, when, with what changed (`changes`: field →
    [before, after], as a person reads them). The one audit trail of the product."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    # The object as a person named it at the time (it may be renamed or deleted since).
    object_label = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "nhật ký"
        verbose_name_plural = "nhật ký"
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"
