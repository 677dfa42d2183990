from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "thidua.evaluation"
    verbose_name = "Đánh giá, khen thưởng"
