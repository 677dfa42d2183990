from django.urls import path

from . import views

urlpatterns = [
    path("dang-ky/", views.registration_list, name="registration_list"),
    path("dang-ky/moi/", views.registration_start, name="registration_start"),
    path("dang-ky/nhap/", views.legacy_upload, name="legacy_upload"),
    path("dang-ky/nhap/luu/", views.legacy_save, name="legacy_save"),
    path("dang-ky/<id:pk>/", views.registration_detail, name="registration_detail"),
    path("dang-ky/<id:pk>/sua/", views.registration_edit, name="registration_edit"),
    path("dang-ky/<id:pk>/kiem-tra/", views.registration_validate, name="registration_validate"),
    path("dang-ky/<id:pk>/gui/", views.registration_submit, name="registration_submit"),
    path("dang-ky/<id:pk>/tiep-nhan/", views.registration_receive, name="registration_receive"),
    path("dang-ky/<id:pk>/tra-lai/", views.registration_return, name="registration_return"),
    path("dang-ky/<id:pk>/tai/<str:kind>.<str:fmt>", views.registration_download, name="registration_download"),
    path("khoi/hop-thu/", views.block_inbox, name="block_inbox"),
]
