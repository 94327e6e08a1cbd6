"""Pages of supervision (namespace "supervision"), mounted at /supervision/ by fazhi.urls."""

from django.urls import path

from fazhi.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("drill/<str:kind>/", views.drilldown_view, name="drilldown"),
    path("snapshots/", views.snapshot_list_view, name="snapshots"),
    path("snapshots/<int:snapshot_id>/", views.snapshot_detail_view, name="snapshot"),
    path("bulletins/", views.bulletin_list_view, name="bulletins"),
    path("bulletins/<int:bulletin_id>/", views.bulletin_detail_view, name="bulletin"),
    path("bulletins/<int:bulletin_id>/docx/", views.bulletin_docx_view, name="bulletin_docx"),
    path("cases/<int:case_id>/self-check/", views.self_check_view, name="self_check"),
    path("reviews/", views.review_list_view, name="reviews"),
    path("reviews/<int:review_id>/", views.review_detail_view, name="review"),
    path("todo/", views.todo_view, name="todo"),
    path("schemes/", views.scheme_list_view, name="schemes"),
    path("imports/", views.record_import_view, name="record_import"),
    path("imports/template.csv", views.record_import_template_view, name="record_import_template"),
]
