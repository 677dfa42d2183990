from django.apps import AppConfig

from thidua.documents.samples import register_samples

from .samples import SAMPLE_BLOCK_REGISTRATION_CONTEXT


class BlocksConfig(AppConfig):
    name = "thidua.blocks"
    verbose_name = "Khối, cụm thi đua"

    def ready(self) -> None:
        # What an uploaded replacement of this app's document templates is checked with.
        register_samples({"block_registration": SAMPLE_BLOCK_REGISTRATION_CONTEXT})
