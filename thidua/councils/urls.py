from django.urls import path

from . import views

urlpatterns = [
    path("hoi-dong/", views.council_list, name="council_list"),
    path("hoi-dong/moi/", views.council_create, name="council_create"),
    path("hoi-dong/<id:pk>/", views.council_detail, name="council_detail"),
    path("hoi-dong/<id:pk>/thanh-vien/", views.council_add_member, name="council_add_member"),
    path("hoi-dong/<id:pk>/thanh-vien/<id:member>/thoi/", views.council_end_member, name="council_end_member"),
    path("hoi-dong/<id:pk>/phien-hop/moi/", views.session_create, name="session_create"),
    path("phien-hop/<id:pk>/", views.session_detail, name="session_detail"),
    path("phien-hop/<id:pk>/tham-du/", views.session_attendance, name="session_attendance"),
    path("phien-hop/<id:pk>/doi-tuong/", views.session_add_candidate, name="session_add_candidate"),
    path("phien-hop/<id:pk>/doi-tuong/<id:cid>/xoa/", views.session_remove_candidate,
         name="session_remove_candidate"),
    path("phien-hop/<id:pk>/phieu/<id:cid>/", views.session_ballot, name="session_ballot"),
    path("phien-hop/<id:pk>/ket-thuc/", views.session_close, name="session_close"),
    path("phien-hop/<id:pk>/du-thao-quyet-dinh/", views.session_draft_decision, name="session_draft_decision"),
    path("phien-hop/<id:pk>/bien-ban.<str:fmt>", views.session_minutes, name="session_minutes"),
]
