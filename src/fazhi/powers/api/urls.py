"""Mounted at /api/v1/powers/ by fazhi.urls."""

from django.urls import path

from fazhi.powers.api import views

urlpatterns = [
    path("items/", views.PowerItemListApi.as_view(), name="power-item-list"),
    path("counts/", views.PowerItemCountsApi.as_view(), name="power-item-counts"),
    path("items/<str:code>/", views.PowerItemDetailApi.as_view(), name="power-item-detail"),
    path("check-items/", views.CheckItemListApi.as_view(), name="check-item-list"),
    path("check-items/<str:code>/", views.CheckItemDetailApi.as_view(), name="check-item-detail"),
    path("discretion-standards/", views.DiscretionStandardListApi.as_view(), name="discretion-standard-list"),
    path(
        "discretion-standards/<int:standard_id>/",
        views.DiscretionStandardDetailApi.as_view(),
        name="discretion-standard-detail",
    ),
    path("flexible-measures/", views.FlexibleMeasureListApi.as_view(), name="flexible-measure-list"),
    path(
        "flexible-measures/<int:measure_id>/", views.FlexibleMeasureDetailApi.as_view(), name="flexible-measure-detail"
    ),
    path("suggestions/", views.FlexibleMeasureSuggestionApi.as_view(), name="flexible-measure-suggestions"),
    path("import/", views.ListImportApi.as_view(), name="list-import"),
    path("export/", views.ListExportApi.as_view(), name="list-export"),
]
