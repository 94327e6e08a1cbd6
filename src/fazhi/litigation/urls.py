"""Pages of 行政应诉 (namespace "litigation"), mounted at /litigation/ by fazhi.urls."""

from django.urls import path

from fazhi.litigation import views

app_name = "litigation"

urlpatterns = [
    path("", views.case_list_view, name="case_list"),
    path("cases/new/", views.case_register_view, name="case_register"),
    path("cases/<int:case_id>/", views.case_detail_view, name="case_detail"),
    path("cases/<int:case_id>/steps/<str:step>/", views.case_step_view, name="case_step"),
]
