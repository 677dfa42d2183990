from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "thidua.jobs"
    verbose_name = "Việc chạy nền"

    def ready(self) -> None:
        # Each app's `jobs.py` registers its kinds of job and its documents offered as PDF
        # (register_runner, register_document): those apps sit above this one in the apps' order,
        # so they are found as the admin finds `admin.py`, not imported here.
        autodiscover_modules("jobs")
