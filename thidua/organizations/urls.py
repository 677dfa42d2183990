from django.urls import include, path

from . import views

urlpatterns = [
    path("don-vi/", views.agency_list, name="agency_list"),
    path("don-vi/<str:code>/", views.agency_detail, name="agency_detail"),
    path("don-vi/<str:code>/nhap-nhan-su/", views.staff_import_view, name="staff_import"),
    path("", include("thidua.evaluation.urls")),  # staff pages and the agency's eligibility (xét khen)
]
