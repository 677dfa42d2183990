from django.urls import path

from . import views

urlpatterns = [
    path("nhan-su/<id:pk>/", views.staff_detail, name="staff_detail"),
    path("don-vi/<str:code>/xet-khen/", views.agency_eligibility_page, name="agency_eligibility"),
]
