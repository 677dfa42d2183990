from django.apps import AppConfig


class DemoDataConfig(AppConfig):
    name = "thidua.demodata"
    verbose_name = "Dữ liệu mẫu"
