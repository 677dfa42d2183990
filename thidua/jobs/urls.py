from django.urls import path

from . import views

urlpatterns = [
    path("viec-nen/<id:pk>/", views.job_detail, name="job_detail"),
    path("viec-nen/<id:pk>/tai/", views.job_download, name="job_download"),
]
