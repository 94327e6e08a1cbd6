"""Pages of officers and certificates and the unit/officer uploads (namespace "orgs"), mounted at /orgs/."""

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
    path("imports/units/", views.org_import_view, {"kind": "units"}, name="unit_import"),
    path("imports/units/template.csv", views.org_import_template_view, {"kind": "units"}, name="unit_import_template"),
    path("imports/officers/", views.org_import_view, {"kind": "officers"}, name="officer_import"),
    path(
        "imports/officers/template.csv",
        views.org_import_template_view,
        {"kind": "officers"},
        name="officer_import_template",
    ),
]
