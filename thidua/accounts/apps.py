from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    verbose_name = "Người dùng"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers: Django's documented place)
