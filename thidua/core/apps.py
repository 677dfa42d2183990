from django.apps import AppConfig
from django.urls import register_converter

from .converters import IdConverter, YearConverter


class CoreConfig(AppConfig):
    name = "thidua.core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        # `<id:pk>` and `<year:year>` in every urls.py: bounded, so a huge number is a 404.
        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")
