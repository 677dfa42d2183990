from django.apps import AppConfig

from thidua.audit.labels import register_names


class CatalogConfig(AppConfig):
    name = "thidua.catalog"
    verbose_name = "Danh mục và quy định"

    def ready(self) -> None:
        # Connects the signals that drop the cached names when the catalog changes. The app's own
        # module is imported here, Django's documented place: it needs the models, not loaded yet
        # when this module is imported.
        from . import names

        # The audit trail prints award and rule set codes by their names.
        register_names(names.award_names)
        register_names(names.rule_set_names)
