from django.apps import AppConfig

from thidua.documents.samples import register_samples

from .samples import dossier_samples


class YearEndConfig(AppConfig):
    name = "thidua.yearend"
    verbose_name = "Tổng kết năm: xếp loại, đăng ký cá nhân, hồ sơ đề nghị khen thưởng"

    def ready(self) -> None:
        # What an uploaded replacement of this app's document templates is checked with.
        register_samples(dossier_samples())
