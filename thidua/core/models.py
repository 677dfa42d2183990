"""The one table of core: the stamps that say when a scope's data last changed (`versions.py`)."""

from django.db import models


class DataVersion(models.Model):
    """A random stamp per scope of data ("province:12", "catalog"), replaced by every write to it.
    Cached pages and aggregates are keyed by the stamps they depend on, so they are read again
    after a change, in every process, whatever the cache backend."""

    key = models.CharField(max_length=64, primary_key=True)
    stamp = models.CharField(max_length=32)

    class Meta:
        verbose_name = "phiên bản dữ liệu"
        verbose_name_plural = "phiên bản dữ liệu"

    def __str__(self) -> str:
        return f"{self.key}: {self.stamp}"
