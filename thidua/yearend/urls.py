from django.urls import path

from . import views

urlpatterns = [
    path("don-vi/<str:code>/xep-loai/", views.ratings_page, name="yearend_ratings"),
    path("don-vi/<str:code>/xep-loai/luu/", views.rating_save, name="yearend_rating_save"),
    path("don-vi/<str:code>/xep-loai/mo-lai/", views.ratings_reopen, name="yearend_ratings_reopen"),
    path("don-vi/<str:code>/xep-loai/sang-kien/", views.achievement_add, name="yearend_achievement_add"),
    path("don-vi/<str:code>/dang-ky-ca-nhan/", views.registrations_page, name="yearend_registrations"),
    path("don-vi/<str:code>/dang-ky-ca-nhan/luu/", views.registration_save, name="yearend_registration_save"),
    path("ho-so-de-nghi/", views.nomination_list, name="nomination_list"),
    path("ho-so-de-nghi/moi/", views.nomination_new, name="nomination_new"),
    path("ho-so-de-nghi/<id:pk>/", views.nomination_detail, name="nomination_detail"),
    path("ho-so-de-nghi/<id:pk>/sua/", views.nomination_edit, name="nomination_edit"),
    path("ho-so-de-nghi/<id:pk>/them-dong/", views.nomination_add_line, name="nomination_add_line"),
    path("ho-so-de-nghi/<id:pk>/dong/<id:line>/xoa/", views.nomination_remove_line, name="nomination_remove_line"),
    path("ho-so-de-nghi/<id:pk>/dong/<id:line>/tra-lai/", views.nomination_return_line,
         name="nomination_return_line"),
    path("ho-so-de-nghi/<id:pk>/gui/", views.nomination_submit, name="nomination_submit"),
    path("ho-so-de-nghi/<id:pk>/tra-lai/", views.nomination_return, name="nomination_return"),
    path("ho-so-de-nghi/<id:pk>/tham-dinh/", views.nomination_appraise, name="nomination_appraise"),
    path("ho-so-de-nghi/<id:pk>/hoi-dong/", views.nomination_to_council, name="nomination_to_council"),
    path("ho-so-de-nghi/<id:pk>/bo-phieu/", views.nomination_ballots, name="nomination_ballots"),
    path("ho-so-de-nghi/<id:pk>/quyet-dinh/", views.nomination_decide, name="nomination_decide"),
    path("ho-so-de-nghi/<id:pk>/ban-hanh/", views.nomination_issue, name="nomination_issue"),
    path("ho-so-de-nghi/<id:pk>/rut/", views.nomination_withdraw, name="nomination_withdraw"),
    path("ho-so-de-nghi/<id:pk>/dong/<id:line>/thanh-tich.<str:fmt>", views.nomination_line_report,
         name="nomination_line_report"),
    path("ho-so-de-nghi/<id:pk>/<str:what>.<str:fmt>", views.nomination_document, name="nomination_document"),
]
