from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "thidua.catalog"
    verbose_name = "Danh mục và quy định"
