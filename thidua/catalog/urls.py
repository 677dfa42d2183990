from django.urls import path

from . import views

urlpatterns = [
    path("quy-dinh/", views.law_in_force_page, name="law_in_force"),
    path("quy-dinh/tinh/", views.province_rules, name="province_rules"),
    path("quy-dinh/tinh/<slug:kind>/them/", views.province_rule_edit, name="province_rule_add"),
    path("quy-dinh/tinh/<slug:kind>/<id:pk>/", views.province_rule_edit, name="province_rule_edit"),
    path("quy-dinh/tinh/<slug:kind>/<id:pk>/xoa/", views.province_rule_delete, name="province_rule_delete"),
    path("quy-dinh/luong-co-so/", views.base_salary_list, name="base_salary_list"),
    path("quy-dinh/luong-co-so/them/", views.base_salary_add, name="base_salary_add"),
    path("quy-dinh/luong-co-so/<id:pk>/xac-nhan/", views.base_salary_confirm, name="base_salary_confirm"),
]
