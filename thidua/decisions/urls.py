from django.urls import path

from . import public, views

urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("cong-khai/<str:code>/", public.public_results, name="public_results"),
    path("quyet-dinh/moi/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<id:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<id:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<id:pk>/them-dong/", views.decision_add_line, name="decision_add_line"),
    path("quyet-dinh/<id:pk>/dong/<id:line>/xoa/", views.decision_remove_line, name="decision_remove_line"),
    path("quyet-dinh/<id:pk>/dong/<id:line>/<str:how>/", views.decision_amend_line, name="decision_amend_line"),
    path("quyet-dinh/<id:pk>/ban-hanh/", views.decision_issue, name="decision_issue"),
    path("quyet-dinh/<id:pk>/xoa/", views.decision_delete, name="decision_delete"),
    path("quyet-dinh/<id:pk>/tai.<str:fmt>", views.decision_download, name="decision_download"),
    path("quyet-dinh/<id:pk>/bang-giay-khen.pdf", views.decision_certificates, name="decision_certificates"),
    path("quyet-dinh/<id:pk>/dong/<id:line>/bang-giay-khen.pdf", views.decision_certificates,
         name="decision_line_certificate"),
    path("quyet-dinh/<id:pk>/<str:how>/", views.decision_amend, name="decision_amend"),
    path("mau-in-phoi/", views.layout_list, name="certificate_layouts"),
    path("mau-in-phoi/<str:code>/", views.layout_edit, name="certificate_layout_edit"),
    path("mau-in-phoi/<str:code>/trang-in-thu.pdf", views.layout_test_page, name="certificate_layout_test"),
]
