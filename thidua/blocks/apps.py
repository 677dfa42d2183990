from django.apps import AppConfig


class BlocksConfig(AppConfig):
    name = "thidua.blocks"
    verbose_name = "Khối, cụm thi đua"
