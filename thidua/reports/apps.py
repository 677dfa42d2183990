from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    verbose_name = "Báo cáo: chỉ tiêu đăng ký và kết quả"

    def ready(self) -> None:
        # The writes that make cached pages stale (thidua.core.versions). The app's own module,
        # imported here (Django's documented place): it needs the models, not loaded before.
        from . import freshness

        freshness.connect()
