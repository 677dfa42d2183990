from django.urls import path

from . import views

urlpatterns = [
    path("quy-dinh/luong-co-so/", views.base_salary_list, name="base_salary_list"),
    path("quy-dinh/luong-co-so/them/", views.base_salary_add, name="base_salary_add"),
    path("quy-dinh/luong-co-so/<int:pk>/xac-nhan/", views.base_salary_confirm, name="base_salary_confirm"),
]
