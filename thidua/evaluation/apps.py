from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "thidua.evaluation"
    verbose_name = "Đánh giá, khen thưởng"

    def ready(self) -> None:
        from thidua.audit.labels import register_names

        from .models import DisciplineForm, RatingLevel

        # The audit trail prints ratings and discipline by their labels, not their codes.
        register_names(lambda: {**dict(RatingLevel.choices), **dict(DisciplineForm.choices)})
