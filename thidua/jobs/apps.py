from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "thidua.jobs"
    verbose_name = "Việc chạy nền"
