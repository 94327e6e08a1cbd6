"""Root URLs: the web shell at /, the versioned REST API at /api/v1/, the admin at /admin/."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-v1:schema"), name="redoc"),
    path("deadlines/", include("fazhi.core.deadlines.api.urls")),
    path("calendars/", include("fazhi.core.calendars.api.urls")),
    path("legal/", include("fazhi.legal.api.urls")),
    path("enforcement/", include("fazhi.enforcement.api.urls")),
    path("powers/", include("fazhi.powers.api.urls")),
    path("", include("fazhi.orgs.api.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api-v1"))),
    path("powers/", include("fazhi.powers.urls")),
    path("", include("fazhi.web.urls")),
]

handler400 = "fazhi.web.views.errors.bad_request"
handler403 = "fazhi.web.views.errors.permission_denied"
handler404 = "fazhi.web.views.errors.page_not_found"
handler500 = "fazhi.web.views.errors.server_error"
