"""Pages of 行政复议 (namespace "reconsideration"), mounted at /reconsideration/ by fazhi.urls."""

from django.urls import path

from fazhi.reconsideration import views

app_name = "reconsideration"

urlpatterns = [
    path("", views.workbench_view, name="workbench"),
    path("cases/", views.case_list_view, name="case_list"),
    path("cases/new/", views.case_register_view, name="case_register"),
    path("cases/<int:case_id>/", views.case_detail_view, name="case_detail"),
    path("cases/<int:case_id>/steps/<str:step>/", views.case_step_view, name="case_step"),
    path("cases/<int:case_id>/letters/", views.letter_issue_view, name="letter_issue"),
    path("cases/<int:case_id>/documents/<str:kind>.docx", views.document_view, name="document"),
    path("statistics/", views.statistics_view, name="statistics"),
    path("alerts/", views.alert_list_view, name="alerts"),
    path("apply/", views.public_apply_view, name="public_apply"),
    path("apply/status/", views.public_status_view, name="public_status"),
]
