from django.urls import path

from . import views

urlpatterns = [
    path("", views.start_page, name="home"),
    path("bao-cao/chi-tieu/", views.targets_index, name="targets_report"),
    path("bao-cao/thong-ke/", views.statistics_page, name="statistics_report"),
    path("bao-cao/khen-thuong/", views.awards_province, name="awards_province"),
    path("bao-cao/khen-thuong/don-vi/<str:code>/", views.awards_agency, name="awards_agency"),
    path("bao-cao/chi-tieu/don-vi/<str:code>/", views.unit_page, name="targets_unit"),
    path("bao-cao/chi-tieu/khoi/<str:code>/", views.block_page, name="targets_block"),
    path("bao-cao/chi-tieu/tinh/<str:code>/", views.province_page, name="targets_province"),
]
