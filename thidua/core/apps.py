from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.urls import register_converter

from .converters import IdConverter, YearConverter
from .statistics import analyze_sqlite


class CoreConfig(AppConfig):
    name = "thidua.core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        # `<id:pk>` and `<year:year>` in every urls.py: bounded, so a huge number is a 404.
        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")
        # Once per migrate, not once per app migrated.
        post_migrate.connect(analyze_sqlite, sender=self, dispatch_uid="thidua.core.analyze_sqlite")
