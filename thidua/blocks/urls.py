from django.urls import path

from . import views

Y = "khoi/<str:code>/<year:year>/"

urlpatterns = [
    path("khoi/", views.block_list, name="block_list"),
    path("khoi/moi/", views.block_create, name="block_create"),
    path("khoi/<str:code>/sao-chep/", views.block_year_copy, name="block_year_copy"),
    path(Y, views.block_year_detail, name="block_year_detail"),
    path(Y + "thiet-lap/", views.block_year_setup, name="block_year_setup"),
    path(Y + "tong-hop/", views.block_consolidation, name="block_consolidation"),
    path(Y + "tong-hop.<str:fmt>", views.block_consolidation_download, name="block_consolidation_download"),
    path(Y + "giao-uoc/", views.compact_detail, name="compact_detail"),
    path(Y + "giao-uoc/sua/", views.compact_edit, name="compact_edit"),
    path(Y + "bang-diem/sua/", views.scoring_table_edit, name="scoring_table_edit"),
    path(Y + "cham-diem/", views.scoring_page, name="scoring_page"),
    path(Y + "cham-diem/<str:subject>/", views.scorecard_edit, name="scorecard_edit"),
    path(Y + "phieu/<id:pk>/", views.scorecard_view, name="scorecard_view"),
    path(Y + "phieu/<id:pk>/tra-lai/", views.scorecard_return, name="scorecard_return"),
    path(Y + "thong-nhat/<str:unit>/", views.agreed_edit, name="agreed_edit"),
    path(Y + "xep-hang/", views.block_ranking, name="block_ranking"),
    path(Y + "xep-hang/hoi-nghi/", views.review_save, name="review_save"),
    path(Y + "xep-hang/cong-bo/", views.results_publish, name="results_publish"),
    path(Y + "xep-hang/de-nghi/", views.proposals_make, name="proposals_make"),
    path("phong-trao/", views.movement_list, name="movement_list"),
    path("phong-trao/phat-dong/", views.movement_launch, name="movement_launch"),
    path("phong-trao/<id:pk>/", views.movement_detail, name="movement_detail"),
]
