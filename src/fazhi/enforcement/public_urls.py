"""Public 行政处罚公示 pages (namespace "enforcement_public"), mounted at /public/penalties/."""

from django.urls import path

from fazhi.enforcement import public_views

app_name = "enforcement_public"

urlpatterns = [
    path("", public_views.public_penalty_list_view, name="list"),
    path("<int:publication_id>/", public_views.public_penalty_detail_view, name="detail"),
]
