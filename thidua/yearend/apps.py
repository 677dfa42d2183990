from django.apps import AppConfig


class YearEndConfig(AppConfig):
    name = "thidua.yearend"
    verbose_name = "Tổng kết năm: xếp loại, đăng ký cá nhân, hồ sơ đề nghị khen thưởng"
