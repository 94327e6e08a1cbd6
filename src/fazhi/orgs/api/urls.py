from django.urls import path

from fazhi.orgs.api import views

urlpatterns = [
    path("auth/token/", views.TokenObtainApi.as_view(), name="auth-token"),
    path("me/", views.MeApi.as_view(), name="me"),
    path("orgs/units/", views.OrgUnitListApi.as_view(), name="org-unit-list"),
    path("orgs/units/<str:code>/", views.OrgUnitDetailApi.as_view(), name="org-unit-detail"),
    path("orgs/unit-imports/", views.UnitImportApi.as_view(), name="org-unit-imports"),
    path("orgs/officers/", views.OfficerListApi.as_view(), name="officer-list"),
    path("orgs/officer-imports/", views.OfficerImportApi.as_view(), name="officer-imports"),
    path(
        "orgs/officers/<int:officer_id>/certificate-validity/",
        views.OfficerCertificateValidityApi.as_view(),
        name="officer-certificate-validity",
    ),
    path("orgs/certificates/", views.CertificateListApi.as_view(), name="certificate-list"),
    path("orgs/certificates/<str:number>/", views.CertificateDetailApi.as_view(), name="certificate-detail"),
    path("orgs/certificates/<str:number>/status/", views.CertificateStatusApi.as_view(), name="certificate-status"),
]
