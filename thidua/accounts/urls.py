from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("suc-khoe/", views.health, name="health"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("tai-khoan/", views.user_list, name="user_list"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("tai-khoan/<id:pk>/dat-lai-mat-khau/", views.password_reset, name="password_reset"),
]
