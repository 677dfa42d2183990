from django.urls import path

from . import views

urlpatterns = [
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/<id:pk>/", views.notification_open, name="notification_open"),
    path("thong-bao/chua-doc/", views.notification_badge, name="notification_badge"),
    path("thong-bao/da-doc/", views.notification_read_all, name="notification_read_all"),
]
