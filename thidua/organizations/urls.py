from django.urls import include, path

from . import views

urlpatterns = [
    path("don-vi/", views.agency_list, name="agency_list"),
    path("don-vi/<str:code>/", views.agency_detail, name="agency_detail"),
    path("don-vi/<str:code>/nhap-nhan-su/", views.staff_import_view, name="staff_import"),
    path("don-vi/<str:code>/mau-nhap-nhan-su.xlsx", views.staff_template_view, name="staff_template"),
    path("don-vi/<str:code>/them-nguoi/", views.staff_create_view, name="staff_create"),
    path("to-chuc/<str:code>/<slug:change>/", views.unit_change_view, name="unit_change"),
    path("nhan-su/<id:pk>/sua/", views.staff_edit_view, name="staff_edit"),
    path("nhan-su/<id:pk>/chuyen-phong/", views.staff_move_view, name="staff_move"),
    path("nhan-su/<id:pk>/thoi-viec/", views.staff_depart_view, name="staff_depart"),
    path("", include("thidua.evaluation.urls")),  # staff pages and the agency's eligibility (xét khen)
]
