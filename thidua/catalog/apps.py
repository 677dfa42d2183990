from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "thidua.catalog"
    verbose_name = "Danh mục và quy định"

    def ready(self) -> None:
        # Connects the signals that drop the cached names when the catalog changes.
        from . import names  # noqa: F401
