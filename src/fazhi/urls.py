"""Root URLs: the web shell at /, the versioned REST API at /api/v1/, the admin at /admin/."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-v1:schema"), name="docs"),
    # the project's template: drf-spectacular's loads Google Fonts, and every asset must come from this site
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api-v1:schema", template_name="core/api/redoc.html"),
        name="redoc",
    ),
    path("deadlines/", include("fazhi.core.deadlines.api.urls")),
    path("calendars/", include("fazhi.core.calendars.api.urls")),
    path("legal/", include("fazhi.legal.api.urls")),
    path("enforcement/", include("fazhi.enforcement.api.urls")),
    path("powers/", include("fazhi.powers.api.urls")),
    path("reconsideration/", include("fazhi.reconsideration.api.urls")),
    path("litigation/", include("fazhi.litigation.api.urls")),
    path("spotchecks/", include("fazhi.spotchecks.api.urls")),
    path("supervision/", include("fazhi.supervision.api.urls")),
    path("public/", include("fazhi.enforcement.api.public_urls")),  # 行政处罚公示 API (no login)
    path("", include("fazhi.orgs.api.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api-v1"))),
    path("powers/", include("fazhi.powers.urls")),
    path("enforcement/", include("fazhi.enforcement.document_urls")),  # 执法文书 and evidence downloads
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("public/penalties/", include("fazhi.enforcement.public_urls")),  # 行政处罚公示 (no login)
    path("orgs/", include("fazhi.orgs.urls")),
    path("spotchecks/", include("fazhi.spotchecks.urls")),
    path("supervision/", include("fazhi.supervision.urls")),
    path("reconsideration/", include("fazhi.reconsideration.urls")),
    path("litigation/", include("fazhi.litigation.urls")),
    path("", include("fazhi.web.urls")),
]

handler400 = "fazhi.web.views.errors.bad_request"
handler403 = "fazhi.web.views.errors.permission_denied"
handler404 = "fazhi.web.views.errors.page_not_found"
handler500 = "fazhi.web.views.errors.server_error"
