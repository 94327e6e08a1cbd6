"""Mounted at /api/v1/supervision/ by fazhi.urls."""

from django.urls import path

from fazhi.supervision.api import views

urlpatterns = [
    path("indicators/", views.IndicatorsApi.as_view(), name="supervision-indicators"),
    path("definitions/", views.DefinitionsApi.as_view(), name="supervision-definitions"),
    path("drilldown/<str:kind>/", views.DrillDownApi.as_view(), name="supervision-drilldown"),
    path("snapshots/", views.SnapshotListApi.as_view(), name="supervision-snapshots"),
    path("snapshots/<int:snapshot_id>/", views.SnapshotDetailApi.as_view(), name="supervision-snapshot"),
    path("snapshots/<int:snapshot_id>/diff/", views.SnapshotDiffApi.as_view(), name="supervision-snapshot-diff"),
    path("bulletins/", views.BulletinListApi.as_view(), name="supervision-bulletins"),
    path("bulletins/<int:bulletin_id>/", views.BulletinDetailApi.as_view(), name="supervision-bulletin"),
    path("bulletins/<int:bulletin_id>/docx/", views.BulletinDocxApi.as_view(), name="supervision-bulletin-docx"),
    path("cases/<int:case_id>/self-check/", views.CaseSelfCheckApi.as_view(), name="supervision-self-check"),
    path("review-samples/", views.ReviewSampleApi.as_view(), name="supervision-review-samples"),
    path("reviews/<int:review_id>/score/", views.ReviewScoreApi.as_view(), name="supervision-review-score"),
    path(
        "reviews/<int:review_id>/rectification/",
        views.ReviewRectificationApi.as_view(),
        name="supervision-review-rectification",
    ),
    path("reviews/<int:review_id>/recheck/", views.ReviewRecheckApi.as_view(), name="supervision-review-recheck"),
    path("alerts/", views.AlertListApi.as_view(), name="supervision-alerts"),
    path("record-imports/", views.RecordImportApi.as_view(), name="supervision-record-imports"),
    path("schemes/", views.SchemeListApi.as_view(), name="supervision-schemes"),
    path("schemes/<int:scheme_id>/close/", views.SchemeCloseApi.as_view(), name="supervision-scheme-close"),
]
