"""Public API routes, mounted at /api/v1/public/ by the root URLconf."""

from django.urls import path

from fazhi.enforcement.api import public_views

urlpatterns = [
    path("penalties/", public_views.PublicPenaltyListApi.as_view(), name="public-penalty-list"),
    path(
        "penalties/<int:publication_id>/", public_views.PublicPenaltyDetailApi.as_view(), name="public-penalty-detail"
    ),
]
