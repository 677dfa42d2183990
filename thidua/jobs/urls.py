from django.urls import path

from . import views

urlpatterns = [
    path("viec-nen/<int:pk>/", views.job_detail, name="job_detail"),
    path("viec-nen/<int:pk>/tai/", views.job_download, name="job_download"),
]
