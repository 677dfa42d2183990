from django.contrib import admin
from django.urls import include, path

from thidua.api.v1 import api as api_v1

admin.site.site_header = "Quản trị thi đua – khen thưởng"
admin.site.site_title = "thidua"
admin.site.index_title = "Danh mục, quy định và dữ liệu"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api_v1.urls),
    path("", include("thidua.api.urls")),
    path("", include("thidua.accounts.urls")),
    path("", include("thidua.emulation.urls")),
    path("", include("thidua.organizations.urls")),
    path("", include("thidua.blocks.urls")),
    path("", include("thidua.notifications.urls")),
    path("", include("thidua.yearend.urls")),
    path("", include("thidua.reports.urls")),
    path("", include("thidua.councils.urls")),
    path("", include("thidua.decisions.urls")),
    path("", include("thidua.jobs.urls")),
    path("", include("thidua.catalog.urls")),
]

# Vietnamese error pages (thidua.core.views); the CSRF failure page is settings.CSRF_FAILURE_VIEW.
handler400 = "thidua.core.views.bad_request"
handler403 = "thidua.core.views.permission_denied"
handler404 = "thidua.core.views.page_not_found"
handler500 = "thidua.core.views.server_error"
