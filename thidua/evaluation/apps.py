from django.apps import AppConfig

from thidua.audit.labels import register_names


class EvaluationConfig(AppConfig):
    name = "thidua.evaluation"
    verbose_name = "Đánh giá, khen thưởng"

    def ready(self) -> None:
        # The app's own models, imported here (Django's documented place): they are not loaded yet
        # when this module is imported.
        from .models import DisciplineForm, RatingLevel

        # The audit trail prints ratings and discipline by their labels, not their codes.
        register_names(lambda: {**dict(RatingLevel.choices), **dict(DisciplineForm.choices)})
