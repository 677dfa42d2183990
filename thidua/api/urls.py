from django.urls import path

from . import views

urlpatterns = [
    path("khoa-api/", views.token_list, name="api_tokens"),
    path("khoa-api/<id:pk>/thu-hoi/", views.token_revoke, name="api_token_revoke"),
]
