"""Unit-admin pages of officers and certificates (namespace "orgs"), mounted at /orgs/ by fazhi.urls."""

from django.urls import path

from fazhi.orgs import views

app_name = "orgs"

urlpatterns = [
    path("officers/", views.officer_list_view, name="officer_list"),
    path("officers/<int:officer_id>/", views.officer_detail_view, name="officer_detail"),
    path("officers/<int:officer_id>/certificates/", views.certificate_issue_view, name="certificate_issue"),
    path(
        "officers/<int:officer_id>/certificates/<str:number>/change/",
        views.certificate_change_view,
        name="certificate_change",
    ),
    path(
        "officers/<int:officer_id>/certificates/<str:number>/<str:action>/",
        views.certificate_status_view,
        name="certificate_status",
    ),
]
