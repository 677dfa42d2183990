from django.apps import AppConfig

from thidua.documents.render import register_samples

from .samples import SAMPLE_DECISION_CONTEXT


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    verbose_name = "Quyết định khen thưởng"

    def ready(self) -> None:
        # What an uploaded replacement of this app's document templates is checked with.
        register_samples({"decision": SAMPLE_DECISION_CONTEXT})
