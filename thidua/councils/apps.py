from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "thidua.councils"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"
