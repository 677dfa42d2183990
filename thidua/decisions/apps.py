from django.apps import AppConfig

from thidua.documents.samples import register_samples
from thidua.evaluation import decided

from .samples import SAMPLE_DECISION_CONTEXT


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    verbose_name = "Quyết định khen thưởng"

    def ready(self) -> None:
        # What an uploaded replacement of this app's document templates is checked with.
        register_samples({"decision": SAMPLE_DECISION_CONTEXT})
        # Evaluation, below this app, asks which decisions lock a year's ratings and which a person
        # page links to. Importing the app's own selectors here is Django's documented place for it
        # (they need the models, which are not loaded when this module is imported).
        from . import selectors

        decided.register(deciding=selectors.deciding_decisions, links=selectors.decision_links)
