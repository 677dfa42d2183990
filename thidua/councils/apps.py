from django.apps import AppConfig

from thidua.documents.samples import register_samples

from .samples import SAMPLE_MINUTES_CONTEXT


class CouncilsConfig(AppConfig):
    name = "thidua.councils"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"

    def ready(self) -> None:
        # What an uploaded replacement of this app's document templates is checked with.
        register_samples({"council_minutes": SAMPLE_MINUTES_CONTEXT})
